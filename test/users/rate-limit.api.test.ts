import supertest from 'supertest';
import { createApp } from '../../src/api/app';
import { createLogger } from '../../src/logger';
import { eventually } from '../support/eventually';
import { startTestApp, TEST_PUBLIC_URL, type TestApp } from '../support/test-app';
import type { Person } from './helpers';

// Low limits and short windows, so the test reaches them and sees them end; client addresses are named
// in X-Forwarded-For, which the app believes from the loopback proxy only (TRUST_PROXY=loopback).
const rateLimits = { authFailures: { limit: 3, windowMs: 4_000 }, unsubscribe: { limit: 5, windowMs: 4_000 }, eventRegistration: { limit: 5, windowMs: 4_000 } };

let t: TestApp;
let user: Person;

beforeAll(async () => {
  t = await startTestApp({ rateLimits, trustProxy: ['loopback'] });
  user = await t.userWithKey('manager');
});
afterAll(() => t.close());

const from = (address: string, key: string, request = t.request) => request.get('/api/v1/me').set({ 'X-Forwarded-For': address, Authorization: `Bearer ${key}` });
const windowOf = (key: string) => t.database.db.rateLimitWindow.findUnique({ where: { key } });

test('when one address sends too many wrong keys then it gets 429 with Retry-After, for every key, while another address is served; when the window ends it is served again', async () => {
  const attacker = '203.0.113.7';
  for (let attempt = 1; attempt <= rateLimits.authFailures.limit; attempt++) {
    const refused = await from(attacker, `crm_guess${attempt}`);
    expect(refused.status).toBe(401);
  }
  const limited = await from(attacker, 'crm_guess4');
  expect(limited.status).toBe(429);
  expect(limited.body.error).toMatchObject({ code: 'TOO_MANY_REQUESTS', message: expect.stringMatching(/Too many failed sign-ins/) });
  const retryAfter = Number(limited.headers['retry-after']);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(4);
  // Past the limit a right key is refused too, so guessing learns nothing; elsewhere it works.
  expect((await from(attacker, user.key)).status).toBe(429);
  expect((await from('198.51.100.20', user.key)).status).toBe(200);
  expect((await from('198.51.100.20', 'crm_typo')).status).toBe(401);
  // Refusing a limited address writes nothing more: the attempts past the limit are not counted.
  expect(await windowOf(`auth-failure:${attacker}`)).toMatchObject({ hits: rateLimits.authFailures.limit });

  // A fixed window: once it has ended the address is served, and its next refusal starts the row over.
  await eventually(async () => expect((await from(attacker, user.key)).status).toBe(200), 10_000);
  expect((await from(attacker, 'crm_again')).status).toBe(401);
  expect(await windowOf(`auth-failure:${attacker}`)).toMatchObject({ hits: 1 });
  expect(await t.database.db.rateLimitWindow.count({ where: { key: `auth-failure:${attacker}` } })).toBe(1);
});

test('when requests carry no credentials at all then nothing is counted: only refused credentials are', async () => {
  const address = '203.0.113.50';
  for (let request = 0; request < rateLimits.authFailures.limit + 2; request++) {
    const missing = await t.request.get('/api/v1/me').set('X-Forwarded-For', address);
    expect(missing.status).toBe(401);
    expect(missing.body.error.message).toMatch(/^Missing API key/);
  }
  expect(await windowOf(`auth-failure:${address}`)).toBeNull();
});

test('when two API processes share the database then they count the same failures', async () => {
  const other = supertest(
    createApp({ db: t.database.db, temporal: { client: t.temporal.client, taskQueue: t.temporal.taskQueue }, logger: createLogger('silent') }, { publicUrl: TEST_PUBLIC_URL, rateLimits, trustProxy: ['loopback'] }),
  );
  const address = '203.0.113.99';
  expect((await from(address, 'crm_one')).status).toBe(401);
  expect((await from(address, 'crm_two', other)).status).toBe(401);
  expect((await from(address, 'crm_three')).status).toBe(401);
  expect((await from(address, user.key, other)).status).toBe(429);
});

test('when one address opens the unsubscribe pages too often then it gets 429 with Retry-After, and another address does not', async () => {
  const scanner = '192.0.2.10';
  for (let request = 1; request <= rateLimits.unsubscribe.limit; request++) {
    expect((await t.request.get('/unsubscribe/not-a-token').set('X-Forwarded-For', scanner)).status).toBe(400);
  }
  const limited = await t.request.post('/unsubscribe/not-a-token').set('X-Forwarded-For', scanner).type('form').send('List-Unsubscribe=One-Click');
  expect(limited.status).toBe(429);
  expect(limited.headers['content-type']).toMatch(/text\/html/);
  expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  expect(limited.text).toContain('Nothing was changed');
  expect((await t.request.get('/unsubscribe/not-a-token').set('X-Forwarded-For', '192.0.2.11')).status).toBe(400);
});

test('when X-Forwarded-For comes from a proxy that is not trusted then it is ignored: the socket address counts', async () => {
  const untrusting = supertest(
    createApp({ db: t.database.db, temporal: { client: t.temporal.client, taskQueue: t.temporal.taskQueue }, logger: createLogger('silent') }, { publicUrl: TEST_PUBLIC_URL, rateLimits }),
  );
  await t.database.db.rateLimitWindow.deleteMany({ where: { key: { startsWith: 'auth-failure:' } } });
  for (let attempt = 1; attempt <= rateLimits.authFailures.limit; attempt++) expect((await from(`203.0.113.${attempt}`, 'crm_rotating', untrusting)).status).toBe(401);
  expect((await from('203.0.113.200', user.key, untrusting)).status).toBe(429);
  expect((await t.database.db.rateLimitWindow.findMany({ where: { key: { startsWith: 'auth-failure:' } } })).map((window) => window.key)).toEqual([expect.stringMatching(/^auth-failure:(::ffff:)?127\.0\.0\.1$|^auth-failure:::1$/)]);
});
