import type { Request } from 'express';
import type { Caller } from '../auth/caller';
import type { Db } from '../db/prisma';

export const SESSION_COOKIE = 'crm_session';

/**
 * The caller of a request that carries the console's session cookie, or null when it carries none.
 * Throws UNAUTHENTICATED for an unknown, expired or revoked session or a deactivated user, and
 * FORBIDDEN for a state-changing request without the session's CSRF token.
 */
export async function sessionCaller(_db: Db, _req: Request): Promise<Caller | null> {
  // Filled in by the sign-in work (issue 16): until then no request carries a session.
  return null;
}
