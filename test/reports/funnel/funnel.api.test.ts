import { startTestApp, type TestApp } from '../../support/test-app';

let t: TestApp;
let admin: { id: string; key: string };
let marketer: { id: string; key: string };
let nina: { id: string; key: string };
let omar: { id: string; key: string };
const accounts: Record<string, string> = {};

const auth = (key: string) => ({ Authorization: `Bearer ${key}` });
const paths = (body: { error: { details: { path: string }[] } }) => body.error.details.map((detail) => detail.path).sort();
const funnel = (key: string, query = '') => t.request.get(`/api/v1/reports/funnel${query}`).set(auth(key));

async function created(name: string, data: { segment: string; leadSource: string }): Promise<string> {
  const response = await t.request.post('/api/v1/accounts').set(auth(admin.key)).send({ name, ...data });
  expect(response.status).toBe(201);
  return response.body.account.id;
}

/** An account created, taken by `manager` and moved by the activities logged through the lifecycle API. */
async function worked(name: string, manager: { key: string }, data: { segment: string; leadSource: string }, outcomes: string[], expected: string): Promise<string> {
  const id = await created(name, data);
  expect((await t.request.post(`/api/v1/accounts/${id}/take`).set(auth(manager.key))).body.status).toBe('POTENTIAL');
  let status = 'POTENTIAL';
  for (const outcome of outcomes) {
    const type = outcome === 'PAYMENT_CONFIRMED' ? 'FAX' : outcome === 'CONTACT_MADE' || outcome === 'REFUSED' ? 'CALL' : 'MEETING';
    const logged = await t.request.post(`/api/v1/accounts/${id}/activities`).set(auth(manager.key)).send({ type, outcome, nextStep: { type: 'CALL', dueAt: new Date(Date.now() + 86_400_000).toISOString() } });
    expect(logged.status).toBe(201);
    status = logged.body.status;
  }
  expect(status).toBe(expected);
  return id;
}

/** Rewrites an account's history so that each stay lasts `hours` (the first change at 2026-01-01). */
async function stepsOf(accountId: string, hours: number) {
  await t.database.db.$executeRaw`
    UPDATE status_changes sc SET changed_at = timestamptz '2026-01-01T00:00:00Z' + (r.n * ${hours}::int * interval '1 hour')
    FROM (SELECT id, row_number() OVER (ORDER BY changed_at, id) - 1 AS n FROM status_changes WHERE account_id = CAST(${accountId} AS uuid)) r
    WHERE sc.id = r.id`;
}

beforeAll(async () => {
  t = await startTestApp();
  [admin, marketer, nina, omar] = await Promise.all([t.userWithKey('admin'), t.userWithKey('marketer'), t.userWithKey('manager'), t.userWithKey('manager')]);
  const retail = { segment: 'retail', leadSource: 'fair' };
  accounts.client = await worked('Client Co', nina, retail, ['CONTACT_MADE', 'MEETING_HELD', 'CONTRACT_SIGNED', 'PAYMENT_CONFIRMED'], 'CLIENT');
  accounts.refused = await worked('Refused Co', nina, retail, ['CONTACT_MADE', 'REFUSED'], 'REFUSED');
  accounts.potential = await worked('Potential Co', nina, retail, [], 'POTENTIAL');
  accounts.pool = await created('Pool Co', retail);
  accounts.omars = await worked('Wholesale Co', omar, { segment: 'wholesale', leadSource: 'web' }, ['CONTACT_MADE'], 'CONTACT_ESTABLISHED');
  // Archived accounts are left out of every figure.
  accounts.archived = await worked('Archived Co', nina, retail, ['CONTACT_MADE'], 'CONTACT_ESTABLISHED');
  await t.database.db.account.update({ where: { id: accounts.archived }, data: { archivedAt: new Date(), archivedReason: 'test' } });
  // Known stays: 1 h each for the client, 2 h for the refusal, 3 h for the potential, 5 h for Omar's.
  await stepsOf(accounts.client, 1);
  await stepsOf(accounts.refused, 2);
  await stepsOf(accounts.potential, 3);
  await stepsOf(accounts.omars, 5);
  // The client and the refusal were created in March 2026; the others now.
  await t.database.db.account.updateMany({ where: { id: { in: [accounts.client, accounts.refused] } }, data: { createdAt: new Date('2026-03-10T12:00:00Z') } });
});
afterAll(() => t.close());

type Step = { status: string; current: number; reached: number; conversion: number | null; medianSecondsInStatus: number | null; finishedStays: number };
const counts = (steps: Step[]) => Object.fromEntries(steps.map((step) => [step.status, [step.current, step.reached, step.conversion]]));
const H = 3600;

test('when accounts moved through the lifecycle then the funnel counts each status now and ever, the conversions and the median stays exactly', async () => {
  const response = await funnel(marketer.key);
  expect(response.status).toBe(200);
  expect(response.body.accounts).toBe(5);
  expect(response.body.filters).toEqual({ segment: null, ownerId: null, leadSource: null, from: null, to: null });
  expect(response.body.steps).toEqual([
    // NEW: Pool is still in it; all five were created; the stays of the four taken ones: 1, 2, 3, 5 h.
    { status: 'NEW', current: 1, reached: 5, conversion: null, medianSecondsInStatus: 2.5 * H, finishedStays: 4 },
    { status: 'POTENTIAL', current: 1, reached: 4, conversion: 0.8, medianSecondsInStatus: 2 * H, finishedStays: 3 },
    { status: 'CONTACT_ESTABLISHED', current: 1, reached: 3, conversion: 0.75, medianSecondsInStatus: 1.5 * H, finishedStays: 2 },
    { status: 'MEETING_HELD', current: 0, reached: 1, conversion: 0.3333, medianSecondsInStatus: 1 * H, finishedStays: 1 },
    { status: 'CONTRACT_SIGNED', current: 0, reached: 1, conversion: 1, medianSecondsInStatus: 1 * H, finishedStays: 1 },
    // Stays still open are not counted in the medians.
    { status: 'CLIENT', current: 1, reached: 1, conversion: 1, medianSecondsInStatus: null, finishedStays: 0 },
    { status: 'REFUSED', current: 1, reached: 1, conversion: null, medianSecondsInStatus: null, finishedStays: 0 },
    { status: 'LOST', current: 0, reached: 0, conversion: null, medianSecondsInStatus: null, finishedStays: 0 },
  ]);
  expect((await funnel(admin.key)).body).toEqual(response.body);
});

test('when the funnel is filtered by segment, lead source, owner or creation period then only those accounts count', async () => {
  const wholesale = await funnel(admin.key, '?segment=wholesale');
  expect(wholesale.body.accounts).toBe(1);
  expect(counts(wholesale.body.steps)).toMatchObject({ NEW: [0, 1, null], POTENTIAL: [0, 1, 1], CONTACT_ESTABLISHED: [1, 1, 1], MEETING_HELD: [0, 0, 0], CLIENT: [0, 0, null] });
  expect(wholesale.body.steps[0]).toMatchObject({ medianSecondsInStatus: 5 * H, finishedStays: 1 });

  const web = await funnel(admin.key, '?leadSource=web');
  expect(web.body.steps).toEqual(wholesale.body.steps);
  expect(web.body.filters).toMatchObject({ leadSource: 'web', segment: null });
  expect((await funnel(admin.key, '?leadSource=web&segment=retail')).body.accounts).toBe(0);

  const omars = await funnel(admin.key, `?ownerId=${omar.id}`);
  expect(omars.body).toMatchObject({ accounts: 1, filters: { ownerId: omar.id } });
  const ninaMine = await funnel(nina.key, '?owner=me');
  expect(ninaMine.body).toMatchObject({ accounts: 3, filters: { ownerId: nina.id } });
  expect(counts(ninaMine.body.steps)).toMatchObject({ NEW: [0, 3, null], POTENTIAL: [1, 3, 1], CONTACT_ESTABLISHED: [0, 2, 0.6667], CLIENT: [1, 1, 1], REFUSED: [1, 1, null] });

  const march = await funnel(marketer.key, '?from=2026-03-01&to=2026-03-31');
  expect(march.body).toMatchObject({ accounts: 2, filters: { from: '2026-03-01', to: '2026-03-31' } });
  expect(counts(march.body.steps)).toMatchObject({ NEW: [0, 2, null], POTENTIAL: [0, 2, 1], CONTACT_ESTABLISHED: [0, 2, 1], MEETING_HELD: [0, 1, 0.5], CLIENT: [1, 1, 1], REFUSED: [1, 1, null] });
  // Both ends are whole days, included.
  expect((await funnel(marketer.key, '?from=2026-03-10&to=2026-03-10')).body.accounts).toBe(2);
  expect((await funnel(marketer.key, '?to=2026-03-09')).body.accounts).toBe(0);
  expect((await funnel(marketer.key, '?from=2026-03-11')).body.accounts).toBe(3);
});

test('when a manager asks for the funnel then only their accounts and the NEW pool count', async () => {
  const ninas = await funnel(nina.key);
  expect(ninas.status).toBe(200);
  expect(ninas.body.accounts).toBe(4);
  expect(counts(ninas.body.steps)).toMatchObject({ NEW: [1, 4, null], POTENTIAL: [1, 3, 0.75], CONTACT_ESTABLISHED: [0, 2, 0.6667] });
  const omars = await funnel(omar.key);
  expect(omars.body.accounts).toBe(2);
  expect(counts(omars.body.steps)).toMatchObject({ NEW: [1, 2, null], POTENTIAL: [0, 1, 0.5], CONTACT_ESTABLISHED: [1, 1, 1], CLIENT: [0, 0, null] });
  // Asking for someone else's accounts gives nothing of theirs.
  expect((await funnel(omar.key, `?ownerId=${nina.id}`)).body.accounts).toBe(0);
});

test('when the funnel is asked as CSV then it answers a header and one line per status', async () => {
  const response = await funnel(marketer.key, '?format=csv&segment=retail');
  expect(response.status).toBe(200);
  expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
  expect(response.text.split('\r\n')).toEqual([
    'status,current,reached,conversion,median_seconds_in_status,finished_stays',
    'NEW,1,4,,7200,3',
    'POTENTIAL,1,3,0.75,5400,2',
    'CONTACT_ESTABLISHED,0,2,0.6667,5400,2',
    'MEETING_HELD,0,1,0.5,3600,1',
    'CONTRACT_SIGNED,0,1,1,3600,1',
    'CLIENT,1,1,1,,0',
    'REFUSED,1,1,,,0',
    'LOST,0,0,,,0',
    '',
  ]);
  const byAccept = await t.request.get('/api/v1/reports/funnel?segment=retail').set(auth(marketer.key)).set('Accept', 'text/csv');
  expect(byAccept.headers['content-type']).toBe('text/csv; charset=utf-8');
  expect(byAccept.text).toBe(response.text);
  const json = await funnel(marketer.key, '?format=json&segment=retail');
  expect(json.body.accounts).toBe(4);
});

test('when the funnel is asked with bad input then it answers 400 naming each bad field', async () => {
  const unknown = await funnel(admin.key, '?status=NEW');
  expect(unknown.status).toBe(400);
  expect(unknown.body.error.code).toBe('VALIDATION_FAILED');
  expect(paths(unknown.body)).toEqual(['query.status']);
  const backwards = await funnel(admin.key, '?from=2026-03-10&to=2026-03-01');
  expect(backwards.status).toBe(400);
  expect(paths(backwards.body)).toEqual(['query.to']);
  expect(paths((await funnel(admin.key, '?from=2026-02-30&ownerId=nope')).body)).toEqual(['query.from', 'query.ownerId']);
  expect(paths((await funnel(nina.key, `?owner=me&ownerId=${nina.id}`)).body)).toEqual(['query.owner']);
  expect(paths((await funnel(admin.key, '?segment=a&segment=b')).body)).toEqual(['query.segment']);
  const badFormat = await funnel(admin.key, '?format=xml');
  expect(badFormat.status).toBe(400);
  expect(paths(badFormat.body)).toEqual(['query.format']);
  expect((await funnel(admin.key, '?format=csv&status=NEW')).status).toBe(400);
});

test('when a plan report is asked as CSV then it answers the plan, its objectives and children as lines', async () => {
  const db = t.database.db;
  const plan = await db.plan.create({ data: { name: 'FY2026, "main"', status: 'APPROVED', periodStart: new Date('2026-01-01T00:00:00Z'), periodEnd: new Date('2026-12-31T00:00:00Z'), revenueTarget: 1000, currency: 'EUR', authorId: admin.id, approverIds: [] } });
  const quarter = await db.plan.create({ data: { name: 'Q1', parentId: plan.id, status: 'APPROVED', periodStart: new Date('2026-01-01T00:00:00Z'), periodEnd: new Date('2026-03-31T00:00:00Z'), revenueTarget: 250, currency: 'EUR', authorId: admin.id, approverIds: [] } });
  const objective = await db.objective.create({ data: { planId: plan.id, name: 'Visits', kind: 'VISITS', target: 4, unit: 'visits', appliesToAll: false } });
  const deal = (planId: string, amount: number, stage: string, currency = 'EUR') =>
    t.request.post('/api/v1/opportunities').set(auth(nina.key)).send({ accountId: accounts.client, name: `${stage} ${amount}`, amount, currency, stage, planId }).expect(201);
  await deal(plan.id, 100.5, 'WON');
  await deal(quarter.id, 200, 'NEGOTIATION');
  await deal(plan.id, 70, 'WON', 'USD');

  const response = await t.request.get(`/api/v1/reports/plans/${plan.id}?format=csv`).set(auth(marketer.key));
  expect(response.status).toBe(200);
  expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
  expect(response.text.split('\r\n')).toEqual([
    'row,id,name,status,period_start,period_end,currency,target,done,ratio,pipeline,opportunities,accounts_applied,unit',
    `plan,${plan.id},"FY2026, ""main""",APPROVED,2026-01-01,2026-12-31,EUR,1000,100.5,0.1005,200,2,0,`,
    `other_currency,${plan.id},"FY2026, ""main""",,,,USD,,70,,0,1,,`,
    `objective,${objective.id},Visits,,,,,4,0,0,,,,visits`,
    `child_plan,${quarter.id},Q1,APPROVED,2026-01-01,2026-03-31,EUR,250,0,0,200,1,0,`,
    '',
  ]);
  expect((await t.request.get(`/api/v1/reports/plans/${plan.id}`).set(auth(marketer.key))).body).toMatchObject({ revenue: { won: 100.5, pipeline: 200 } });
  const badFormat = await t.request.get(`/api/v1/reports/plans/${plan.id}?format=pdf`).set(auth(marketer.key));
  expect(badFormat.status).toBe(400);
  expect(paths(badFormat.body)).toEqual(['query.format']);
});
