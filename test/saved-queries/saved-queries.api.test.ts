import fs from 'node:fs';
import path from 'node:path';
import { startTestApp, type TestApp } from '../support/test-app';
import { auth, fixtures, paths } from './helpers';

let t: TestApp;
let boss: { id: string; key: string };
let nina: { id: string; key: string };
let omar: { id: string; key: string };
let outsider: { id: string; key: string };

const save = (key: string, body: object) => t.request.post('/api/v1/queries').set(auth(key)).send(body);
const listed = async (key: string) => ((await t.request.get('/api/v1/queries').set(auth(key))).body.items as { id: string }[]).map((item) => item.id);

beforeAll(async () => {
  t = await startTestApp();
  [boss, nina, omar, outsider] = await Promise.all([t.userWithKey('manager'), t.userWithKey('manager'), t.userWithKey('manager'), t.userWithKey('manager')]);
  // Nina and Omar report to the boss; the outsider to nobody.
  await t.database.db.user.updateMany({ where: { id: { in: [nina.id, omar.id] } }, data: { managerId: boss.id } });
});
afterAll(() => t.close());

test('when the field catalog is asked for then every entity lists its fields with type, operators and label', async () => {
  const response = await t.request.get('/api/v1/queries/fields').set(auth(nina.key));
  expect(response.status).toBe(200);
  expect(response.body.entities.map((entity: { entity: string }) => entity.entity)).toEqual(['accounts', 'contacts', 'opportunities', 'tasks', 'activities']);
  const deals = response.body.entities.find((entity: { entity: string }) => entity.entity === 'opportunities');
  expect(deals.fields).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ field: 'stage', type: 'enum', label: 'Stage', options: ['PROSPECTING', 'QUALIFICATION', 'PROPOSAL', 'NEGOTIATION', 'WON', 'LOST'], column: true }),
      expect.objectContaining({ field: 'amount', type: 'money', summable: true, ops: ['eq', 'gt', 'gte', 'lt', 'lte', 'between'] }),
      expect.objectContaining({ field: 'expectedCloseDate', type: 'day', ops: ['before', 'onOrAfter', 'between', 'inPeriod', 'isSet', 'isNotSet'] }),
      expect.objectContaining({ field: 'product', type: 'product', ops: ['in', 'notIn'], column: false }),
      expect.objectContaining({ field: 'campaign', type: 'campaign' }),
      expect.objectContaining({ field: 'owner', type: 'user', label: 'Owner' }),
      expect.objectContaining({ field: 'accountName', ops: [], column: true }),
    ]),
  );
  expect(response.body.operators).toContainEqual({ op: 'inPeriod', label: 'in the period', value: 'period' });
});

test('when a query is saved with bad filters, sort or columns then 400 names each bad path and nothing is saved', async () => {
  const before = await t.database.db.savedQuery.count();
  const response = await save(nina.key, {
    name: 'Broken',
    entity: 'opportunities',
    filters: [
      { field: 'colour', op: 'eq', value: 'red' },
      { field: 'stage', op: 'contains', value: 'PRO' },
      { field: 'stage', op: 'eq', value: 'SIGNED' },
      { field: 'expectedCloseDate', op: 'between', value: [{ relative: { amount: 1, unit: 'fortnight' } }, '2026-13-01'] },
      { field: 'amount', op: 'gt' },
      { field: 'owner', op: 'eq', value: 'someone' },
      { field: 'product', op: 'in', value: [] },
      { field: 'expectedCloseDate', op: 'isSet', value: true },
    ],
    sort: [{ field: 'product', direction: 'asc' }],
    columns: ['name', 'colour', 'name'],
    visibility: 'everyone',
  });
  expect(response.status).toBe(400);
  expect(response.body.error.code).toBe('VALIDATION_FAILED');
  expect(paths(response.body)).toEqual(
    expect.arrayContaining([
      'body.columns.1', 'body.columns.2', 'body.filters.0.field', 'body.filters.1.op', 'body.filters.2.value', 'body.filters.3.value.0.relative.unit', 'body.filters.3.value.1',
      'body.filters.4.value', 'body.filters.5.value', 'body.filters.6.value', 'body.filters.7.value', 'body.sort.0.field', 'body.visibility',
    ]),
  );
  const detail = (at: string) => response.body.error.details.find((item: { path: string }) => item.path === at).message as string;
  expect(detail('body.filters.1.op')).toBe('contains does not fit Stage: use eq, neq, in, notIn');
  expect(detail('body.filters.4.value')).toBe('required: give a value to compare with');
  expect(detail('body.filters.7.value')).toBe('isSet takes no value: leave it out');
  expect(detail('body.filters.3.value.1')).toBe('a date as YYYY-MM-DD');
  expect(await t.database.db.savedQuery.count()).toBe(before);
});

test('when a name is saved twice by the same owner then 409 naming body.name; another owner may use it', async () => {
  const body = { name: 'My accounts', entity: 'accounts', filters: [{ field: 'owner', op: 'eq', value: 'me' }] };
  const first = await save(nina.key, body);
  expect(first.status).toBe(201);
  expect(first.body).toMatchObject({ name: 'My accounts', entity: 'accounts', match: 'all', visibility: 'private', mine: true, owner: { id: nina.id }, columns: ['name', 'status', 'owner', 'segment'] });
  const twice = await save(nina.key, body);
  expect(twice.status).toBe(409);
  expect(paths(twice.body)).toEqual(['body.name']);
  expect((await save(omar.key, body)).status).toBe(201);
});

test('when a query is shared with the team then the manager, peers and reports see and run it, only the owner changes it, and others get 404', async () => {
  const shared = await save(nina.key, { name: 'Team deals', entity: 'opportunities', visibility: 'team', filters: [{ field: 'owner', op: 'eq', value: 'me' }] });
  const privateOne = await save(nina.key, { name: 'Only mine', entity: 'tasks' });
  expect(shared.status).toBe(201);
  for (const user of [boss, omar]) {
    expect(await listed(user.key)).toContain(shared.body.id);
    expect(await listed(user.key)).not.toContain(privateOne.body.id);
    const one = await t.request.get(`/api/v1/queries/${shared.body.id}`).set(auth(user.key));
    expect(one.body).toMatchObject({ mine: false, owner: { id: nina.id, name: expect.any(String) } });
    expect((await t.request.get(`/api/v1/queries/${shared.body.id}/count`).set(auth(user.key))).status).toBe(200);
    const put = await t.request.put(`/api/v1/queries/${shared.body.id}`).set(auth(user.key)).send({ name: 'Hijacked', entity: 'accounts' });
    expect(put.status).toBe(403);
    expect((await t.request.delete(`/api/v1/queries/${shared.body.id}`).set(auth(user.key))).status).toBe(403);
  }
  expect(await listed(outsider.key)).not.toContain(shared.body.id);
  expect((await t.request.get(`/api/v1/queries/${shared.body.id}/rows`).set(auth(outsider.key))).status).toBe(404);
  expect((await t.request.get(`/api/v1/queries/${privateOne.body.id}`).set(auth(boss.key))).status).toBe(404);

  const renamed = await t.request.put(`/api/v1/queries/${shared.body.id}`).set(auth(nina.key)).send({ name: 'Team deals, big', entity: 'opportunities', visibility: 'team', filters: [{ field: 'amount', op: 'gte', value: 10000 }] });
  expect(renamed.status).toBe(200);
  expect(renamed.body).toMatchObject({ name: 'Team deals, big', filters: [{ field: 'amount', op: 'gte', value: 10000 }] });
  expect((await t.request.delete(`/api/v1/queries/${shared.body.id}`).set(auth(nina.key))).status).toBe(204);
  expect((await t.request.get(`/api/v1/queries/${shared.body.id}`).set(auth(nina.key))).status).toBe(404);
});

test('when a team query says "me" then each runner gets their own rows, and a manager never sees another manager’s accounts', async () => {
  const f = fixtures(t);
  const ninas = await f.account({ ownerId: nina.id, name: 'Nina Shared Ltd' });
  const omars = await f.account({ ownerId: omar.id, name: 'Omar Shared Ltd' });
  const shared = await save(nina.key, { name: 'Accounts of me', entity: 'accounts', visibility: 'team', filters: [{ field: 'name', op: 'contains', value: 'Shared Ltd' }], columns: ['name'] });
  const rows = async (key: string) => ((await t.request.get(`/api/v1/queries/${shared.body.id}/rows`).set(auth(key))).body.items as { id: string }[]).map((item) => item.id);
  expect(await rows(nina.key)).toEqual([ninas.id]);
  expect(await rows(omar.key)).toEqual([omars.id]);
  // The boss owns neither: a manager sees only their own accounts and the unowned NEW pool.
  expect(await rows(boss.key)).toEqual([]);
});

test('when the old saved views are migrated then each becomes a saved query with the same meaning', async () => {
  const db = t.database.db;
  const sqlFile = fs.readdirSync(path.join(__dirname, '../../prisma/migrations')).find((name) => name.endsWith('_saved_queries'))!;
  const statements = fs.readFileSync(path.join(__dirname, '../../prisma/migrations', sqlFile, 'migration.sql'), 'utf8').split(';');
  const insert = statements.find((statement) => statement.includes('INSERT INTO "saved_queries"'))!;
  await db.$executeRawUnsafe(`CREATE TABLE saved_views (id uuid PRIMARY KEY, user_id uuid NOT NULL, name text NOT NULL, kind text NOT NULL, params jsonb NOT NULL DEFAULT '{}', created_at timestamptz(3) NOT NULL DEFAULT now(), updated_at timestamptz(3) NOT NULL DEFAULT now())`);
  try {
    await db.$executeRawUnsafe(`INSERT INTO saved_views (id, user_id, name, kind, params) VALUES
      ('00000000-0000-4000-8000-000000000001', '${outsider.id}', 'Closing', 'deals-closing', '{"days": 7}'),
      ('00000000-0000-4000-8000-000000000002', '${outsider.id}', 'Overdue', 'overdue-tasks', '{}'),
      ('00000000-0000-4000-8000-000000000003', '${outsider.id}', 'Re-contact', 'recontact-due', '{"period": "this-month"}'),
      ('00000000-0000-4000-8000-000000000004', '${outsider.id}', 'Re-contact soon', 'recontact-due', '{"period": "next-30-days"}')`);
    await db.$executeRawUnsafe(insert);
  } finally {
    await db.$executeRawUnsafe('DROP TABLE saved_views');
  }
  const views = (await t.request.get('/api/v1/queries').set(auth(outsider.key))).body.items as { name: string }[];
  const byName = Object.fromEntries(views.map((view) => [view.name, view]));
  expect(byName.Closing).toMatchObject({
    entity: 'opportunities',
    filters: [
      { field: 'owner', op: 'eq', value: 'me' },
      { field: 'stage', op: 'in', value: ['PROSPECTING', 'QUALIFICATION', 'PROPOSAL', 'NEGOTIATION'] },
      { field: 'expectedCloseDate', op: 'between', value: [{ relative: { amount: 0, unit: 'day' } }, { relative: { amount: 7, unit: 'day' } }] },
    ],
  });
  expect(byName.Overdue).toMatchObject({ entity: 'tasks', filters: [{ field: 'owner', value: 'me' }, { field: 'state', value: 'OPEN' }, { field: 'dueAt', op: 'before' }] });
  expect(byName['Re-contact']).toMatchObject({ entity: 'accounts', filters: [{}, { field: 'status', value: ['REFUSED', 'LOST'] }, { field: 'recontactDue', op: 'inPeriod', value: { period: 'month', offset: 0 } }] });
  expect(byName['Re-contact soon']).toMatchObject({ filters: [{}, {}, { field: 'recontactDue', op: 'between' }] });
  // Each one runs: the migrated definitions pass today's validation.
  for (const view of views as unknown as { id: string }[]) expect((await t.request.get(`/api/v1/queries/${view.id}/rows`).set(auth(outsider.key))).status).toBe(200);
});
