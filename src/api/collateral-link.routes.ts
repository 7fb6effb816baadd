import { pipeline } from 'node:stream/promises';
import { Router, type Response } from 'express';
import { attachmentDisposition } from '../collateral/collateral-download';
import { collateralLinkSecret, COLLATERAL_LINK_TOKEN_PATTERN, verifyCollateralLink } from '../collateral-kits/collateral-link';
import { isDatabaseUnavailable } from '../db/prisma-errors';
import type { ApiDependencies } from './route';

/**
 * `/files/:token`, outside /api/v1 and without an API key: the download links of campaign
 * messages (see collateral-link.ts). A link names one version of one item and works until it
 * expires (410 then), whatever the item's status since: what was mailed stays downloadable for
 * the life of its link. A token that is malformed or not ours is a 404, like an unknown page.
 */
export function collateralLinkRoutes(deps: Pick<ApiDependencies, 'db' | 'logger' | 'collateral'>, now: () => Date = () => new Date()): Router {
  const router = Router();
  const answer = (res: Response, status: number, text: string) => {
    res.status(status).set('Cache-Control', 'no-store').type('text/plain; charset=utf-8').send(text);
  };

  router.get('/files/:token', async (req, res) => {
    res.locals.routePattern = '/files/:token';
    try {
      const token = req.params.token;
      if (!COLLATERAL_LINK_TOKEN_PATTERN.test(token)) return answer(res, 404, 'This download link is not valid.');
      const link = verifyCollateralLink(await collateralLinkSecret(deps.db), token);
      if (!link) return answer(res, 404, 'This download link is not valid.');
      if (link.expiresAt.getTime() <= now().getTime()) return answer(res, 410, 'This download link has expired: ask the sender for the file again.');
      const version = await deps.db.collateralVersion.findUnique({ where: { itemId_number: { itemId: link.itemId, number: link.version } } });
      if (!version) return answer(res, 404, 'This download link is not valid.');
      if (!deps.collateral) return answer(res, 503, 'The file cannot be served right now: try again later.');
      const bytes = await deps.collateral.store.read(version.sha256);
      res.status(200).set({
        'Content-Type': version.mediaType,
        'Content-Length': String(version.sizeBytes),
        'Content-Disposition': attachmentDisposition(version.fileName),
        // Anyone holding the link may download: no shared cache keeps a copy past its expiry.
        'Cache-Control': 'private, no-store',
      });
      // The answer has begun: a store failing now can only cut it, which the client sees as a short file.
      await pipeline(bytes, res).catch(() => undefined);
    } catch (error) {
      deps.logger.error({ err: error, url: '/files/…' }, 'collateral download link failed');
      if (res.headersSent) return;
      if (isDatabaseUnavailable(error)) res.set('Retry-After', '60');
      answer(res, 503, 'The file cannot be served right now: try again later.');
    }
  });
  return router;
}
