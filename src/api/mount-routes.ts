import express, { Router, type Request } from 'express';
import { AppError } from '../errors/app-error';
import { requestedFormat } from '../reports/csv';
import { authenticate } from './authenticate';
import type { ApiDependencies, RouteDefinition } from './route';
import { parseRequestPart } from './validate';

export function mountRoutes(routes: readonly RouteDefinition[], deps: ApiDependencies): Router {
  const router = Router();
  for (const route of routes) {
    router[route.method](route.path, async (req, res) => {
      res.locals.routePattern = `/api/v1${route.path}`;
      const caller = await authenticate(deps.db, req);
      if (route.roles !== 'any' && !route.roles.includes(caller.role)) {
        throw new AppError('FORBIDDEN', `The role "${caller.role}" may not ${route.method.toUpperCase()} /api/v1${route.path} (allowed: ${route.roles.join(', ')})`);
      }
      const body = route.body ? parseRequestPart(route.body, requestBody(route, req), 'body', { refuseNul: !route.rowsValidatedOneByOne }) : undefined;
      const params = route.params ? parseRequestPart(route.params, req.params, 'path') : undefined;
      const answer = route.csv ? requestedFormat(req) : { format: 'json' as const, query: req.query };
      const query = route.query ? parseRequestPart(route.query, answer.query, 'query') : undefined;
      const context = { db: deps.db, temporal: deps.temporal, caller };
      const result = await route.handler({ body, params, query, caller, context, deps, req, res });
      if (route.response.file) return;
      if (route.response.status === 204) res.status(204).end();
      else if (route.csv && answer.format === 'csv') res.status(route.response.status).type('text/csv; charset=utf-8').send((route.csv as (value: unknown) => string)(result));
      else res.status(route.response.status).json(result);
    });
  }
  return router;
}

function requestBody(route: RouteDefinition, req: Request): unknown {
  if (!route.csvBody) return jsonBody(req);
  if (req.is('text/csv')) return route.csvBody.toBody(typeof req.body === 'string' ? req.body : '');
  if (!req.is('application/json')) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'The request body must be JSON ("Content-Type: application/json") or CSV ("Content-Type: text/csv")');
  }
  return req.body;
}

/**
 * Parsers for the routes that take larger or CSV bodies, mounted before the app's JSON parser: a body
 * they have read is not read again, and every other route keeps the app's JSON parser and its limit.
 */
export function routeBodyParsers(routes: readonly RouteDefinition[]): Router {
  const router = Router();
  for (const route of routes) {
    if (!route.csvBody) continue;
    const { limit } = route.csvBody;
    router[route.method](`/api/v1${route.path}`, express.json({ limit }), express.text({ type: 'text/csv', limit }), (_req, _res, next) => next());
  }
  return router;
}

function jsonBody(req: Request): unknown {
  if (!req.is('application/json')) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'The request body must be JSON, sent with "Content-Type: application/json"');
  }
  return req.body;
}
