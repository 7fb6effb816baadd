import { randomUUID } from 'node:crypto';
import { eventually } from '../../support/eventually';
import { startTestApp, type TestApp } from '../../support/test-app';

// A low limit and a short window, so the test reaches it and sees it end; client addresses are named
// in X-Forwarded-For, which the app believes from the loopback proxy only.
const eventRegistration = { limit: 3, windowMs: 3_000 };

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp({ rateLimits: { authFailures: { limit: 1_000, windowMs: 60_000 }, unsubscribe: { limit: 1_000, windowMs: 60_000 }, eventRegistration }, trustProxy: ['loopback'] });
});
afterAll(() => t.close());

test('when one address sends too many requests to the event pages then it gets a 429 page with Retry-After, counted over both pages, while another address is served; after the window it is served again', async () => {
  const visitor = '203.0.113.80';
  const page = (path: string, address = visitor) => t.request.get(path).set('X-Forwarded-For', address);
  const registerPath = `/events/${randomUUID()}/register`;
  const cancelPath = `/event-registrations/${'A'.repeat(64)}/cancel`;
  expect((await page(registerPath)).status).toBe(404);
  expect((await page(cancelPath)).status).toBe(404);
  expect((await t.request.post(registerPath).set('X-Forwarded-For', visitor).type('form').send('name=x')).status).toBe(404);

  const limited = await page(cancelPath);
  expect(limited.status).toBe(429);
  expect(limited.headers['content-type']).toMatch(/^text\/html/);
  expect(limited.headers['cache-control']).toBe('no-store');
  expect(limited.text).toContain('Too many requests');
  const retryAfter = Number(limited.headers['retry-after']);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(3);
  expect((await page(registerPath)).status).toBe(429);
  expect((await page(registerPath, '198.51.100.81')).status).toBe(404);
  // Counted apart from the unsubscribe pages.
  expect(await t.database.db.rateLimitWindow.findUnique({ where: { key: `event-registration:${visitor}` } })).toMatchObject({ hits: 5 });

  await eventually(async () => expect((await page(registerPath)).status).toBe(404), 10_000);
});
