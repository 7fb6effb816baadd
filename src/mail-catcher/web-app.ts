import express, { type NextFunction, type Request, type Response } from 'express';
import { renderList, renderMessage, renderNotFound } from './html-pages';
import type { MessageStore } from './message-store';
import type { MailCatcherLogger } from './types';

const DEFAULT_API_LIMIT = 100;
const PAGE_LIMIT = 200;

export function createWebApp(store: MessageStore, clear: () => Promise<void>, logger: MailCatcherLogger): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use((_req, res, next) => {
    // The pages never need scripts; forbidding them backs up the escaping and the sandbox
    // (the srcdoc iframe inherits this policy).
    res.set({
      'Content-Security-Policy': "script-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-store',
    });
    next();
  });

  app.get('/', (_req, res) => {
    res.type('html').send(renderList(store.newest(PAGE_LIMIT), store.size(), store.receivedCount()));
  });

  app.get('/messages/:id', (req, res) => {
    const message = store.get(req.params.id);
    if (!message) return void res.status(404).type('html').send(renderNotFound());
    res.type('html').send(renderMessage(message));
  });

  app.get('/api/messages', (req, res) => {
    const limit = parseLimit(req.query.limit);
    if (limit === undefined) return void res.status(400).json({ error: 'limit must be a positive integer' });
    res.set('X-Total-Count', String(store.size())).json(store.newest(limit));
  });

  // Lets tests in other processes follow a mailing larger than what is kept in memory.
  app.get('/api/stats', (_req, res) => {
    res.json({ kept: store.size(), received: store.receivedCount() });
  });

  app.get('/api/messages/:id', (req, res) => {
    const message = store.get(req.params.id);
    if (!message) return void res.status(404).json({ error: 'message not found' });
    res.json(message);
  });

  app.delete('/api/messages', async (_req, res) => {
    await clear();
    res.status(204).end();
  });

  app.use((_req: Request, res: Response) => {
    res.status(404).json({ error: 'not found' });
  });
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    logger.warn({ err }, 'mail catcher web request failed');
    res.status(500).json({ error: 'internal error' });
  });
  return app;
}

function parseLimit(value: unknown): number | undefined {
  if (value === undefined) return DEFAULT_API_LIMIT;
  if (typeof value !== 'string' || !/^\d+$/.test(value) || Number(value) < 1) return undefined;
  return Number(value);
}
