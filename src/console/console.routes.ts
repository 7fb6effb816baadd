import { Router, type Request, type Response } from 'express';
import { consoleBundle, type ConsoleAsset } from './console-bundle';

const attribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

const page = (assetVersion: string, temporalUiWorkflows?: string) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${temporalUiWorkflows ? `<meta name="crm-temporal-ui-workflows" content="${attribute(temporalUiWorkflows)}">\n` : ''}<title>CRM console</title>
<link rel="stylesheet" href="/console/assets/app.css?v=${assetVersion}">
<script type="module" src="/console/assets/app.js?v=${assetVersion}"></script>
</head>
<body><div id="app"></div><noscript>The CRM console needs JavaScript.</noscript></body>
</html>`;

/**
 * The web console: one page whose script talks to /api/v1 with the user's API key. With `temporalUi`,
 * admins get links from accounts, campaigns and plans to their workflows there.
 */
export function consoleRoutes(options: { temporalUi?: { url: string; namespace: string } } = {}): Router {
  const temporalUiWorkflows = options.temporalUi && `${options.temporalUi.url}/namespaces/${encodeURIComponent(options.temporalUi.namespace)}/workflows/`;
  const router = Router();
  router.get('/', (_req, res) => res.redirect(302, '/console/'));
  router.get('/console/assets/app.js', async (req, res) => sendAsset(req, res, 'text/javascript', (await consoleBundle()).js));
  router.get('/console/assets/app.css', async (req, res) => sendAsset(req, res, 'text/css', (await consoleBundle()).css));
  router.get('/console/', async (req, res) => {
    // Routing is not strict: /console reaches this handler too, and relative asset links need the slash.
    if (!req.originalUrl.split('?')[0]!.endsWith('/')) return res.redirect(301, '/console/');
    res.type('html').set('Cache-Control', 'no-cache').send(page((await consoleBundle()).version, temporalUiWorkflows));
  });
  return router;
}

function sendAsset(req: Request, res: Response, type: string, asset: ConsoleAsset): void {
  res.type(type).set({ 'Cache-Control': 'public, max-age=31536000, immutable', Vary: 'Accept-Encoding' });
  if (req.acceptsEncodings('gzip') === 'gzip') res.set('Content-Encoding', 'gzip').send(asset.gzipped);
  else res.send(asset.text);
}
