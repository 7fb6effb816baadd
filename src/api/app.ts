import express from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import swaggerUi from 'swagger-ui-express';
import { errorHandler, notFoundHandler } from './error-handler';
import { healthRoutes } from './health.routes';
import { createHttpMetrics } from './metrics';
import { mountRoutes, routeBodyParsers } from './mount-routes';
import { buildOpenApiDocument } from './openapi';
import type { ApiDependencies, RouteDefinition } from './route';
import { apiRoutes } from './routes';
import { unsubscribeRoutes } from './unsubscribe.routes';
import { eventPublicRoutes } from './event-public.routes';
import { signInRoutes } from './sign-in.routes';
import { collateralLinkRoutes } from './collateral-link.routes';
import { useSessionSettings } from '../sessions/session-settings';
import { DEFAULT_SIGN_IN_SETTINGS, type SignInSettings } from '../sign-in/sign-in-settings';
import { loggableUrl } from '../sign-in/loggable-url';
import { consoleRoutes } from '../console/console.routes';
import { createAuthFailureLimiter, useAuthFailureLimiter } from '../rate-limit/auth-failures';
import { DEFAULT_RATE_LIMITS, type RateLimitSettings } from '../rate-limit/rate-limit-settings';
import type { TrustProxy } from '../rate-limit/trust-proxy';

export const JSON_BODY_LIMIT = '100kb';

export interface AppOptions {
  publicUrl: string;
  temporalUi?: { url: string; namespace: string };
  /** Sessions, e-mailed links and OIDC (the configuration's signIn); when absent, the defaults without OIDC. */
  signIn?: SignInSettings;
  /** Failed authentication and the unsubscribe pages, per client address; when absent, the production defaults. */
  rateLimits?: RateLimitSettings;
  /** Which proxies' X-Forwarded-For to believe for the client address (TRUST_PROXY); when absent, none. */
  trustProxy?: TrustProxy;
  /**
   * Routes served like the API's own (API key, validation, errors) but left out of its OpenAPI document:
   * the bare baseline of bench/log-activity.bench.ts, measured behind this very app.
   */
  extraRoutes?: readonly RouteDefinition[];
}

export function createApp(deps: ApiDependencies, options: AppOptions) {
  const app = express();
  const metrics = createHttpMetrics();
  const openApiDocument = buildOpenApiDocument(apiRoutes, options.publicUrl);

  app.disable('x-powered-by');
  const signIn = options.signIn ?? DEFAULT_SIGN_IN_SETTINGS;
  useSessionSettings(app.locals, signIn.sessions);
  app.set('query parser', 'simple');
  app.set('trust proxy', options.trustProxy ?? false);
  const rateLimits = options.rateLimits ?? DEFAULT_RATE_LIMITS;
  useAuthFailureLimiter(app.locals, createAuthFailureLimiter(deps.db, rateLimits.authFailures));
  app.use(helmet());
  app.use(
    pinoHttp({
      logger: deps.logger,
      // Method, URL, status and time are what an operator reads; headers would carry API keys and session
      // cookies, and a sign-in link's URL its token (cut by loggableUrl).
      serializers: {
        req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, url: loggableUrl(req.url) }),
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
  app.use(unsubscribeRoutes(deps, rateLimits.unsubscribe));
  app.use(eventPublicRoutes({ ...deps, publicUrl: deps.publicUrl ?? options.publicUrl }, rateLimits.eventRegistration));
  // The collateral download links of campaign messages: signed and expiring, no API key.
  app.use(collateralLinkRoutes(deps));
  // Sign-in by e-mailed link and OIDC, the session and sign-out: no API key either.
  app.use(signInRoutes(deps, { publicUrl: options.publicUrl, settings: signIn }));
  app.use(consoleRoutes({ temporalUi: options.temporalUi }));
  app.use('/api/v1', mountRoutes([...apiRoutes, ...(options.extraRoutes ?? [])], { ...deps, publicUrl: deps.publicUrl ?? options.publicUrl }));

  app.use(notFoundHandler);
  app.use(errorHandler(deps.logger));
  return app;
}
