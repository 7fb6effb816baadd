import { Router, type RequestHandler, type Response } from 'express';
import { isDatabaseUnavailable } from '../db/prisma-errors';
import type { ApiDependencies } from './route';
import { DEFAULT_RATE_LIMITS, type WindowLimit } from '../rate-limit/rate-limit-settings';
import { unsubscribeRateLimit } from '../rate-limit/unsubscribe-limit';
import { badLinkPage, confirmPage, donePage, unavailablePage } from '../unsubscribe/unsubscribe-pages';
import { unsubscribeContact } from '../unsubscribe/unsubscribe';
import { readUnsubscribeToken } from '../unsubscribe/unsubscribe-token';

/**
 * `/unsubscribe/:token`, outside /api/v1 and without an API key: the link of every campaign
 * message (List-Unsubscribe). GET shows a page whose button posts and changes nothing, since
 * mail scanners and link previews follow links; POST unsubscribes at once, from that page's
 * form or from a mail client's RFC 8058 one-click request (`List-Unsubscribe=One-Click`, which
 * needs no body to be read: the signed token says everything).
 */
export function unsubscribeRoutes(deps: Pick<ApiDependencies, 'db' | 'logger'>, rateLimit: WindowLimit = DEFAULT_RATE_LIMITS.unsubscribe): Router {
  const router = Router();

  const answer = (res: Response, status: number, html: string) => {
    res.status(status).set('Cache-Control', 'no-store').type('html').send(html);
  };
  // Public and without credentials: limited per client address (UNSUBSCRIBE_RATE_LIMIT).
  const limited = unsubscribeRateLimit(deps.db, deps.logger, rateLimit, (res) => answer(res, 429, unavailablePage()));
  // The metrics' route label, set before the limiter can answer.
  const named: RequestHandler = (_req, res, next) => {
    res.locals.routePattern = '/unsubscribe/:token';
    next();
  };
  router.use('/unsubscribe/:token', named, limited);
  const failed = (res: Response, error: unknown, method: string) => {
    deps.logger.error({ err: error, method, url: '/unsubscribe/…' }, 'unsubscribe request failed');
    if (isDatabaseUnavailable(error)) res.set('Retry-After', '60');
    answer(res, isDatabaseUnavailable(error) ? 503 : 500, unavailablePage());
  };

  router.get('/unsubscribe/:token', async (req, res) => {
    try {
      const target = await readUnsubscribeToken(deps.db, req.params.token);
      if (!target) return answer(res, 400, badLinkPage());
      answer(res, 200, confirmPage(req.params.token));
    } catch (error) {
      failed(res, error, 'GET');
    }
  });

  router.post('/unsubscribe/:token', async (req, res) => {
    try {
      const target = await readUnsubscribeToken(deps.db, req.params.token);
      if (!target) return answer(res, 400, badLinkPage());
      await unsubscribeContact(deps.db, target);
      answer(res, 200, donePage());
    } catch (error) {
      failed(res, error, 'POST');
    }
  });

  return router;
}
