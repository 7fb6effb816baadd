import { randomUUID } from 'node:crypto';
import { MAX_LIVE_KEYS_PER_USER } from '../../src/api-keys/issue-api-key';
import { hashApiKey } from '../../src/users/api-keys';
import { startTestApp, type TestApp } from '../support/test-app';
import { as, auditOf, detailPaths, type Person } from './helpers';

let t: TestApp;
let admin: Person;

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.userWithKey('admin');
});
afterAll(() => t.close());

const keyView = { id: expect.any(String), name: expect.any(String), prefix: expect.stringMatching(/^crm_/), createdAt: expect.any(String), createdById: expect.any(String), lastUsedAt: null, expiresAt: null, revokedAt: null };
const me = (key: string) => t.request.get('/api/v1/me').set({ Authorization: `Bearer ${key}` });
/** The row's version: any UPDATE of it, even to the same values, writes a new one with a new xmin. */
const rowVersion = async (keyId: string) => (await t.database.db.$queryRaw<{ xmin: string }[]>`SELECT xmin::text FROM api_keys WHERE id = CAST(${keyId} AS uuid)`)[0].xmin;

test('when a user creates keys for themselves then each is answered once, works, and their list names them newest first without the key', async () => {
  const user = await t.userWithKey('manager');
  const first = await t.request.post('/api/v1/me/keys').set(as(user)).send({ name: 'nightly export' });
  expect(first.status).toBe(201);
  expect(first.body).toEqual({ ...keyView, name: 'nightly export', createdById: user.id, apiKey: expect.stringMatching(/^crm_/) });
  expect(first.body.apiKey.startsWith(first.body.prefix)).toBe(true);
  const expiresAt = new Date(Date.now() + 30 * 86_400_000).toISOString();
  const second = await t.request.post('/api/v1/me/keys').set(as(user)).send({ name: 'calendar sync', expiresAt });
  expect(second.body).toMatchObject({ name: 'calendar sync', expiresAt });

  expect((await me(second.body.apiKey)).body.id).toBe(user.id);
  const listed = await t.request.get('/api/v1/me/keys').set(as(user));
  expect(listed.status).toBe(200);
  expect(listed.body.items.map((key: { name: string }) => key.name)).toEqual(['calendar sync', 'nightly export', 'default']);
  expect(JSON.stringify(listed.body)).not.toContain(first.body.apiKey);
  expect(JSON.stringify(listed.body)).not.toContain(hashApiKey(first.body.apiKey));
  for (const item of listed.body.items) expect(Object.keys(item).sort()).toEqual(Object.keys(keyView).sort());

  const audit = await auditOf(t, second.body.id);
  expect(audit).toEqual([expect.objectContaining({ actorId: user.id, action: 'key.create', entityType: 'apiKey', after: { userId: user.id, name: 'calendar sync', prefix: second.body.prefix, expiresAt } })]);
  expect(JSON.stringify(audit)).not.toContain(second.body.apiKey.slice(10));
});

test('when an admin issues, lists and revokes a user’s keys then the user sees the key the admin made, and a revoked key fails at its next request', async () => {
  const user = await t.userWithKey('marketer');
  const issued = await t.request.post(`/api/v1/users/${user.id}/keys`).set(as(admin)).send({ name: 'CRM import job' });
  expect(issued.status).toBe(201);
  expect(issued.body).toMatchObject({ name: 'CRM import job', createdById: admin.id });
  expect((await t.request.get('/api/v1/me/keys').set(as(user))).body.items[0]).toMatchObject({ id: issued.body.id, createdById: admin.id });
  expect((await t.request.get(`/api/v1/users/${user.id}/keys`).set(as(admin))).body.items.map((key: { id: string }) => key.id)).toContain(issued.body.id);
  expect((await me(issued.body.apiKey)).status).toBe(200);

  const revoked = await t.request.post(`/api/v1/users/${user.id}/keys/${issued.body.id}/revoke`).set(as(admin));
  expect(revoked.status).toBe(200);
  expect(revoked.body).toMatchObject({ id: issued.body.id, revokedAt: expect.any(String) });
  const refused = await me(issued.body.apiKey);
  expect(refused.status).toBe(401);
  expect(refused.body.error.message).toBe('Invalid or revoked API key');
  expect((await me(user.key)).status).toBe(200);
  expect(await t.database.db.apiKey.findUniqueOrThrow({ where: { id: issued.body.id } })).toMatchObject({ revokedById: admin.id });
  expect((await t.request.post(`/api/v1/users/${user.id}/keys/${issued.body.id}/revoke`).set(as(admin))).status).toBe(409);
  expect((await auditOf(t, issued.body.id)).map((entry) => [entry.action, entry.actorId])).toEqual([
    ['key.create', admin.id],
    ['key.revoke', admin.id],
  ]);
});

test('when a user revokes their own key then it fails next, and a key of someone else answers 404 and keeps working', async () => {
  const [user, other] = await Promise.all([t.userWithKey('manager'), t.userWithKey('manager')]);
  const spare = (await t.request.post('/api/v1/me/keys').set(as(user)).send({ name: 'spare' })).body;
  const othersKey = (await t.request.post('/api/v1/me/keys').set(as(other)).send({ name: 'theirs' })).body;

  const stolen = await t.request.post(`/api/v1/me/keys/${othersKey.id}/revoke`).set(as(user));
  expect(stolen.status).toBe(404);
  expect((await me(othersKey.apiKey)).status).toBe(200);
  expect((await t.request.post(`/api/v1/users/${user.id}/keys/${othersKey.id}/revoke`).set(as(admin))).status).toBe(404);

  expect((await t.request.post(`/api/v1/me/keys/${spare.id}/revoke`).set(as(user))).status).toBe(200);
  expect((await me(spare.apiKey)).status).toBe(401);
  expect((await t.request.post(`/api/v1/me/keys/${spare.id}/revoke`).set(as(user))).status).toBe(409);
});

test('when a key has expired then it is refused with a message saying so', async () => {
  const user = await t.userWithKey('manager');
  const key = (await t.request.post('/api/v1/me/keys').set(as(user)).send({ name: 'short-lived', expiresAt: new Date(Date.now() + 60_000).toISOString() })).body;
  expect((await me(key.apiKey)).status).toBe(200);
  await t.database.db.apiKey.update({ where: { id: key.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
  const refused = await me(key.apiKey);
  expect(refused.status).toBe(401);
  expect(refused.body.error).toMatchObject({ code: 'UNAUTHENTICATED', message: expect.stringMatching(/^Expired API key/) });
});

test('when a key is used then lastUsedAt is written on its first request, and a second request within the minute writes nothing', async () => {
  const user = await t.userWithKey('manager');
  const key = (await t.request.post('/api/v1/me/keys').set(as(user)).send({ name: 'busy script' })).body;
  const created = await rowVersion(key.id);
  expect((await me(key.apiKey)).status).toBe(200);
  const used = await t.database.db.apiKey.findUniqueOrThrow({ where: { id: key.id } });
  expect(used.lastUsedAt).toBeInstanceOf(Date);
  const afterFirst = await rowVersion(key.id);
  expect(afterFirst).not.toBe(created);

  for (let request = 0; request < 5; request++) expect((await me(key.apiKey)).status).toBe(200);
  expect(await rowVersion(key.id)).toBe(afterFirst);

  // A minute later (moved back by hand), the next request writes it again.
  await t.database.db.apiKey.update({ where: { id: key.id }, data: { lastUsedAt: new Date(Date.now() - 61_000) } });
  const before = await rowVersion(key.id);
  expect((await me(key.apiKey)).status).toBe(200);
  expect(await rowVersion(key.id)).not.toBe(before);
  expect((await t.database.db.apiKey.findUniqueOrThrow({ where: { id: key.id } })).lastUsedAt!.getTime()).toBeGreaterThan(Date.now() - 10_000);
  expect((await t.request.get('/api/v1/me/keys').set(as(user))).body.items[0].lastUsedAt).toEqual(expect.any(String));
});

test('when an admin creates a user then their first key is named "first key", made by the admin, and the creation is audited', async () => {
  const created = await t.request.post('/api/v1/users').set(as(admin)).send({ email: `keyed.${Date.now()}@example.com`, name: 'Kim Keyed', role: 'manager' });
  expect(created.status).toBe(201);
  const keys = (await t.request.get(`/api/v1/users/${created.body.user.id}/keys`).set(as(admin))).body.items;
  expect(keys).toEqual([{ ...keyView, name: 'first key', createdById: admin.id, prefix: created.body.apiKey.slice(0, 10), lastUsedAt: null }]);
  const [entry] = await auditOf(t, created.body.user.id);
  expect(entry).toMatchObject({ actorId: admin.id, action: 'user.create', after: { email: created.body.user.email, name: 'Kim Keyed', role: 'manager' } });
});

test('when a user is deactivated then an admin issues them no key, and nobody holds more than the maximum of live keys', async () => {
  const gone = await t.userWithKey('manager');
  await t.database.db.user.update({ where: { id: gone.id }, data: { deactivatedAt: new Date() } });
  const refused = await t.request.post(`/api/v1/users/${gone.id}/keys`).set(as(admin)).send({ name: 'for later' });
  expect(refused.status).toBe(409);
  expect(await t.database.db.apiKey.count({ where: { userId: gone.id } })).toBe(1);

  const hoarder = await t.userWithKey('manager');
  for (let made = 1; made < MAX_LIVE_KEYS_PER_USER; made++) expect((await t.request.post('/api/v1/me/keys').set(as(hoarder)).send({ name: `key ${made}` })).status).toBe(201);
  const tooMany = await t.request.post('/api/v1/me/keys').set(as(hoarder)).send({ name: 'one more' });
  expect(tooMany.status).toBe(409);
  expect(tooMany.body.error.message).toMatch(/revoke one first/);
});

test.each([
  ['no name', {}, ['body.name']],
  ['an empty name', { name: '   ' }, ['body.name']],
  ['a name too long', { name: 'x'.repeat(101) }, ['body.name']],
  ['an expiry in the past', { name: 'old', expiresAt: '2020-01-01T00:00:00Z' }, ['body.expiresAt']],
  ['an expiry that is not a date', { name: 'odd', expiresAt: 'tomorrow' }, ['body.expiresAt']],
  ['an unknown field', { name: 'x', scopes: ['all'] }, ['body.scopes']],
])('when a key is asked for with %s then 400 names it and no key is made', async (_case, body, paths) => {
  const before = await t.database.db.apiKey.count();
  for (const path of ['/api/v1/me/keys', `/api/v1/users/${admin.id}/keys`]) {
    const response = await t.request.post(path).set(as(admin)).send(body);
    expect(response.status).toBe(400);
    expect(detailPaths(response.body)).toEqual(paths);
  }
  expect(await t.database.db.apiKey.count()).toBe(before);
});

test('when the user or the key named does not exist then 404', async () => {
  expect((await t.request.get(`/api/v1/users/${randomUUID()}/keys`).set(as(admin))).status).toBe(404);
  expect((await t.request.post(`/api/v1/users/${randomUUID()}/keys`).set(as(admin)).send({ name: 'x' })).status).toBe(404);
  expect((await t.request.post(`/api/v1/users/${admin.id}/keys/${randomUUID()}/revoke`).set(as(admin))).status).toBe(404);
});
