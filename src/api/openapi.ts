import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { errorStatus } from '../errors/app-error';
import type { RouteDefinition } from './route';

const ErrorResponse = z
  .object({
    error: z.object({
      code: z.enum(Object.keys(errorStatus) as [keyof typeof errorStatus]),
      message: z.string(),
      details: z.array(z.object({ path: z.string().optional(), message: z.string() })),
    }),
  })
  .meta({ id: 'Error' });

const errorDescriptions: Record<number, string> = {
  400: 'Invalid input: each bad field is named in details',
  401: 'Missing, invalid or revoked API key',
  403: 'The caller’s role may not do this',
  404: 'Not found',
  409: 'Conflicts with the current state',
  413: 'Body too large',
  415: 'Body is not JSON (or, for a file, not a type the route takes)',
  422: 'A rule forbids the change',
  503: 'PostgreSQL or Temporal is unavailable; retry',
};

/** The OpenAPI document, generated from the same route list and zod schemas that serve requests. */
export function buildOpenApiDocument(routes: readonly RouteDefinition[], serverUrl: string) {
  const registry = new OpenAPIRegistry();
  const bearer = registry.registerComponent('securitySchemes', 'apiKey', { type: 'http', scheme: 'bearer', description: 'An API key from POST /api/v1/users' });
  for (const route of routes) {
    const errorCodes = [400, 401, 403, ...(route.body || route.fileBody ? [413, 415] : []), ...(route.errors ?? [])];
    registry.registerPath({
      method: route.method,
      path: route.path.replace(/:(\w+)/g, '{$1}'),
      tags: [route.tag],
      summary: route.summary,
      description: `Roles: ${route.roles === 'any' ? 'any' : route.roles.join(', ')}`,
      security: [{ [bearer.name]: [] }],
      request: {
        ...(route.body ? { body: { required: true, content: { 'application/json': { schema: route.body }, ...(route.csvBody ? { 'text/csv': { schema: z.string() } } : {}) } } } : {}),
        ...(route.fileBody ? { body: { required: true, description: route.fileBody.description, content: binaryContent(route.fileBody.mediaTypes) } } : {}),
        ...(route.params ? { params: route.params as z.ZodObject } : {}),
        ...(route.query || route.csv ? { query: withFormat(route) } : {}),
      },
      responses: {
        [route.response.status]: {
          description: route.response.description,
          ...(route.response.schema ? { content: { 'application/json': { schema: route.response.schema }, ...(route.csv ? { 'text/csv': { schema: z.string() } } : {}) } } : {}),
          ...(route.response.file ? { content: binaryContent(route.response.file.mediaTypes) } : {}),
        },
        ...Object.fromEntries(
          errorCodes.map((code) => [code, { description: errorDescriptions[code], content: { 'application/json': { schema: ErrorResponse } } }]),
        ),
      },
    });
  }
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: { title: 'CRM workflow engine API', version: '1' },
    servers: [{ url: `${serverUrl}/api/v1` }],
  });
}

/** A file's bytes in each of these media types. */
const binaryContent = (mediaTypes: readonly string[]) => Object.fromEntries(mediaTypes.map((type) => [type, { schema: z.string().meta({ format: 'binary' }) }]));

/** The route's query, plus `format` on the routes that also answer CSV. */
function withFormat(route: RouteDefinition): z.ZodObject {
  const query = (route.query as z.ZodObject | undefined) ?? z.strictObject({});
  if (!route.csv) return query;
  return query.extend({ format: z.enum(['json', 'csv']).optional().meta({ description: 'csv: answer text/csv (as does "Accept: text/csv")' }) });
}
