import express from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import swaggerUi from 'swagger-ui-express';
import { errorHandler, notFoundHandler } from './error-handler';
import { healthRoutes } from './health.routes';
import { createHttpMetrics } from './metrics';
import { mountRoutes, routeBodyParsers } from './mount-routes';
import { buildOpenApiDocument } from './openapi';
import type { ApiDependencies } from './route';
import { apiRoutes } from './routes';
import { unsubscribeRoutes } from './unsubscribe.routes';
import { consoleRoutes } from '../console/console.routes';

export const JSON_BODY_LIMIT = '100kb';

export function createApp(deps: ApiDependencies, options: { publicUrl: string; temporalUi?: { url: string; namespace: string } }) {
  const app = express();
  const metrics = createHttpMetrics();
  const openApiDocument = buildOpenApiDocument(apiRoutes, options.publicUrl);

  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use(helmet());
  app.use(
    pinoHttp({
      logger: deps.logger,
      // Method, URL, status and time are what an operator reads; headers would carry API keys.
      serializers: {
        req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      autoLogging: { ignore: (req) => req.url === '/health' },
    }),
  );
  app.use(metrics.middleware);
  app.use(routeBodyParsers(apiRoutes));
  app.use(express.json({ limit: JSON_BODY_LIMIT }));

  app.use(healthRoutes(deps, metrics));
  app.get('/api/v1/openapi.json', (_req, res) => {
    res.json(openApiDocument);
  });
  app.use('/docs', swaggerUi.serve, swaggerUi.setup(openApiDocument, { customSiteTitle: 'CRM API' }));
  // The link in every campaign message: no API key, HTML pages.
  app.use(unsubscribeRoutes(deps));
  app.use(consoleRoutes({ temporalUi: options.temporalUi }));
  app.use('/api/v1', mountRoutes(apiRoutes, { ...deps, publicUrl: deps.publicUrl ?? options.publicUrl }));

  app.use(notFoundHandler);
  app.use(errorHandler(deps.logger));
  return app;
}
