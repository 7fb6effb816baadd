import { Client, Connection } from '@temporalio/client';
import { createApp } from '../../src/api/app';
import { createLogger } from '../../src/logger';
import { findFreePort } from '../../src/services/free-port';
import supertest from 'supertest';
import { startTestApp, TEST_PUBLIC_URL, type TestApp } from '../support/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('operations endpoints', () => {
  test('when PostgreSQL and Temporal answer then /health and /ready are 200', async () => {
    expect((await t.request.get('/health')).body).toEqual({ status: 'ok' });
    const ready = await t.request.get('/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ready', checks: { postgres: 'up', temporal: 'up' } });
  });

  test('when Temporal does not answer then /ready is 503 and names it', async () => {
    const connection = Connection.lazy({ address: `127.0.0.1:${await findFreePort()}` });
    const client = new Client({ connection });
    const app = createApp({ db: t.database.db, temporal: { client, taskQueue: 'none' }, logger: createLogger('silent') }, { publicUrl: TEST_PUBLIC_URL });
    const ready = await supertest(app).get('/ready');
    expect(ready.status).toBe(503);
    expect(ready.body.checks).toEqual({ postgres: 'up', temporal: 'down' });
    await connection.close();
  });

  test('when requests were served then /metrics counts them by route and status in Prometheus format', async () => {
    await t.request.get('/api/v1/me');
    const metrics = await t.request.get('/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.headers['content-type']).toMatch(/^text\/plain/);
    expect(metrics.text).toMatch(/http_requests_total\{method="GET",route="\/api\/v1\/me",status="401"\} \d+/);
    expect(metrics.text).toContain('http_request_duration_seconds_bucket');
  });

  test('when any answer is sent then it carries security headers', async () => {
    const response = await t.request.get('/health');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toBeDefined();
    expect(response.headers['x-powered-by']).toBeUndefined();
  });

  test('when a route does not exist then 404 in the error format', async () => {
    const response = await t.request.get('/api/v1/nothing-here');
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ error: { code: 'NOT_FOUND', message: 'No route GET /api/v1/nothing-here', details: [] } });
  });
});

describe('API documentation', () => {
  test('when the OpenAPI document is read then it describes each route from the validating schemas', async () => {
    const { body } = await t.request.get('/api/v1/openapi.json');
    expect(body.openapi).toBe('3.1.0');
    const createUser = body.paths['/users'].post;
    expect(createUser.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/CreateUserRequest' });
    expect(Object.keys(createUser.responses).sort()).toEqual(['201', '400', '401', '403', '409', '413', '415', '503']);
    expect(body.components.schemas.CreateUserRequest).toMatchObject({
      required: ['email', 'name', 'role'],
      additionalProperties: false,
      properties: { role: { $ref: '#/components/schemas/Role' } },
    });
    expect(body.paths['/me'].get.responses['200'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/User' });
  });

  test('when /docs is opened then the interactive documentation page is served', async () => {
    const response = await t.request.get('/docs/').redirects(1);
    expect(response.status).toBe(200);
    expect(response.text).toContain('swagger-ui');
  });
});
