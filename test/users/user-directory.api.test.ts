import { startTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

test('every role reads the user directory by name, optionally one role; a role that does not exist is a 400 naming query.role', async () => {
  const manager = await t.userWithKey('manager', 'zed-manager@example.com');
  await t.userWithKey('marketer', 'amy-marketer@example.com');
  await t.database.db.user.update({ where: { id: manager.id }, data: { name: 'Zed' } });

  const all = await t.request.get('/api/v1/users').set('Authorization', `Bearer ${manager.key}`).expect(200);
  const names = all.body.items.map((user: { name: string }) => user.name);
  expect(names).toEqual([...names].sort());
  expect(all.body.items.find((user: { id: string }) => user.id === manager.id)).toMatchObject({ name: 'Zed', role: 'manager', email: 'zed-manager@example.com' });

  const marketers = await t.request.get('/api/v1/users?role=marketer').set('Authorization', `Bearer ${manager.key}`).expect(200);
  expect(marketers.body.items.map((user: { role: string }) => user.role)).toEqual(['marketer']);

  const bad = await t.request.get('/api/v1/users?role=boss').set('Authorization', `Bearer ${manager.key}`).expect(400);
  expect(bad.body.error.details[0].path).toBe('query.role');
  await t.request.get('/api/v1/users').expect(401);
});
