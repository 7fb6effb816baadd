import type { Request } from 'express';
import { AppError } from '../errors/app-error';
import { sqlPool, type Db } from '../db/prisma';
import { hashApiKey } from '../users/api-keys';
import type { Caller, Role } from '../auth/caller';
import { authFailureLimiterOf, type AuthFailureLimiter } from '../rate-limit/auth-failures';
import { sessionCaller } from '../sessions/session-auth';

/** lastUsedAt is written at most this often per key: most requests write nothing. */
const LAST_USED_RESOLUTION = '1 minute';

interface KeyRow {
  key_id: string | null;
  revoked: boolean | null;
  expired: boolean;
  stale: boolean | null;
  user_id: string | null;
  email: string | null;
  name: string | null;
  role: Role | null;
  deactivated: boolean | null;
  failures: number;
  retry_after_ms: string | null;
}

// One statement per request: the key, its user, and how many refusals the client's address has in its
// current window. The (VALUES (1)) row answers even when the key is unknown.
const KEY_LOOKUP = `
  SELECT k.id::text AS key_id, k.revoked_at IS NOT NULL AS revoked, COALESCE(k.expires_at <= now(), false) AS expired,
         (k.last_used_at IS NULL OR k.last_used_at < now() - interval '${LAST_USED_RESOLUTION}') AS stale,
         u.id::text AS user_id, u.email, u.name, u.role::text AS role, u.deactivated_at IS NOT NULL AS deactivated,
         COALESCE(w.hits, 0) AS failures, ceil(extract(epoch FROM w.reset_at - now()) * 1000)::bigint::text AS retry_after_ms
  FROM (VALUES (1)) AS one (x)
  LEFT JOIN api_keys k ON k.key_hash = $1
  LEFT JOIN users u ON u.id = k.user_id
  LEFT JOIN rate_limit_windows w ON w.key = $2::text AND w.reset_at > now()`;

// Conditional, so that of the concurrent requests of one key (on any API process) one writes, once a minute.
const TOUCH_LAST_USED = `UPDATE api_keys SET last_used_at = now() WHERE id = $1::uuid AND (last_used_at IS NULL OR last_used_at < now() - interval '${LAST_USED_RESOLUTION}')`;

/**
 * Resolves the caller from `Authorization: Bearer <key>`, or else the console's session cookie. A key
 * is refused when unknown, revoked, expired or its user deactivated; each refused credential counts
 * against the client's address, and past the limit (AUTH_FAILURE_LIMIT) the address gets 429.
 */
export async function authenticate(db: Db, req: Request): Promise<Caller> {
  const limiter = authFailureLimiterOf(req);
  const header = req.get('authorization');
  if (!header) {
    const caller = await countingRefusals(limiter, req, () => sessionCaller(db, req));
    if (caller) return caller;
    throw new AppError('UNAUTHENTICATED', 'Missing API key: send the header "Authorization: Bearer <key>"');
  }
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw new AppError('UNAUTHENTICATED', 'Malformed Authorization header: expected "Bearer <key>"');
  const pool = sqlPool(db);
  const {
    rows: [row],
  } = await pool.query<KeyRow>(KEY_LOOKUP, [hashApiKey(match[1]), limiter?.windowKey(req) ?? null]);
  // Past the limit every key is refused, the right ones too: guessing must learn nothing.
  if (limiter && row.failures >= limiter.limit) throw limiter.tooMany(Number(row.retry_after_ms ?? 0));
  const refusal = keyRefusal(row);
  if (refusal) {
    await limiter?.countFailure(req);
    throw refusal;
  }
  if (row.stale) await pool.query(TOUCH_LAST_USED, [row.key_id]);
  return { id: row.user_id!, email: row.email!, name: row.name!, role: row.role! };
}

function keyRefusal(row: KeyRow): AppError | null {
  if (!row.key_id || row.revoked) return new AppError('UNAUTHENTICATED', 'Invalid or revoked API key');
  if (row.expired) return new AppError('UNAUTHENTICATED', 'Expired API key: ask an admin for a new one, or create one after signing in to the console');
  if (row.deactivated) return new AppError('UNAUTHENTICATED', 'The user of this API key is deactivated');
  return null;
}

/** A session that is refused (unknown, expired, revoked) counts as a failed sign-in too; a missing one does not. */
async function countingRefusals(limiter: AuthFailureLimiter | undefined, req: Request, resolve: () => Promise<Caller | null>): Promise<Caller | null> {
  try {
    return await resolve();
  } catch (error) {
    if (limiter && error instanceof AppError && error.code === 'UNAUTHENTICATED') await limiter.countFailure(req);
    throw error;
  }
}
