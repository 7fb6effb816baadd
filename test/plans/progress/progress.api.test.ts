import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from '../../support/test-app';
import { planSeeds } from './plan-seeds';

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
const paths = (body: { error: { details: { path: string }[] } }) => body.error.details.map((detail) => detail.path).sort();
const progress = (key: string, objectiveId: string, query = '') => t.request.get(`/api/v1/objectives/${objectiveId}/progress${query}`).set(auth(key));
const accountPage = async (key: string, id: string) => {
  const response = await t.request.get(`/api/v1/accounts/${id}`).set(auth(key));
  expect(response.status).toBe(200);
  return response.body;
};

/** An account created and taken into work through the API: its workflow runs. */
async function accountInWork(name: string): Promise<string> {
  const created = await t.request.post('/api/v1/accounts').set(auth(nina.key)).send({ name, contacts: [{ name: 'Dana Buyer' }] });
  expect(created.status).toBe(201);
  const taken = await t.request.post(`/api/v1/accounts/${created.body.account.id}/take`).set(auth(nina.key));
  expect(taken.status).toBe(200);
  return created.body.account.id;
}

describe('activities linked to a plan or an objective', () => {
  test('when a manager logs a call for an objective then the workflow applies it and it counts in the progress and on the account page', async () => {
    const plan = await seeds.plan(admin.id);
    const objective = await seeds.objective(plan.id, { target: 4 });
    const id = await accountInWork('Visited Ltd');
    await seeds.applyObjective(objective.id, [id]);

    const logged = await t.request.post(`/api/v1/accounts/${id}/activities`).set(auth(nina.key)).send({ type: 'CALL', outcome: 'CONTACT_MADE', objectiveId: objective.id });
    expect(logged.status).toBe(201);
    expect(logged.body.activity).toMatchObject({ planId: plan.id, objectiveId: objective.id });
    expect(logged.body.status).toBe('CONTACT_ESTABLISHED');
    const plain = await t.request.post(`/api/v1/accounts/${id}/activities`).set(auth(nina.key)).send({ type: 'NOTE', outcome: 'NO_ANSWER', planId: plan.id });
    expect(plain.status).toBe(201);
    expect(plain.body.activity).toMatchObject({ planId: plan.id, objectiveId: null });

    const response = await progress(nina.key, objective.id);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      objectiveId: objective.id, planId: plan.id, name: 'Two visits per key account', kind: 'VISITS', appliesToAll: false,
      target: 4, unit: 'visits', done: 1, ratio: 0.25, accountCount: 1, perAccount: [{ accountId: id, accountName: 'Visited Ltd', done: 1 }], perProduct: [],
    });

    const page = await accountPage(nina.key, id);
    expect(page.activities.map((activity: { planId: string; objectiveId: string | null }) => [activity.planId, activity.objectiveId])).toEqual([
      [plan.id, null],
      [plan.id, objective.id],
    ]);
    expect(page.objectives).toEqual([
      { id: objective.id, name: 'Two visits per key account', kind: 'VISITS', target: 4, unit: 'visits', planId: plan.id, planName: plan.name, planStatus: 'APPROVED', appliesToAll: false, done: 1 },
    ]);
  });

  test('when an activity names an unknown plan or objective, or an objective of another plan, then 400 names the field and no activity is stored', async () => {
    const id = await accountInWork('Careful Ltd');
    const [plan, other] = await Promise.all([seeds.plan(admin.id), seeds.plan(admin.id)]);
    const objective = await seeds.objective(other.id);
    const log = (body: object) => t.request.post(`/api/v1/accounts/${id}/activities`).set(auth(nina.key)).send({ type: 'CALL', outcome: 'CONTACT_MADE', ...body });
    const cases: [object, string[]][] = [
      [{ planId: randomUUID() }, ['body.planId']],
      [{ objectiveId: randomUUID() }, ['body.objectiveId']],
      [{ planId: randomUUID(), objectiveId: randomUUID() }, ['body.objectiveId', 'body.planId']],
      [{ planId: plan.id, objectiveId: objective.id }, ['body.objectiveId']],
      [{ planId: 'not-a-uuid' }, ['body.planId']],
    ];
    for (const [body, expected] of cases) {
      const response = await log(body);
      expect({ body, status: response.status, paths: paths(response.body) }).toEqual({ body, status: 400, paths: expected });
    }
    expect(await t.database.db.activity.count({ where: { accountId: id } })).toBe(0);
    expect((await accountPage(nina.key, id)).account.status).toBe('POTENTIAL');
  });
});

describe('GET /api/v1/objectives/:id/progress', () => {
  test('when activities are linked to an applied objective then done counts APPLIED ones only, per account and in total', async () => {
    const plan = await seeds.plan(admin.id);
    const objective = await seeds.objective(plan.id, { target: 3 });
    const [a, b, c, outside, omars] = await Promise.all([
      seeds.ownedAccount(nina.id, 'A-corp'), seeds.ownedAccount(nina.id, 'B-corp'), seeds.ownedAccount(nina.id, 'C-corp'), seeds.ownedAccount(nina.id, 'Outside'), seeds.ownedAccount(omar.id, 'Omar corp'),
    ]);
    await seeds.applyObjective(objective.id, [a.id, b.id, c.id, omars.id]);
    await seeds.appliedActivities(a.id, nina.id, 2, { objectiveId: objective.id, planId: plan.id });
    await seeds.appliedActivities(a.id, nina.id, 3, { objectiveId: objective.id, planId: plan.id, state: 'PENDING' });
    await seeds.appliedActivities(b.id, nina.id, 1, { objectiveId: objective.id, planId: plan.id });
    await seeds.appliedActivities(outside.id, nina.id, 1, { objectiveId: objective.id, planId: plan.id });
    await seeds.appliedActivities(omars.id, omar.id, 4, { objectiveId: objective.id, planId: plan.id });
    await seeds.appliedActivities(c.id, nina.id, 5, { planId: plan.id });

    const all = await progress(admin.key, objective.id);
    expect(all.body).toMatchObject({ target: 3, done: 8, ratio: 2.6667, accountCount: 4 });
    expect(all.body.perAccount).toEqual([
      { accountId: omars.id, accountName: 'Omar corp', done: 4 },
      { accountId: a.id, accountName: 'A-corp', done: 2 },
      { accountId: b.id, accountName: 'B-corp', done: 1 },
      { accountId: c.id, accountName: 'C-corp', done: 0 },
    ]);
    const laggards = await progress(marketer.key, objective.id, '?order=done_asc&limit=2');
    expect(laggards.body.perAccount.map((row: { accountName: string }) => row.accountName)).toEqual(['C-corp', 'B-corp']);
    expect(laggards.body.accountCount).toBe(4);

    // A manager sees the total, and the rows of the accounts they may see.
    const mine = await progress(nina.key, objective.id);
    expect(mine.body).toMatchObject({ done: 8, accountCount: 3 });
    expect(mine.body.perAccount.map((row: { accountName: string }) => row.accountName)).toEqual(['A-corp', 'B-corp', 'C-corp']);
  });

  test('when an objective applies to all accounts then every account not archived is in its scope', async () => {
    const plan = await seeds.plan(admin.id);
    const objective = await seeds.objective(plan.id, { appliesToAll: true, target: 0 });
    const account = await seeds.ownedAccount(nina.id, 'Everyone Inc');
    await seeds.appliedActivities(account.id, nina.id, 2, { objectiveId: objective.id });
    const expected = await t.database.db.account.count({ where: { archivedAt: null } });
    const response = await progress(admin.key, objective.id, '?limit=1');
    expect(response.body).toMatchObject({ appliesToAll: true, done: 2, ratio: null, accountCount: expected });
    expect(response.body.perAccount).toEqual([{ accountId: account.id, accountName: 'Everyone Inc', done: 2 }]);
  });

  test('when the objective is unknown or the query is bad then 404 / 400', async () => {
    expect((await progress(admin.key, randomUUID())).status).toBe(404);
    expect((await progress(admin.key, 'nope')).status).toBe(400);
    const plan = await seeds.plan(admin.id);
    const objective = await seeds.objective(plan.id);
    for (const [query, field] of [['?limit=0', 'query.limit'], ['?limit=5000', 'query.limit'], ['?order=up', 'query.order'], ['?x=1', 'query.x']]) {
      const response = await progress(admin.key, objective.id, query);
      expect({ query, status: response.status, paths: paths(response.body) }).toEqual({ query, status: 400, paths: [field] });
    }
  });
});

describe('the account page', () => {
  test('when an objective applies to all accounts then every account page shows it, unless its plan is EXPIRED or REJECTED; applied plans and deals show too', async () => {
    const plan = await seeds.plan(admin.id, { name: 'Sampling 2026', periodStart: '2026-01-01', periodEnd: '2026-12-31' });
    const forAll = await seeds.objective(plan.id, { name: 'Enable sampling', kind: 'SAMPLING', target: 1, unit: 'enabled', appliesToAll: true });
    const draft = await seeds.plan(admin.id, { status: 'DRAFT' });
    const draftObjective = await seeds.objective(draft.id, { name: 'Draft for all', appliesToAll: true });
    const [expired, rejected] = await Promise.all([seeds.plan(admin.id, { status: 'EXPIRED' }), seeds.plan(admin.id, { status: 'REJECTED' })]);
    const [expiredForAll, rejectedForAll] = await Promise.all([seeds.objective(expired.id, { appliesToAll: true }), seeds.objective(rejected.id, { appliesToAll: true })]);
    const expiredApplied = await seeds.objective(expired.id, { name: 'Applied before it expired' });

    const [first, second, poolAccount] = await Promise.all([seeds.ownedAccount(nina.id), seeds.ownedAccount(omar.id), seeds.ownedAccount(null)]);
    await seeds.applyPlan(plan.id, [first.id]);
    await seeds.applyObjective(expiredApplied.id, [first.id]);
    await seeds.appliedActivities(first.id, nina.id, 1, { objectiveId: forAll.id, planId: plan.id });
    const deal = await t.request.post('/api/v1/opportunities').set(auth(nina.key)).send({ accountId: first.id, name: 'Deal', amount: 10, currency: 'EUR', planId: plan.id });
    expect(deal.status).toBe(201);

    for (const [key, account] of [[nina.key, first], [omar.key, second], [marketer.key, poolAccount]] as const) {
      const page = await accountPage(key, account.id);
      const ids = page.objectives.map((objective: { id: string }) => objective.id);
      expect(ids).toEqual(expect.arrayContaining([forAll.id, draftObjective.id]));
      expect(ids).not.toContain(expiredForAll.id);
      expect(ids).not.toContain(rejectedForAll.id);
      expect(page.contacts).toEqual([]);
    }
    const page = await accountPage(nina.key, first.id);
    expect(page.objectives.find((objective: { id: string }) => objective.id === forAll.id)).toEqual({
      id: forAll.id, name: 'Enable sampling', kind: 'SAMPLING', target: 1, unit: 'enabled', planId: plan.id, planName: 'Sampling 2026', planStatus: 'APPROVED', appliesToAll: true, done: 1,
    });
    expect(page.objectives.find((objective: { id: string }) => objective.id === expiredApplied.id)).toMatchObject({ planStatus: 'EXPIRED', appliesToAll: false, done: 0 });
    expect(page.plans).toEqual([{ id: plan.id, name: 'Sampling 2026', status: 'APPROVED', periodStart: '2026-01-01', periodEnd: '2026-12-31', appliedAt: expect.any(String) }]);
    expect(page.opportunities).toEqual([deal.body]);
    const other = await accountPage(omar.key, second.id);
    expect(other.plans).toEqual([]);
    expect(other.opportunities).toEqual([]);
    expect(other.objectives.find((objective: { id: string }) => objective.id === forAll.id).done).toBe(0);
  });
});

describe('GET /api/v1/reports/plans/:id', () => {
  test('when deals are linked to a plan and its quarters then revenue counts WON, pipeline counts open stages, and children have their own figures', async () => {
    const year = await seeds.plan(admin.id, { name: 'FY2026', revenueTarget: 1000, currency: 'EUR' });
    const q1 = await seeds.plan(admin.id, { name: 'Q1', parentId: year.id, revenueTarget: 250, currency: 'EUR', periodEnd: '2026-03-31' });
    const q2 = await seeds.plan(admin.id, { name: 'Q2', parentId: year.id, revenueTarget: 250, currency: 'EUR', periodStart: '2026-04-01', periodEnd: '2026-06-30' });
    const objective = await seeds.objective(year.id, { target: 4 });
    const account = await seeds.ownedAccount(nina.id);
    const other = await seeds.ownedAccount(nina.id);
    await seeds.applyPlan(year.id, [account.id, other.id]);
    await seeds.applyPlan(q1.id, [account.id]);
    await seeds.appliedActivities(account.id, nina.id, 3, { objectiveId: objective.id, planId: year.id });

    const deal = async (planId: string, amount: number, stage: string, currency = 'EUR') => {
      const response = await t.request.post('/api/v1/opportunities').set(auth(nina.key)).send({ accountId: account.id, name: `${stage} ${amount}`, amount, currency, stage, planId });
      expect(response.status).toBe(201);
      return response.body.id as string;
    };
    await deal(year.id, 100.5, 'WON');
    await deal(year.id, 200, 'NEGOTIATION');
    await deal(year.id, 999, 'LOST');
    await deal(year.id, 70, 'WON', 'USD');
    await deal(q1.id, 150, 'WON');
    const moving = await deal(q1.id, 40, 'PROPOSAL');
    expect((await t.request.patch(`/api/v1/opportunities/${moving}`).set(auth(nina.key)).send({ stage: 'WON' })).status).toBe(200);

    const response = await t.request.get(`/api/v1/reports/plans/${year.id}`).set(auth(marketer.key));
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      id: year.id, name: 'FY2026', status: 'APPROVED', periodStart: '2026-01-01', periodEnd: '2026-12-31', parentId: null,
      revenueTarget: 1000, currency: 'EUR',
      revenue: { currency: 'EUR', won: 290.5, pipeline: 200, opportunities: 5 },
      revenueInOtherCurrencies: [{ currency: 'USD', won: 70, pipeline: 0, opportunities: 1 }],
      ratio: 0.2905,
      accountsApplied: 2,
      objectives: [{ id: objective.id, name: 'Two visits per key account', kind: 'VISITS', appliesToAll: false, target: 4, unit: 'visits', done: 3, ratio: 0.75 }],
      children: [
        {
          id: q1.id, name: 'Q1', status: 'APPROVED', periodStart: '2026-01-01', periodEnd: '2026-03-31', revenueTarget: 250, currency: 'EUR',
          revenue: { currency: 'EUR', won: 190, pipeline: 0, opportunities: 2 }, revenueInOtherCurrencies: [], ratio: 0.76, accountsApplied: 1, objectiveCount: 0,
        },
        {
          id: q2.id, name: 'Q2', status: 'APPROVED', periodStart: '2026-04-01', periodEnd: '2026-06-30', revenueTarget: 250, currency: 'EUR',
          revenue: { currency: 'EUR', won: 0, pipeline: 0, opportunities: 0 }, revenueInOtherCurrencies: [], ratio: 0, accountsApplied: 0, objectiveCount: 0,
        },
      ],
      perProduct: [],
    });

    const quarter = await t.request.get(`/api/v1/reports/plans/${q1.id}`).set(auth(nina.key));
    expect(quarter.body).toMatchObject({ parentId: year.id, revenue: { won: 190 }, children: [] });
    expect((await t.request.get(`/api/v1/reports/plans/${randomUUID()}`).set(auth(admin.key))).status).toBe(404);
    expect((await t.request.get('/api/v1/reports/plans/nope').set(auth(admin.key))).status).toBe(400);
  });
});
