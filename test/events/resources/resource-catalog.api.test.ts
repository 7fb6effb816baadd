import { startTestApp, type TestApp } from '../../support/test-app';
import { auth, createResource, paths, uniqueName } from './helpers';

let t: TestApp;
let marketer: { id: string; key: string };
let manager: { id: string; key: string };

beforeAll(async () => {
  t = await startTestApp();
  [marketer, manager] = await Promise.all([t.userWithKey('marketer'), t.userWithKey('manager')]);
});
afterAll(() => t.close());

const post = (body: unknown, key = marketer.key) => t.request.post('/api/v1/resources').set(auth(key)).send(body as object);
const patch = (id: string, body: unknown, key = marketer.key) => t.request.patch(`/api/v1/resources/${id}`).set(auth(key)).send(body as object);
const list = (query: Record<string, string> = {}) => t.request.get('/api/v1/resources').query(query).set(auth(manager.key));

describe('POST /api/v1/resources', () => {
  test('when a marketer adds resources of each kind then they are answered and listed by name', async () => {
    const room = await post({ name: uniqueName('Room'), kind: 'FIXED', description: 'Second floor' });
    expect(room.status).toBe(201);
    expect(room.body).toEqual({ id: expect.any(String), name: room.body.name, kind: 'FIXED', description: 'Second floor', quantity: 1, userDefined: true, archivedAt: null });
    const headsets = await post({ name: uniqueName('Headsets'), kind: 'COUNTED', quantity: 12 });
    expect(headsets.body).toMatchObject({ kind: 'COUNTED', quantity: 12, description: null });
    const workbooks = await post({ name: uniqueName('Workbooks'), kind: 'CONSUMABLE', quantity: 0 });
    expect(workbooks.body).toMatchObject({ kind: 'CONSUMABLE', quantity: 0 });

    const listed = await list();
    expect(listed.status).toBe(200);
    const names = listed.body.items.map((item: { name: string }) => item.name);
    expect(names).toEqual(expect.arrayContaining([room.body.name, headsets.body.name, workbooks.body.name]));
    expect(names).toEqual([...names].sort());
    const audit = await t.database.db.auditEntry.findFirst({ where: { action: 'resource.create', entityId: headsets.body.id } });
    expect(audit).toMatchObject({ actorId: marketer.id, entityType: 'resource' });
  });

  test('when the body is bad then 400 names each field', async () => {
    const response = await post({ name: '', kind: 'ROOM', quantity: -1, extra: true });
    expect(response.status).toBe(400);
    expect(paths(response.body)).toEqual(['body.extra', 'body.kind', 'body.name', 'body.quantity']);
    const fixedOfTwo = await post({ name: uniqueName('Room'), kind: 'FIXED', quantity: 2 });
    expect(fixedOfTwo.status).toBe(400);
    expect(paths(fixedOfTwo.body)).toEqual(['body.quantity']);
    const countedOfNone = await post({ name: uniqueName('Mics'), kind: 'COUNTED', quantity: 0 });
    expect(paths(countedOfNone.body)).toEqual(['body.quantity']);
  });

  test('when the name is taken whatever its case then 409', async () => {
    const name = uniqueName('Projector');
    expect((await post({ name, kind: 'FIXED' })).status).toBe(201);
    const again = await post({ name: name.toUpperCase(), kind: 'FIXED' });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain(name);
  });

  test('when a manager adds a resource then 403', async () => {
    expect((await post({ name: uniqueName('Room'), kind: 'FIXED' }, manager.key)).status).toBe(403);
  });
});

describe('PATCH /api/v1/resources/:id', () => {
  test('when renamed, restocked and described then the resource changes and the audit log keeps before and after', async () => {
    const workbooks = await createResource(t, marketer.key, { kind: 'CONSUMABLE', quantity: 5 });
    const name = uniqueName('Workbooks v2');
    const response = await patch(workbooks.id, { name, quantity: 40, description: 'Pricing 101' });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id: workbooks.id, name, quantity: 40, description: 'Pricing 101' });
    const cleared = await patch(workbooks.id, { description: null });
    expect(cleared.body.description).toBeNull();
    const audit = await t.database.db.auditEntry.findFirst({ where: { action: 'resource.update', entityId: workbooks.id }, orderBy: { at: 'asc' } });
    expect(audit).toMatchObject({ before: { quantity: 5 }, after: { quantity: 40, name } });
  });

  test('when archived then it leaves the catalog unless asked for, and comes back when unarchived', async () => {
    const room = await createResource(t, marketer.key, { kind: 'FIXED' });
    const archived = await patch(room.id, { archived: true });
    expect(archived.status).toBe(200);
    expect(archived.body.archivedAt).toEqual(expect.any(String));
    const ids = (body: { items: { id: string }[] }) => body.items.map((item) => item.id);
    expect(ids((await list()).body)).not.toContain(room.id);
    expect(ids((await list({ includeArchived: 'true' })).body)).toContain(room.id);
    const back = await patch(room.id, { archived: false });
    expect(back.body.archivedAt).toBeNull();
    expect(ids((await list()).body)).toContain(room.id);
  });

  test('when the change is bad then 400 names the field, and an unknown resource is a 404', async () => {
    const room = await createResource(t, marketer.key, { kind: 'FIXED' });
    expect(paths((await patch(room.id, {})).body)).toEqual(['body']);
    const fixedOfThree = await patch(room.id, { quantity: 3 });
    expect(fixedOfThree.status).toBe(400);
    expect(paths(fixedOfThree.body)).toEqual(['body.quantity']);
    const other = await createResource(t, marketer.key, { kind: 'FIXED' });
    const taken = await patch(room.id, { name: other.name });
    expect(taken.status).toBe(409);
    expect(paths(taken.body)).toEqual(['body.name']);
    expect((await patch('00000000-0000-4000-8000-000000000000', { name: 'x' })).status).toBe(404);
    expect((await t.request.get('/api/v1/resources').query({ includeArchived: 'maybe' }).set(auth(manager.key))).status).toBe(400);
  });
});
