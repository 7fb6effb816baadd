import type { Request } from 'express';
import type { Db } from '../db/prisma';
import { clientAddress } from './client-address';
import { PostgresRateLimitStore } from './postgres-store';
import type { WindowLimit } from './rate-limit-settings';
import { TooManyRequestsError } from './too-many-requests';

/**
 * Failed authentication per client address. Only refusals are counted, so a request with a good
 * credential writes nothing here; the count of the address is read with the key itself (one
 * statement, src/api/authenticate.ts), and past the limit every API key from that address is refused
 * with 429 until the window ends, the right ones too, so that guessing learns nothing.
 */
export interface AuthFailureLimiter {
  limit: number;
  /** The row of the request's address in rate_limit_windows. */
  windowKey(req: Request): string;
  /** Counts one refused credential: throws the 429 instead of the refusal once the address is past the limit. */
  countFailure(req: Request): Promise<void>;
  tooMany(retryAfterMs: number): TooManyRequestsError;
}

const PREFIX = 'auth-failure:';

export function createAuthFailureLimiter(db: Db, { limit, windowMs }: WindowLimit): AuthFailureLimiter {
  const store = new PostgresRateLimitStore(db, PREFIX, windowMs);
  const tooMany = (retryAfterMs: number) =>
    new TooManyRequestsError(`Too many failed sign-ins from this address: try again in ${Math.ceil(retryAfterMs / 1000)} s`, Math.max(1, Math.ceil(retryAfterMs / 1000)));
  return {
    limit,
    windowKey: (req) => PREFIX + clientAddress(req),
    async countFailure(req) {
      const { totalHits, resetTime } = await store.increment(clientAddress(req));
      if (totalHits > limit) throw tooMany((resetTime?.getTime() ?? Date.now() + windowMs) - Date.now());
    },
    tooMany,
  };
}

const LOCALS_KEY = 'authFailureLimiter';

/** Kept on the Express app (createApp) like the session settings, so authenticate finds it from the request. */
export function useAuthFailureLimiter(locals: Record<string, unknown>, limiter: AuthFailureLimiter): void {
  locals[LOCALS_KEY] = limiter;
}

/** The app's limiter; undefined for an app made without one (nothing is limited then). */
export function authFailureLimiterOf(req: Request): AuthFailureLimiter | undefined {
  return req.app?.locals?.[LOCALS_KEY] as AuthFailureLimiter | undefined;
}
