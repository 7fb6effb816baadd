import { Router, type Request } from 'express';
import { AppError } from '../errors/app-error';
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
      const body = route.body ? parseRequestPart(route.body, jsonBody(req), 'body') : undefined;
      const params = route.params ? parseRequestPart(route.params, req.params, 'path') : undefined;
      const query = route.query ? parseRequestPart(route.query, req.query, 'query') : undefined;
      const result = await route.handler({ body, params, query, caller, deps, req, res });
      if (route.response.status === 204) res.status(204).end();
      else res.status(route.response.status).json(result);
    });
  }
  return router;
}

function jsonBody(req: Request): unknown {
  if (!req.is('application/json')) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'The request body must be JSON, sent with "Content-Type: application/json"');
  }
  return req.body;
}
