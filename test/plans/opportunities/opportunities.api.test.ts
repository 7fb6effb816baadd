import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from '../../support/test-app';
import { planSeeds } from '../progress/plan-seeds';

let t: TestApp;
let seeds: ReturnType<typeof planSeeds>;
let admin: { id: string; key: string };
let marketer: { id: string; key: string };
let nina: { id: string; key: string };
let omar: { id: string; key: string };

beforeAll(async () => {
  t = await startTestApp();
  seeds = planSeeds(t);
  [admin, marketer, nina, omar] = await Promise.all([t.userWithKey('admin'), t.userWithKey('marketer'), t.userWithKey('manager'), t.userWithKey('manager')]);
});
afterAll(() => t.close());

const auth = (key: string) => ({ Authorization: `Bearer ${key}` });
const create = (key: string, body: object) => t.request.post('/api/v1/opportunities').set(auth(key)).send(body);
const patch = (key: string, id: string, body: object) => t.request.patch(`/api/v1/opportunities/${id}`).set(auth(key)).send(body);
const paths = (body: { error: { details: { path: string }[] } }) => body.error.details.map((detail) => detail.path).sort();

describe('POST /api/v1/opportunities', () => {
  test('when a manager creates a deal on their account linked to a plan, objective and campaign source then it is stored with every link', async () => {
    const account = await seeds.ownedAccount(nina.id);
    const plan = await seeds.plan(admin.id, { currency: 'EUR', revenueTarget: 100_000 });
    const objective = await seeds.objective(plan.id);
    const source = await seeds.campaignSource();

    const response = await create(nina.key, {
      accountId: account.id, name: 'Sampling deal', amount: 12500.5, currency: 'EUR', expectedCloseDate: '2026-06-30',
      planId: plan.id, objectiveId: objective.id, campaignSourceId: source.id,
    });
    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      id: expect.any(String), accountId: account.id, name: 'Sampling deal', amount: 12500.5, currency: 'EUR', stage: 'PROSPECTING',
      expectedCloseDate: '2026-06-30', planId: plan.id, objectiveId: objective.id, campaignSourceId: source.id,
      ownerId: nina.id, createdById: nina.id, createdAt: expect.any(String), updatedAt: expect.any(String),
    });
    const row = await t.database.db.opportunity.findUniqueOrThrow({ where: { id: response.body.id } });
    expect(row.amount.toFixed(2)).toBe('12500.50');
    expect(row.expectedCloseDate?.toISOString()).toBe('2026-06-30T00:00:00.000Z');

    const read = await t.request.get(`/api/v1/opportunities/${response.body.id}`).set(auth(nina.key));
    expect(read.status).toBe(200);
    expect(read.body).toEqual(response.body);
  });

  test("when only an objective is given then the deal also gets the objective's plan", async () => {
    const account = await seeds.ownedAccount(nina.id);
    const plan = await seeds.plan(admin.id);
    const objective = await seeds.objective(plan.id);
    const response = await create(nina.key, { accountId: account.id, name: 'Deal', amount: 10, currency: 'USD', objectiveId: objective.id });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ planId: plan.id, objectiveId: objective.id });
  });

  test('when the plan is EXPIRED then the link is still allowed: it is history', async () => {
    const account = await seeds.ownedAccount(nina.id);
    const expired = await seeds.plan(admin.id, { status: 'EXPIRED', periodEnd: '2025-12-31', periodStart: '2025-01-01' });
    const response = await create(nina.key, { accountId: account.id, name: 'Late deal', amount: 0, currency: 'EUR', stage: 'WON', planId: expired.id });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ planId: expired.id, stage: 'WON', amount: 0 });
  });

  test('when the body is malformed then 400 names each bad field and nothing is stored', async () => {
    const account = await seeds.ownedAccount(nina.id);
    const before = await t.database.db.opportunity.count();
    const cases: [object, string[]][] = [
      [{}, ['body.accountId', 'body.amount', 'body.currency', 'body.name']],
      [{ accountId: account.id, name: 'x', amount: -1, currency: 'EUR' }, ['body.amount']],
      [{ accountId: account.id, name: 'x', amount: 10.123, currency: 'EUR' }, ['body.amount']],
      [{ accountId: account.id, name: 'x', amount: '10', currency: 'EUR' }, ['body.amount']],
      [{ accountId: account.id, name: 'x', amount: 1e15, currency: 'EUR' }, ['body.amount']],
      [{ accountId: account.id, name: 'x', amount: 10, currency: 'eur' }, ['body.currency']],
      [{ accountId: account.id, name: 'x', amount: 10, currency: 'XYZ' }, ['body.currency']],
      [{ accountId: account.id, name: 'x', amount: 10, currency: 'EUR', stage: 'CLOSED' }, ['body.stage']],
      [{ accountId: account.id, name: 'x', amount: 10, currency: 'EUR', expectedCloseDate: '2026-02-30' }, ['body.expectedCloseDate']],
      [{ accountId: account.id, name: 'x', amount: 10, currency: 'EUR', expectedCloseDate: '2026-06-30T00:00:00Z' }, ['body.expectedCloseDate']],
      [{ accountId: account.id, name: '  ', amount: 10, currency: 'EUR' }, ['body.name']],
      [{ accountId: account.id, name: 'x\u0000', amount: 10, currency: 'EUR' }, ['body.name']],
      [{ accountId: 'nope', name: 'x', amount: 10, currency: 'EUR', planId: 'nope' }, ['body.accountId', 'body.planId']],
      [{ accountId: account.id, name: 'x', amount: 10, currency: 'EUR', ownerId: nina.id }, ['body.ownerId']],
    ];
    for (const [body, expected] of cases) {
      const response = await create(nina.key, body);
      expect({ body, status: response.status, code: response.body.error?.code }).toEqual({ body, status: 400, code: 'VALIDATION_FAILED' });
      expect({ body, paths: paths(response.body) }).toEqual({ body, paths: expected });
    }
    expect(await t.database.db.opportunity.count()).toBe(before);
  });

  test('when an account, plan, objective or source does not exist then 400 names each of them and nothing is stored', async () => {
    const before = await t.database.db.opportunity.count();
    const response = await create(admin.key, {
      accountId: randomUUID(), name: 'x', amount: 1, currency: 'EUR', planId: randomUUID(), objectiveId: randomUUID(), campaignSourceId: randomUUID(),
    });
    expect(response.status).toBe(400);
    expect(paths(response.body)).toEqual(['body.accountId', 'body.campaignSourceId', 'body.objectiveId', 'body.planId']);
    expect(response.body.error.message).toMatch(/No plan/);
    expect(await t.database.db.opportunity.count()).toBe(before);
  });

  test('when the objective belongs to another plan than the one given then 400 on body.objectiveId', async () => {
    const account = await seeds.ownedAccount(nina.id);
    const [plan, other] = await Promise.all([seeds.plan(admin.id), seeds.plan(admin.id)]);
    const objective = await seeds.objective(other.id);
    const response = await create(nina.key, { accountId: account.id, name: 'x', amount: 1, currency: 'EUR', planId: plan.id, objectiveId: objective.id });
    expect(response.status).toBe(400);
    expect(paths(response.body)).toEqual(['body.objectiveId']);
    expect(response.body.error.details[0].message).toContain(`belongs to plan ${other.id}`);
  });

  test("when a manager names another manager's account then the same 400 as an unknown account; a marketer may not create", async () => {
    const omars = await seeds.ownedAccount(omar.id);
    const response = await create(nina.key, { accountId: omars.id, name: 'x', amount: 1, currency: 'EUR' });
    expect(response.status).toBe(400);
    expect(paths(response.body)).toEqual(['body.accountId']);
    const unknown = await create(nina.key, { accountId: randomUUID(), name: 'x', amount: 1, currency: 'EUR' });
    expect(unknown.body.error.details[0].message.replace(/No account \S+/, '')).toBe(response.body.error.details[0].message.replace(/No account \S+/, ''));

    const pool = await seeds.ownedAccount(null);
    expect((await create(nina.key, { accountId: pool.id, name: 'x', amount: 1, currency: 'EUR' })).status).toBe(403);
    expect((await create(marketer.key, { accountId: omars.id, name: 'x', amount: 1, currency: 'EUR' })).status).toBe(403);
    expect((await create(admin.key, { accountId: omars.id, name: 'Admin deal', amount: 1, currency: 'EUR' })).body).toMatchObject({ ownerId: omar.id, createdById: admin.id });

    await t.database.db.account.update({ where: { id: omars.id }, data: { archivedAt: new Date(), archivedReason: 'junk' } });
    expect((await create(admin.key, { accountId: omars.id, name: 'x', amount: 1, currency: 'EUR' })).status).toBe(409);
  });
});

describe('PATCH and GET /api/v1/opportunities/:id', () => {
  test('when a manager moves a deal forward then amount, stage, date, name and links change; null unlinks', async () => {
    const account = await seeds.ownedAccount(nina.id);
    const plan = await seeds.plan(admin.id);
    const [objective, otherObjective] = await Promise.all([seeds.objective(plan.id), seeds.objective(plan.id, { name: 'Sampling' })]);
    const created = (await create(nina.key, { accountId: account.id, name: 'Deal', amount: 100, currency: 'EUR', planId: plan.id })).body;

    const moved = await patch(nina.key, created.id, { amount: 250.75, stage: 'NEGOTIATION', expectedCloseDate: '2026-09-15', name: 'Bigger deal', objectiveId: objective.id });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ amount: 250.75, stage: 'NEGOTIATION', expectedCloseDate: '2026-09-15', name: 'Bigger deal', planId: plan.id, objectiveId: objective.id, currency: 'EUR' });

    expect((await patch(nina.key, created.id, { objectiveId: otherObjective.id })).body).toMatchObject({ objectiveId: otherObjective.id, planId: plan.id });
    expect((await patch(nina.key, created.id, { planId: null })).status).toBe(400);
    const unlinked = await patch(nina.key, created.id, { planId: null, objectiveId: null, expectedCloseDate: null, stage: 'WON' });
    expect(unlinked.body).toMatchObject({ planId: null, objectiveId: null, expectedCloseDate: null, stage: 'WON', amount: 250.75 });
  });

  test('when a patch is invalid then 400 names the field and the deal is unchanged', async () => {
    const account = await seeds.ownedAccount(nina.id);
    const [plan, other] = await Promise.all([seeds.plan(admin.id), seeds.plan(admin.id)]);
    const objective = await seeds.objective(plan.id);
    const created = (await create(nina.key, { accountId: account.id, name: 'Deal', amount: 100, currency: 'EUR', planId: plan.id, objectiveId: objective.id })).body;
    const cases: [object, string[]][] = [
      [{}, ['body']],
      [{ amount: -5 }, ['body.amount']],
      [{ stage: 'DONE' }, ['body.stage']],
      [{ expectedCloseDate: 'tomorrow' }, ['body.expectedCloseDate']],
      [{ accountId: randomUUID() }, ['body.accountId']],
      [{ planId: randomUUID() }, ['body.planId']],
      [{ planId: other.id }, ['body.planId']],
      [{ objectiveId: randomUUID() }, ['body.objectiveId']],
      [{ campaignSourceId: randomUUID() }, ['body.campaignSourceId']],
      [{ amount: 1, campaignSourceId: randomUUID(), objectiveId: randomUUID() }, ['body.campaignSourceId', 'body.objectiveId']],
    ];
    for (const [body, expected] of cases) {
      const response = await patch(nina.key, created.id, body);
      expect({ body, status: response.status, paths: paths(response.body) }).toEqual({ body, status: 400, paths: expected });
    }
    expect((await t.request.get(`/api/v1/opportunities/${created.id}`).set(auth(nina.key))).body).toEqual(created);
    expect((await t.request.patch(`/api/v1/opportunities/nope`).set(auth(nina.key)).send({ amount: 1 })).status).toBe(400);
  });

  test("when another manager reads or changes someone else's deal then 404, the same as an unknown id", async () => {
    const account = await seeds.ownedAccount(nina.id);
    const created = (await create(nina.key, { accountId: account.id, name: 'Deal', amount: 100, currency: 'EUR' })).body;
    for (const id of [created.id, randomUUID()]) {
      expect((await t.request.get(`/api/v1/opportunities/${id}`).set(auth(omar.key))).status).toBe(404);
      const changed = await patch(omar.key, id, { amount: 1 });
      expect(changed.status).toBe(404);
      expect(changed.body.error.message).toBe(`No opportunity ${id}`);
    }
    expect((await t.request.get(`/api/v1/opportunities/${created.id}`).set(auth(marketer.key))).status).toBe(200);
    expect((await patch(marketer.key, created.id, { amount: 1 })).status).toBe(403);
    expect((await patch(admin.key, created.id, { amount: 1 })).body.amount).toBe(1);
  });
});

describe('GET /api/v1/opportunities', () => {
  test('when listing then filters by account, plan and stage, pages by cursor, and a manager sees only the accounts they may see', async () => {
    const [mine, theirs] = await Promise.all([seeds.ownedAccount(nina.id), seeds.ownedAccount(omar.id)]);
    const plan = await seeds.plan(admin.id);
    const ids: string[] = [];
    for (const [index, stage] of ['PROSPECTING', 'WON', 'LOST', 'WON', 'PROPOSAL'].entries()) {
      ids.push((await create(nina.key, { accountId: mine.id, name: `Deal ${index}`, amount: index, currency: 'EUR', stage, planId: index % 2 === 0 ? plan.id : undefined })).body.id);
    }
    ids.push((await create(omar.key, { accountId: theirs.id, name: 'Omar deal', amount: 1, currency: 'EUR', planId: plan.id })).body.id);
    // Distinct creation times, so the order does not hang on two requests landing in one millisecond.
    for (const [index, id] of ids.entries()) {
      await t.database.db.opportunity.update({ where: { id }, data: { createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, index)) } });
    }

    const list = (key: string, query: string) => t.request.get(`/api/v1/opportunities?${query}`).set(auth(key));
    const names = (body: { items: { name: string }[] }) => body.items.map((item) => item.name);

    const first = await list(nina.key, `accountId=${mine.id}&limit=2`);
    expect(first.status).toBe(200);
    expect(names(first.body)).toEqual(['Deal 4', 'Deal 3']);
    const second = await list(nina.key, `accountId=${mine.id}&limit=2&cursor=${first.body.nextCursor}`);
    expect(names(second.body)).toEqual(['Deal 2', 'Deal 1']);
    const third = await list(nina.key, `accountId=${mine.id}&limit=2&cursor=${second.body.nextCursor}`);
    expect(names(third.body)).toEqual(['Deal 0']);
    expect(third.body.nextCursor).toBeNull();

    expect(names((await list(nina.key, `accountId=${mine.id}&stage=WON`)).body)).toEqual(['Deal 3', 'Deal 1']);
    expect(names((await list(nina.key, `accountId=${mine.id}&stage=WON,LOST`)).body)).toEqual(['Deal 3', 'Deal 2', 'Deal 1']);
    expect(names((await list(nina.key, `planId=${plan.id}`)).body)).toEqual(['Deal 4', 'Deal 2', 'Deal 0']);
    expect(names((await list(admin.key, `planId=${plan.id}`)).body)).toEqual(['Omar deal', 'Deal 4', 'Deal 2', 'Deal 0']);
    expect(names((await list(marketer.key, `planId=${plan.id}`)).body)).toHaveLength(4);
    expect((await list(omar.key, `accountId=${mine.id}`)).body.items).toEqual([]);

    for (const [query, field] of [['stage=DONE', 'query.stage'], ['cursor=garbage!', 'query.cursor'], ['limit=0', 'query.limit'], ['planId=x', 'query.planId'], ['foo=1', 'query.foo']]) {
      const bad = await list(nina.key, query);
      expect({ query, status: bad.status, paths: paths(bad.body) }).toEqual({ query, status: 400, paths: [field] });
    }
  });
});
