import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from '../support/test-app';
import { auth, createAccountThroughApi, paths, rowCounts } from './helpers';

let t: TestApp;
let admin: { id: string; key: string };
let marketer: { id: string; key: string };
let nina: { id: string; key: string };
let omar: { id: string; key: string };

beforeAll(async () => {
  t = await startTestApp();
  [admin, marketer, nina, omar] = await Promise.all([t.userWithKey('admin'), t.userWithKey('marketer'), t.userWithKey('manager'), t.userWithKey('manager')]);
});
afterAll(() => t.close());

const patch = (key: string, id: string, body: unknown) => t.request.patch(`/api/v1/accounts/${id}`).set(auth(key)).send(body as object);
const stored = (id: string) => t.database.db.account.findUniqueOrThrow({ where: { id } });

async function accountOwnedBy(ownerId: string | null) {
  const { account } = await createAccountThroughApi(t, admin.key, { name: 'Original', segment: 'north', fields: { city: 'Lyon' }, leadSource: 'web' });
  if (ownerId) await t.database.db.account.update({ where: { id: account.id }, data: { ownerId, status: 'POTENTIAL' } });
  return account.id;
}

describe('PATCH /api/v1/accounts/:id', () => {
  test('when a marketer changes the descriptive fields then they are stored and answered, status and owner untouched', async () => {
    const id = await accountOwnedBy(nina.id);
    const response = await patch(marketer.key, id, { name: ' Renamed ', segment: null, timeZone: 'America/New_York', fields: { employees: 40 }, leadSource: null });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id, name: 'Renamed', segment: null, timeZone: 'America/New_York', fields: { employees: 40 }, leadSource: null, status: 'POTENTIAL', ownerId: nina.id });
    expect(await stored(id)).toMatchObject({ name: 'Renamed', segment: null, timeZone: 'America/New_York', fields: { employees: 40 }, status: 'POTENTIAL' });
  });

  test('when the owning manager changes the name then it is stored', async () => {
    const id = await accountOwnedBy(nina.id);
    const response = await patch(nina.key, id, { name: 'Mine' });
    expect(response.status).toBe(200);
    expect((await stored(id)).name).toBe('Mine');
  });

  test.each([
    ['status', { status: 'CLIENT', name: 'Sneaky' }, 'status changes only through logged activities (or POST /accounts/:id/take for NEW accounts)'],
    ['status (even the current one)', { status: 'POTENTIAL' }, 'status changes only through logged activities (or POST /accounts/:id/take for NEW accounts)'],
    ['ownerId', { ownerId: randomUUID() }, expect.stringContaining('ownership changes only')],
  ])('when the body sets %s then 422 RULE_VIOLATION and nothing changes', async (_field, body, message) => {
    const id = await accountOwnedBy(nina.id);
    const before = await stored(id);
    for (const caller of [admin, marketer, nina]) {
      const response = await patch(caller.key, id, body);
      expect(response.status).toBe(422);
      expect(response.body.error).toMatchObject({ code: 'RULE_VIOLATION', message });
    }
    expect(await stored(id)).toEqual(before);
  });

  test('when the account is archived then 409 CONFLICT and nothing changes', async () => {
    const id = await accountOwnedBy(null);
    await t.database.db.account.update({ where: { id }, data: { archivedAt: new Date(), archivedReason: 'junk' } });
    const before = await stored(id);
    const response = await patch(admin.key, id, { name: 'Back from the dead' });
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe('CONFLICT');
    expect(await stored(id)).toEqual(before);
  });

  test("when a manager changes another manager's account then 404; an unowned NEW one then 403 (take it first); nothing changes", async () => {
    const ninas = await accountOwnedBy(nina.id);
    const pool = await accountOwnedBy(null);
    const [beforeNinas, beforePool] = [await stored(ninas), await stored(pool)];
    expect((await patch(omar.key, ninas, { name: 'Mine now' })).status).toBe(404);
    const forbidden = await patch(omar.key, pool, { name: 'Mine now' });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.message).toContain('/take');
    expect(await stored(ninas)).toEqual(beforeNinas);
    expect(await stored(pool)).toEqual(beforePool);
  });

  test.each([
    ['an empty body', {}, ['body']],
    ['an unknown field', { name: 'X', color: 'red' }, ['body.color']],
    ['a bad time zone', { timeZone: 'Europe/Atlantis' }, ['body.timeZone']],
    ['wrong types', { name: 5, fields: 'city=Lyon' }, ['body.fields', 'body.name']],
    ['a blank name', { name: '' }, ['body.name']],
    ['an array body', [{ name: 'X' }], ['body']],
  ])('when the body has %s then 400 names the field and nothing changes', async (_case, body, expected) => {
    const id = await accountOwnedBy(nina.id);
    const before = await stored(id);
    const counts = await rowCounts(t);
    const response = await patch(admin.key, id, body);
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('VALIDATION_FAILED');
    expect(paths(response.body)).toEqual(expected);
    expect(await stored(id)).toEqual(before);
    expect(await rowCounts(t)).toEqual(counts);
  });

  test('when the id is not a uuid then 400 names path.id; when it is unknown then 404', async () => {
    const bad = await patch(admin.key, 'abc', { name: 'X' });
    expect(bad.status).toBe(400);
    expect(paths(bad.body)).toEqual(['path.id']);
    expect((await patch(admin.key, randomUUID(), { name: 'X' })).status).toBe(404);
  });
});
