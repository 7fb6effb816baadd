import type { DbClient } from '../db/prisma';
import type { SessionMethod } from './sessions.schemas';
import type { SessionSettings } from './session-settings';
import { hashToken, randomToken } from './session-token';

export interface NewSession {
  /** The cookie's value: given to the browser once, only its hash is kept. */
  token: string;
  expiresAt: Date;
}

const USER_AGENT_MAX = 400;

/** Starts a console session for an active user who has just proven who they are. */
export async function createSession(
  db: DbClient,
  settings: SessionSettings,
  input: { userId: string; method: SessionMethod; userAgent?: string; ipAddress?: string },
): Promise<NewSession> {
  const token = randomToken();
  // One clock for the three: the lifetime checks compare them with this process's time.
  const now = new Date();
  const expiresAt = new Date(now.getTime() + settings.ttlMs);
  await db.session.create({
    data: {
      userId: input.userId,
      tokenHash: hashToken(token),
      csrfToken: randomToken(),
      method: input.method,
      userAgent: input.userAgent?.slice(0, USER_AGENT_MAX) || null,
      ipAddress: input.ipAddress || null,
      createdAt: now,
      lastSeenAt: now,
      expiresAt,
    },
  });
  return { token, expiresAt };
}
