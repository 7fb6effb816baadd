import type { Db } from '../db/prisma';
import type { Prisma } from '../generated/prisma/client';
import type { SessionListQuery, SessionResponse } from './sessions.schemas';
import type { SessionSettings } from './session-settings';
import { sessionViewSelect, toSessionView } from './session-view';

const ENDED_KEPT_DAYS = 30;
const LIST_LIMIT = 200;

/**
 * A user's sessions, newest first: the ones that still work, or with `status: 'all'` also those that
 * ended (expired, idle, revoked) in the last 30 days.
 */
export async function listSessions(
  db: Db,
  settings: SessionSettings,
  { userId, query, currentHash }: { userId: string; query: SessionListQuery; currentHash: string | undefined },
): Promise<{ items: SessionResponse[] }> {
  const now = Date.now();
  const where: Prisma.SessionWhereInput =
    query.status === 'active'
      ? { userId, revokedAt: null, expiresAt: { gt: new Date(now) }, lastSeenAt: { gt: new Date(now - settings.idleTimeoutMs) } }
      : { userId, createdAt: { gt: new Date(now - ENDED_KEPT_DAYS * 86_400_000 - settings.ttlMs) } };
  const rows = await db.session.findMany({ where, select: sessionViewSelect, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: LIST_LIMIT });
  return { items: rows.map((row) => toSessionView(row, settings, currentHash)) };
}
