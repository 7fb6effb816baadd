import type { RequestHandler } from 'express';
import { rateLimit, type AugmentedRequest } from 'express-rate-limit';
import type { Db } from '../db/prisma';
import type { Logger } from '../logger';
import { clientAddress } from '../rate-limit/client-address';
import { PostgresRateLimitStore } from '../rate-limit/postgres-store';
import type { WindowLimit } from '../rate-limit/rate-limit-settings';
import { TooManyRequestsError } from '../rate-limit/too-many-requests';

/**
 * Requests for e-mailed sign-in links per client address, counted in PostgreSQL for every API
 * process (src/rate-limit/): each request counts, whether or not the address has a user, so the
 * limit says nothing about accounts either. Past it, a 429 TOO_MANY_REQUESTS with Retry-After.
 */
export function emailLinkRateLimit(db: Db, logger: Logger, { limit, windowMs }: WindowLimit): RequestHandler {
  return rateLimit({
    windowMs,
    limit,
    store: new PostgresRateLimitStore(db, 'email-link:', windowMs),
    keyGenerator: clientAddress,
    standardHeaders: false,
    legacyHeaders: false,
    logger,
    // PostgreSQL down: the route itself then answers its 503.
    passOnStoreError: true,
    handler: (req, res, next) => {
      const seconds = Math.max(1, Math.ceil((((req as AugmentedRequest).rateLimit.resetTime?.getTime() ?? Date.now() + windowMs) - Date.now()) / 1000));
      res.set('Retry-After', String(seconds));
      next(new TooManyRequestsError(`Too many sign-in links asked for from this address: try again in ${seconds} s`, seconds));
    },
  });
}
