import type { Response } from 'express';
import { rateLimit, type AugmentedRequest, type RateLimitRequestHandler } from 'express-rate-limit';
import type { Db } from '../db/prisma';
import type { Logger } from '../logger';
import { clientAddress } from './client-address';
import { PostgresRateLimitStore } from './postgres-store';
import type { WindowLimit } from './rate-limit-settings';

/**
 * The public unsubscribe pages, per client address: express-rate-limit on the PostgreSQL store, every
 * request counted (they take no credentials). Past the limit, `tooMany` answers, with Retry-After set.
 * Other public pages (event registration) use it with a `prefix` of their own, counted apart.
 */
export function unsubscribeRateLimit(db: Db, logger: Logger, { limit, windowMs }: WindowLimit, tooMany: (res: Response) => void, prefix = 'unsubscribe:'): RateLimitRequestHandler {
  return rateLimit({
    windowMs,
    limit,
    store: new PostgresRateLimitStore(db, prefix, windowMs),
    keyGenerator: clientAddress,
    // No RateLimit-* headers on every page: only Retry-After, on the refusal.
    standardHeaders: false,
    legacyHeaders: false,
    logger,
    // PostgreSQL down: the page itself then answers its own 503 page, rather than this limiter a JSON error.
    passOnStoreError: true,
    handler: (req, res) => {
      const resetTime = (req as AugmentedRequest).rateLimit.resetTime?.getTime() ?? Date.now() + windowMs;
      res.set('Retry-After', String(Math.max(1, Math.ceil((resetTime - Date.now()) / 1000))));
      tooMany(res);
    },
  });
}
