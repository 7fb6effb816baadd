import type { Request } from 'express';
import type { Caller } from '../auth/caller';
import type { Db } from '../db/prisma';
import { AppError } from '../errors/app-error';
import { readCookie, SESSION_COOKIE } from './session-cookie';
import { sessionSettingsOf } from './session-settings';
import { sessionEndsAt } from './session-lifetime';
import { hashToken, sameToken, TOKEN_PATTERN } from './session-token';

export { SESSION_COOKIE } from './session-cookie';

export const CSRF_HEADER = 'X-CSRF-Token';
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
// lastSeenAt is written at most this often: a busy console page would otherwise write on every request.
const LAST_SEEN_RESOLUTION_MS = 60_000;

export interface LiveSession {
  id: string;
  csrfToken: string;
  /** When it ends unless used again: its absolute expiry, or sooner when it stays idle. */
  endsAt: Date;
  user: Caller;
}

const ended = () => new AppError('UNAUTHENTICATED', 'Your session has ended (it expired, was revoked or signed out): sign in again');

/** The SHA-256 of the request's session cookie, or undefined without one: tells the caller's own session in lists. */
export function sessionCookieHash(req: Request): string | undefined {
  const token = readCookie(req, SESSION_COOKIE);
  return token ? hashToken(token) : undefined;
}

/**
 * The live session the request's cookie names, or null when the request carries no session cookie.
 * Throws UNAUTHENTICATED when the cookie names no live session of an active user: unknown, expired,
 * idle too long, revoked, or its user deactivated; and FORBIDDEN, with `checkCsrf`, for a
 * state-changing request without the session's CSRF token. Only an accepted request counts as use.
 */
export async function findLiveSession(db: Db, req: Request, { checkCsrf }: { checkCsrf: boolean }): Promise<LiveSession | null> {
  const token = readCookie(req, SESSION_COOKIE);
  if (!token) return null;
  if (!TOKEN_PATTERN.test(token)) throw ended();
  const session = await db.session.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      id: true,
      csrfToken: true,
      expiresAt: true,
      lastSeenAt: true,
      revokedAt: true,
      user: { select: { id: true, email: true, name: true, role: true, deactivatedAt: true } },
    },
  });
  if (!session || session.revokedAt || session.user.deactivatedAt) throw ended();
  const settings = sessionSettingsOf(req);
  if (sessionEndsAt(session, settings).getTime() <= Date.now()) throw ended();
  const { deactivatedAt: _deactivated, ...user } = session.user;
  const live = { id: session.id, csrfToken: session.csrfToken, endsAt: sessionEndsAt(session, settings), user };
  if (checkCsrf) requireCsrfToken(req, live);
  if (Date.now() - session.lastSeenAt.getTime() < LAST_SEEN_RESOLUTION_MS) return live;
  // Conditional, so the concurrent requests of one page write it once.
  const now = new Date();
  await db.session.updateMany({ where: { id: session.id, lastSeenAt: { lt: new Date(now.getTime() - LAST_SEEN_RESOLUTION_MS) } }, data: { lastSeenAt: now } });
  return { ...live, endsAt: sessionEndsAt({ expiresAt: session.expiresAt, lastSeenAt: now }, settings) };
}

/**
 * Refuses a state-changing request (POST, PUT, PATCH, DELETE) that does not carry the session's CSRF
 * token in X-CSRF-Token: a cookie goes with every request the browser makes, a header only with the
 * console's own (another site's page cannot read the token, nor set the header without CORS).
 */
export function requireCsrfToken(req: Request, session: LiveSession): void {
  if (!STATE_CHANGING.has(req.method)) return;
  const given = req.get(CSRF_HEADER);
  if (!given || !sameToken(given, session.csrfToken)) {
    throw new AppError('FORBIDDEN', `A ${req.method} request signed in with a session cookie must send the session's CSRF token in the ${CSRF_HEADER} header (GET /auth/session answers it)`);
  }
}

/**
 * The caller of a request that carries the console's session cookie, or null when it carries none.
 * Throws UNAUTHENTICATED for an unknown, expired or revoked session or a deactivated user, and
 * FORBIDDEN for a state-changing request without the session's CSRF token.
 */
export async function sessionCaller(db: Db, req: Request): Promise<Caller | null> {
  return (await findLiveSession(db, req, { checkCsrf: true }))?.user ?? null;
}
