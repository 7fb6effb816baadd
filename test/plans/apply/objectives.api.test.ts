import { startTestApp, type TestApp } from '../../support/test-app';
import { auth, paths, seedPlan } from './helpers';

let t: TestApp;
let author: { id: string; key: string };
let other: { id: string; key: string };
let admin: { id: string; key: string };

beforeAll(async () => {
  t = await startTestApp();
  [author, other, admin] = await Promise.all([t.userWithKey('marketer'), t.userWithKey('manager'), t.userWithKey('admin')]);
});
afterAll(() => t.close());

const objective = { name: 'Enable sampling', kind: 'SAMPLING', target: 2, unit: 'samples per account' };
const addObjective = (key: string, planId: string, body: object) => t.request.post(`/api/v1/plans/${planId}/objectives`).set(auth(key)).send(body);

describe('objectives', () => {
  test('when the author adds an objective then it is listed under the plan and readable by id', async () => {
    const planId = await seedPlan(t.database.db, author.id, 'DRAFT', 'Sampling plan');
    const created = await addObjective(author.key, planId, objective);
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(String), planId, planName: 'Sampling plan', planStatus: 'DRAFT', ...objective, appliesToAll: false, createdById: author.id, createdAt: expect.any(String), products: [],
    });
    const second = await addObjective(author.key, planId, { name: 'Two visits per key account', kind: 'VISITS', target: 2.5, unit: 'visits', appliesToAll: true });
    expect(second.status).toBe(201);

    const listed = await t.request.get(`/api/v1/plans/${planId}/objectives`).set(auth(other.key));
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((item: { name: string; target: number }) => [item.name, item.target])).toEqual([['Enable sampling', 2], ['Two visits per key account', 2.5]]);
    const one = await t.request.get(`/api/v1/objectives/${created.body.id}`).set(auth(other.key));
    expect(one.status).toBe(200);
    expect(one.body).toEqual(created.body);
  });

  test('when someone other than the author adds an objective then 403, and an admin may', async () => {
    const planId = await seedPlan(t.database.db, author.id);
    expect((await addObjective(other.key, planId, objective)).status).toBe(403);
    expect((await addObjective(admin.key, planId, objective)).status).toBe(201);
    expect(await t.database.db.objective.count({ where: { planId } })).toBe(1);
  });

  test('when the plan is EXPIRED or REJECTED then adding an objective is a 409 and nothing is written', async () => {
    for (const status of ['EXPIRED', 'REJECTED'] as const) {
      const planId = await seedPlan(t.database.db, author.id, status);
      const response = await addObjective(author.key, planId, objective);
      expect(response.status).toBe(409);
      expect(response.body.error.code).toBe('CONFLICT');
      expect(await t.database.db.objective.count({ where: { planId } })).toBe(0);
    }
  });

  test('when the plan or objective is unknown then 404; a bad body names each bad field', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect((await addObjective(author.key, unknown, objective)).status).toBe(404);
    expect((await t.request.get(`/api/v1/plans/${unknown}/objectives`).set(auth(author.key))).status).toBe(404);
    expect((await t.request.get(`/api/v1/objectives/${unknown}`).set(auth(author.key))).status).toBe(404);
    const planId = await seedPlan(t.database.db, author.id);
    const bad = await addObjective(author.key, planId, { name: ' ', kind: 'X', target: 0, unit: 'u', appliesToAll: 'yes', extra: 1 });
    expect(bad.status).toBe(400);
    expect(paths(bad.body)).toEqual(['body.appliesToAll', 'body.extra', 'body.name', 'body.target']);
    expect(paths((await addObjective(author.key, planId, { ...objective, target: -1 })).body)).toEqual(['body.target']);
    expect(await t.database.db.objective.count({ where: { planId } })).toBe(0);
  });

  test('when listing objectives that apply to all accounts then only those of plans not expired come back', async () => {
    const live = await seedPlan(t.database.db, author.id, 'APPROVED');
    const expired = await seedPlan(t.database.db, author.id, 'APPROVED');
    const forAll = await addObjective(author.key, live, { ...objective, name: 'For everyone', appliesToAll: true });
    const notForAll = await addObjective(author.key, live, { ...objective, name: 'For some' });
    const wasForAll = await addObjective(author.key, expired, { ...objective, name: 'Was for everyone', appliesToAll: true });
    await t.database.db.plan.update({ where: { id: expired }, data: { status: 'EXPIRED' } });

    const listed = await t.request.get('/api/v1/objectives').query({ appliesToAll: 'true' }).set(auth(other.key));
    expect(listed.status).toBe(200);
    const ids = listed.body.items.map((item: { id: string }) => item.id);
    expect(ids).toContain(forAll.body.id);
    expect(ids).not.toContain(notForAll.body.id);
    expect(ids).not.toContain(wasForAll.body.id);
    expect(listed.body.items.every((item: { appliesToAll: boolean; planStatus: string }) => item.appliesToAll && item.planStatus !== 'EXPIRED')).toBe(true);

    const page = await t.request.get('/api/v1/objectives').query({ planId: live, limit: 1 }).set(auth(other.key));
    expect(page.body.items.map((item: { name: string }) => item.name)).toEqual(['For some']);
    const next = await t.request.get('/api/v1/objectives').query({ planId: live, limit: 1, cursor: page.body.nextCursor }).set(auth(other.key));
    expect(next.body.items.map((item: { name: string }) => item.name)).toEqual(['For everyone']);
    expect(next.body.nextCursor).toBeNull();
    expect(paths((await t.request.get('/api/v1/objectives').query({ appliesToAll: 'maybe' }).set(auth(other.key))).body)).toEqual(['query.appliesToAll']);
  });
});
