import { generateApiKey, hashApiKey } from '../../src/users/api-keys';
import { ensureAdmin } from '../../src/users/ensure-admin';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

let database: TestDatabase;
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(() => database.drop());

const admins = () => database.db.user.findMany({ where: { role: 'admin' }, include: { apiKeys: true } });

test('when the first start has no ADMIN_API_KEY then one admin is created with a new key, and later starts create nothing', async () => {
  const first = await ensureAdmin(database.db, undefined);
  expect(first.createdKey).toMatch(/^crm_/);
  const [admin] = await admins();
  expect(admin.apiKeys.map((key) => key.keyHash)).toEqual([hashApiKey(first.createdKey!)]);

  expect(await ensureAdmin(database.db, undefined)).toEqual({});
  expect(await admins()).toHaveLength(1);
});

test('when ADMIN_API_KEY is set then that key works for an admin, once, however often the system starts', async () => {
  const key = generateApiKey();
  expect(await ensureAdmin(database.db, key)).toEqual({});
  expect(await ensureAdmin(database.db, key)).toEqual({});
  const [admin, ...others] = await admins();
  expect(others).toEqual([]);
  expect(admin.apiKeys.map((apiKey) => apiKey.keyHash)).toEqual([hashApiKey(key)]);
});

test('when an admin exists and a new ADMIN_API_KEY is configured then the key is added to that admin', async () => {
  const { createdKey } = await ensureAdmin(database.db, undefined);
  const configured = generateApiKey();
  await ensureAdmin(database.db, configured);
  const [admin] = await admins();
  expect(admin.apiKeys.map((apiKey) => apiKey.keyHash).sort()).toEqual([hashApiKey(createdKey!), hashApiKey(configured)].sort());
});

test('when several API replicas start at once then exactly one admin and one key are created', async () => {
  const results = await Promise.all(Array.from({ length: 5 }, () => ensureAdmin(database.db, undefined)));
  expect(results.filter((result) => result.createdKey)).toHaveLength(1);
  expect(await admins()).toHaveLength(1);
});
