import { startTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
let admin: { id: string; key: string };
beforeAll(async () => {
  t = await startTestApp();
  admin = await t.userWithKey('admin');
});
afterAll(() => t?.close());

const as = () => ({ Authorization: `Bearer ${admin.key}` });

test('a NUL character anywhere in a body, however deep, or in a query is a 400 naming each field, and nothing is stored', async () => {
  const users = await t.database.db.user.count();
  const user = await t.request.post('/api/v1/users').set(as()).send({ email: 'nul@example.com', name: 'Nu\u0000l', role: 'manager' });
  expect(user.status).toBe(400);
  expect(user.body.error.details).toEqual([{ path: 'body.name', message: 'must not contain the NUL character' }]);
  expect(await t.database.db.user.count()).toBe(users);

  const segment = await t.request.post('/api/v1/segments').set(as()).send({ name: 'Deep', criteria: { all: [{ any: [{ field: 'account.name', op: 'contains', value: 'x\u0000' }] }] } });
  expect(segment.status).toBe(400);
  expect(segment.body.error.details).toContainEqual({ path: 'body.criteria.all.0.any.0.value', message: 'must not contain the NUL character' });
  expect(await t.database.db.segment.count()).toBe(0);

  const key = await t.request.post('/api/v1/accounts').set(as()).send({ name: 'Keys', fields: { 'bad\u0000key': 1 } });
  expect(key.status).toBe(400);
  expect(key.body.error.details).toContainEqual({ path: 'body.fields.bad\u0000key', message: 'must not contain the NUL character' });

  const query = await t.request.get('/api/v1/accounts').query({ q: 'a\u0000' }).set(as());
  expect(query.status).toBe(400);
  expect(query.body.error.details.map((detail: { path: string }) => detail.path)).toEqual(['query.q']);
});
