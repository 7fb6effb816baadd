import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from '../support/test-app';
import { auth, paths } from '../accounts/helpers';
import { leaf } from './helpers';

let t: TestApp;
let admin: { id: string; key: string };
let marketer: { id: string; key: string };
let manager: { id: string; key: string };

beforeAll(async () => {
  t = await startTestApp();
  [admin, marketer, manager] = await Promise.all([t.userWithKey('admin'), t.userWithKey('marketer'), t.userWithKey('manager')]);
});
afterAll(() => t.close());

const criteria = { all: [leaf('account.status', 'in', ['NEW', 'POTENTIAL']), { any: [leaf('contact.hasEmail', 'eq', true), { not: leaf('account.segment', 'eq', 'x') }] }] };
const create = (key: string, body: Record<string, unknown>) => t.request.post('/api/v1/segments').set(auth(key)).send(body);
const uniqueName = (label = 'segment') => `${label}-${randomUUID().slice(0, 8)}`;

describe('POST /api/v1/segments', () => {
  test('when a marketer saves criteria then they get 201 and the segment reads back as saved', async () => {
    const response = await create(marketer.key, { name: uniqueName(), description: 'New and potential', criteria });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ description: 'New and potential', criteria, createdById: marketer.id });
    const read = await t.request.get(`/api/v1/segments/${response.body.id}`).set(auth(manager.key));
    expect(read.status).toBe(200);
    expect(read.body).toEqual(response.body);
  });

  test('when the name is already taken then 409 names body.name', async () => {
    const name = uniqueName();
    expect((await create(marketer.key, { name, criteria })).status).toBe(201);
    const response = await create(admin.key, { name, criteria });
    expect(response.status).toBe(409);
    expect(paths(response.body)).toEqual(['body.name']);
  });

  test('when criteria are bad then 400 names each bad path and nothing is written', async () => {
    const before = await t.database.db.segment.count();
    const response = await create(marketer.key, {
      name: uniqueName(),
      criteria: { all: [leaf('account.name', 'eq', 'x'), leaf('account.createdAt', 'contains', 'x'), leaf('account.status', 'eq', 'BOSS'), { nope: 1 }] },
      extra: true,
    });
    expect(response.status).toBe(400);
    expect(paths(response.body)).toEqual(['body.criteria.all.1.op', 'body.criteria.all.2.value', 'body.criteria.all.3', 'body.criteria.all.3.nope', 'body.extra']);
    // Written as text: JSON.stringify itself runs out of stack on nesting this deep.
    const deep = `${'{"not":'.repeat(10_000)}{"field":"account.name","op":"isSet"}${'}'.repeat(10_000)}`;
    const tooDeep = await t.request.post('/api/v1/segments').set(auth(marketer.key)).type('json').send(`{"name":"${uniqueName()}","criteria":${deep}}`);
    expect(tooDeep.status).toBe(400);
    expect(paths(tooDeep.body)).toEqual(['body.criteria']);
    expect(await t.database.db.segment.count()).toBe(before);
  });

  test('when a manager saves a segment then 403 and nothing is written', async () => {
    const before = await t.database.db.segment.count();
    expect((await create(manager.key, { name: uniqueName(), criteria })).status).toBe(403);
    expect(await t.database.db.segment.count()).toBe(before);
  });
});

describe('GET and PUT /api/v1/segments', () => {
  test('when listing then segments come newest first, paginated by cursor', async () => {
    const names = [uniqueName('a'), uniqueName('b'), uniqueName('c')];
    for (const name of names) expect((await create(marketer.key, { name, criteria })).status).toBe(201);
    const first = await t.request.get('/api/v1/segments').query({ limit: 2 }).set(auth(manager.key));
    expect(first.status).toBe(200);
    expect(first.body.items.map((item: { name: string }) => item.name)).toEqual([names[2], names[1]]);
    const second = await t.request.get('/api/v1/segments').query({ limit: 2, cursor: first.body.nextCursor }).set(auth(manager.key));
    expect(second.body.items[0].name).toBe(names[0]);
    expect((await t.request.get('/api/v1/segments').query({ cursor: 'junk' }).set(auth(manager.key))).status).toBe(400);
  });

  test('when a marketer replaces a segment then name, description and criteria change; a taken name is 409', async () => {
    const { body: segment } = await create(marketer.key, { name: uniqueName(), description: 'old', criteria });
    const { body: other } = await create(marketer.key, { name: uniqueName(), criteria });
    const replaced = leaf('contact.title', 'contains', 'buyer');
    const response = await t.request.put(`/api/v1/segments/${segment.id}`).set(auth(marketer.key)).send({ name: `${segment.name}-v2`, criteria: replaced });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id: segment.id, name: `${segment.name}-v2`, description: null, criteria: replaced });
    const clash = await t.request.put(`/api/v1/segments/${segment.id}`).set(auth(marketer.key)).send({ name: other.name, criteria });
    expect(clash.status).toBe(409);
    expect((await t.request.put(`/api/v1/segments/${segment.id}`).set(auth(manager.key)).send({ name: 'x', criteria })).status).toBe(403);
  });

  test('when the segment does not exist then GET, PUT and preview answer 404', async () => {
    const id = randomUUID();
    expect((await t.request.get(`/api/v1/segments/${id}`).set(auth(marketer.key))).status).toBe(404);
    expect((await t.request.put(`/api/v1/segments/${id}`).set(auth(marketer.key)).send({ name: uniqueName(), criteria })).status).toBe(404);
    const preview = await t.request.get(`/api/v1/segments/${id}/preview`).set(auth(marketer.key));
    expect(preview.status).toBe(404);
    expect(paths(preview.body)).toEqual(['path.id']);
  });
});
