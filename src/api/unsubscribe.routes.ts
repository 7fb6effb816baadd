import { Router, type Response } from 'express';
import { isDatabaseUnavailable } from '../db/prisma-errors';
import type { ApiDependencies } from './route';
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
export function unsubscribeRoutes(deps: Pick<ApiDependencies, 'db' | 'logger'>): Router {
  const router = Router();

  const answer = (res: Response, status: number, html: string) => {
    res.status(status).set('Cache-Control', 'no-store').type('html').send(html);
  };
  const failed = (res: Response, error: unknown, method: string) => {
    deps.logger.error({ err: error, method, url: '/unsubscribe/…' }, 'unsubscribe request failed');
    if (isDatabaseUnavailable(error)) res.set('Retry-After', '60');
    answer(res, isDatabaseUnavailable(error) ? 503 : 500, unavailablePage());
  };

  router.get('/unsubscribe/:token', async (req, res) => {
    res.locals.routePattern = '/unsubscribe/:token';
    try {
      const target = await readUnsubscribeToken(deps.db, req.params.token);
      if (!target) return answer(res, 400, badLinkPage());
      answer(res, 200, confirmPage(req.params.token));
    } catch (error) {
      failed(res, error, 'GET');
    }
  });

  router.post('/unsubscribe/:token', async (req, res) => {
    res.locals.routePattern = '/unsubscribe/:token';
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
