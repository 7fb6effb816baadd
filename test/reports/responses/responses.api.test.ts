import { Prisma } from '../../../src/generated/prisma/client';
import { accountWorkflowId, pendingTimersQuery } from '../../../workflows/account.messages';
import { startTestApp, type TestApp } from '../../support/test-app';

let t: TestApp;
let manager: { id: string; key: string };
let marketer: { id: string; key: string };
let admin: { id: string; key: string };
const as = (user: { key: string }) => ({ Authorization: `Bearer ${user.key}` });

beforeAll(async () => {
  t = await startTestApp();
  [manager, marketer, admin] = await Promise.all([t.userWithKey('manager'), t.userWithKey('marketer'), t.userWithKey('admin')]);
});
afterAll(() => t.close());

/** A campaign straight in the database (its stages do not matter here), with sub-sources. */
async function campaign(name: string, options: { parentId?: string; budget?: number; sources: { code: string; cost?: number }[] }) {
  return t.database.db.campaign.create({
    data: {
      name,
      parentId: options.parentId ?? null,
      budgetAmount: options.budget === undefined ? null : new Prisma.Decimal(options.budget),
      currency: 'EUR',
      sources: { create: options.sources.map((source) => ({ code: source.code, name: `${source.code} publication`, cost: source.cost === undefined ? null : new Prisma.Decimal(source.cost) })) },
    },
    include: { sources: true },
  });
}

async function accountInWork(name: string, email: string): Promise<string> {
  const created = await t.request.post('/api/v1/accounts').set(as(manager)).send({ name, contacts: [{ name: `${name} Buyer`, email }] });
  expect(created.status).toBe(201);
  const id: string = created.body.account.id;
  expect((await t.request.post(`/api/v1/accounts/${id}/take`).set(as(manager))).status).toBe(200);
  return id;
}

const respond = (body: object, user = marketer) => t.request.post('/api/v1/responses').set(as(user)).send(body);
const log = (accountId: string, body: object) => t.request.post(`/api/v1/accounts/${accountId}/activities`).set(as(manager)).send(body);
const account = (id: string) => t.database.db.account.findUniqueOrThrow({ where: { id } });

test('responses across two sub-sources match a contact by e-mail, create a new account once, take an accountId, and set the lead source only when empty', async () => {
  const spring = await campaign('Spring press', { budget: 10_000, sources: [{ code: 'PRESS-A', cost: 1200 }, { code: 'PRESS-B' }] });
  const acme = await accountInWork('Acme', 'dana@acme.example');

  // An existing contact, matched by its normalized e-mail whatever the account name given.
  const byEmail = await respond({ campaignId: spring.id, sourceCode: 'PRESS-A', type: 'CALL', contact: { name: 'Dana', email: '  DANA@Acme.Example ', accountName: 'Something else' } });
  expect(byEmail.status).toBe(201);
  expect(byEmail.body).toMatchObject({ accountId: acme, createdAccount: false, leadSourceSet: true, previousStatus: 'POTENTIAL', status: 'CONTACT_ESTABLISHED', timersCancelled: [] });
  expect(byEmail.body.response).toMatchObject({ campaignId: spring.id, sourceCode: 'PRESS-A', type: 'CALL', createdAccount: false, createdById: marketer.id });
  const activity = await t.database.db.activity.findUniqueOrThrow({ where: { id: byEmail.body.response.activityId } });
  expect(activity).toMatchObject({ accountId: acme, contactId: byEmail.body.response.contactId, type: 'CALL', outcome: 'INTERESTED', state: 'APPLIED', loggedById: marketer.id });
  expect(activity.contactId).not.toBeNull();
  expect((await account(acme)).leadSource).toBe('Spring press/PRESS-A');
  expect(await t.database.db.account.count({ where: { name: 'Something else' } })).toBe(0);

  // Nobody known: a NEW account in the pool with its contact, its response applied at once (no workflow yet).
  const fresh = await respond({ campaignId: spring.id, sourceCode: 'press-b', type: 'WEB_FORM', contact: { name: 'Eve Novak', email: 'eve@newco.example', accountName: 'NewCo', segment: 'retail', timeZone: 'Europe/Prague' } });
  expect(fresh.status).toBe(201);
  expect(fresh.body).toMatchObject({ createdAccount: true, leadSourceSet: true, previousStatus: 'NEW', status: 'NEW', tasksCreated: [], timersCancelled: [] });
  const newCo = await account(fresh.body.accountId);
  expect(newCo).toMatchObject({ name: 'NewCo', status: 'NEW', ownerId: null, segment: 'retail', timeZone: 'Europe/Prague', leadSource: 'Spring press/PRESS-B' });
  expect(newCo.lastContactedAt?.toISOString()).toBe(fresh.body.response.occurredAt);
  expect(await t.database.db.activity.findUniqueOrThrow({ where: { id: fresh.body.response.activityId } })).toMatchObject({ type: 'NOTE', outcome: 'INTERESTED', state: 'APPLIED' });
  expect((await t.database.db.statusChange.findMany({ where: { accountId: newCo.id } })).map((change) => change.toStatus)).toEqual(['NEW']);

  // The same person again, without e-mail: matched by account name + contact name, nothing duplicated,
  // and the lead source the account already has stays.
  const again = await respond({ campaignId: spring.id, sourceCode: 'PRESS-A', type: 'REGISTRATION', contact: { name: ' eve novak', accountName: 'NEWCO ' } });
  expect(again.status).toBe(201);
  expect(again.body).toMatchObject({ accountId: newCo.id, createdAccount: false, leadSourceSet: false });
  expect(again.body.response.contactId).toBe(fresh.body.response.contactId);
  expect(await t.database.db.account.count({ where: { name: { equals: 'newco', mode: 'insensitive' } } })).toBe(1);
  expect(await t.database.db.contact.count({ where: { accountId: newCo.id } })).toBe(1);
  expect((await account(newCo.id)).leadSource).toBe('Spring press/PRESS-B');

  // By accountId, a manager on their own account: a reply is an e-mail; the lead source stays.
  const byId = await respond({ campaignId: spring.id, sourceCode: 'PRESS-B', type: 'REPLY', accountId: acme, occurredAt: new Date(Date.now() - 3_600_000).toISOString() }, manager);
  expect(byId.status).toBe(201);
  expect(byId.body).toMatchObject({ accountId: acme, createdAccount: false, leadSourceSet: false, status: 'CONTACT_ESTABLISHED' });
  expect(byId.body.response.contactId).toBeNull();
  expect((await t.database.db.activity.findUniqueOrThrow({ where: { id: byId.body.response.activityId } })).type).toBe('EMAIL');
  expect((await account(acme)).leadSource).toBe('Spring press/PRESS-A');

  // The list, per campaign and per code, paginated.
  const all = await t.request.get(`/api/v1/responses?campaignId=${spring.id}&limit=3`).set(as(marketer));
  expect(all.status).toBe(200);
  expect(all.body.items.map((item: { id: string }) => item.id)).toEqual([again.body.response.id, fresh.body.response.id, byEmail.body.response.id]);
  const rest = await t.request.get(`/api/v1/responses?campaignId=${spring.id}&limit=3&cursor=${all.body.nextCursor}`).set(as(marketer));
  expect(rest.body).toEqual({ items: [byId.body.response], nextCursor: null });
  const pressB = await t.request.get(`/api/v1/responses?campaignId=${spring.id}&sourceCode=PRESS-B`).set(as(admin));
  expect(pressB.body.items.map((item: { id: string }) => item.id)).toEqual([fresh.body.response.id, byId.body.response.id]);
  const badList = await t.request.get('/api/v1/responses?sourceCode=PRESS-B').set(as(admin));
  expect(badList.status).toBe(400);
  expect(badList.body.error.details.map((detail: { path: string }) => detail.path)).toEqual(['query.sourceCode']);
});

test('bad input is a 400 naming the field, and nothing is recorded', async () => {
  const summer = await campaign('Summer', { sources: [{ code: 'WEB-1' }] });
  const acme = await accountInWork('Bad Input Ltd', 'bad@input.example');
  const counts = () => Promise.all([t.database.db.response.count(), t.database.db.account.count(), t.database.db.contact.count(), t.database.db.activity.count()]);
  const before = await counts();
  const contact = { name: 'Nobody', email: 'nobody@nowhere.example', accountName: 'Nowhere Inc' };
  const cases: [object, string][] = [
    [{ campaignId: '00000000-0000-4000-8000-000000000000', sourceCode: 'WEB-1', type: 'CALL', contact }, 'body.campaignId'],
    [{ campaignId: summer.id, sourceCode: 'PRESS-Z', type: 'CALL', contact }, 'body.sourceCode'],
    [{ campaignId: summer.id, sourceCode: 'WEB-1', type: 'CALL', contact, accountId: acme }, 'body.contact'],
    [{ campaignId: summer.id, sourceCode: 'WEB-1', type: 'CALL' }, 'body.accountId'],
    [{ campaignId: summer.id, sourceCode: 'WEB-1', type: 'CALL', accountId: '00000000-0000-4000-8000-000000000000' }, 'body.accountId'],
    [{ campaignId: summer.id, sourceCode: 'WEB-1', type: 'FAX', contact }, 'body.type'],
  ];
  for (const [body, path] of cases) {
    const answer = await respond(body);
    expect([answer.status, answer.body.error.details.map((detail: { path: string }) => detail.path)]).toEqual([400, [path]]);
  }
  expect((await respond({ campaignId: summer.id, sourceCode: 'PRESS-Z', type: 'CALL', contact })).body.error.message).toContain('WEB-1');
  expect(await counts()).toEqual(before);
  expect((await account(acme)).leadSource).toBeNull();
});

test('a response from a refused client cancels the pending re-contact timer through the account workflow', async () => {
  const autumn = await campaign('Autumn mailing', { sources: [{ code: 'MAIL-1' }] });
  const id = await accountInWork('Refusing Corp', 'no@refusing.example');
  const refusal = await log(id, { type: 'CALL', outcome: 'REFUSED' });
  expect(refusal.body.status).toBe('REFUSED');
  const [timer] = refusal.body.timersStarted;
  expect(timer).toMatchObject({ kind: 'recontact', state: 'PENDING' });
  const handle = t.temporal.client.workflow.getHandle(accountWorkflowId(id));
  expect((await handle.query(pendingTimersQuery)).map((pending) => pending.id)).toContain(timer.id);

  const answer = await respond({ campaignId: autumn.id, sourceCode: 'MAIL-1', type: 'CALL', contact: { name: 'Someone', email: 'NO@refusing.example' } });
  expect(answer.status).toBe(201);
  // The intended behaviour: a refused client who calls in is back in the funnel.
  expect(answer.body).toMatchObject({ accountId: id, previousStatus: 'REFUSED', status: 'CONTACT_ESTABLISHED' });
  expect(answer.body.timersCancelled).toEqual([expect.objectContaining({ id: timer.id, kind: 'recontact', state: 'CANCELLED' })]);
  expect((await t.database.db.timer.findUniqueOrThrow({ where: { id: timer.id } })).state).toBe('CANCELLED');
  expect((await handle.query(pendingTimersQuery)).filter((pending) => pending.kind === 'recontact')).toEqual([]);
});

test("the campaign report: per sub-source, per child campaign and in total, checked against the test's data, also as CSV", async () => {
  const parent = await campaign('Winter', { budget: 10_000, sources: [{ code: 'P1', cost: 1000 }, { code: 'P2', cost: 500 }] });
  const child = await campaign('Winter web', { parentId: parent.id, budget: 2000, sources: [{ code: 'W1' }] });
  const other = await campaign('Unrelated', { sources: [{ code: 'P1', cost: 99 }] });
  const sourceId = (owner: typeof parent, code: string) => owner.sources.find((source) => source.code === code)!.id;

  // X: a new lead from P1, then worked up to a signed contract, with a won and an open deal on P1.
  const x = await respond({ campaignId: parent.id, sourceCode: 'P1', type: 'CALL', contact: { name: 'Xavier', email: 'x@x.example', accountName: 'X Corp' } });
  const xId: string = x.body.accountId;
  expect((await t.request.post(`/api/v1/accounts/${xId}/take`).set(as(manager))).status).toBe(200);
  expect((await log(xId, { type: 'CALL', outcome: 'CONTACT_MADE' })).body.status).toBe('CONTACT_ESTABLISHED');
  expect((await log(xId, { type: 'MEETING', outcome: 'MEETING_HELD' })).body.status).toBe('MEETING_HELD');
  expect((await log(xId, { type: 'MEETING', outcome: 'CONTRACT_SIGNED' })).body.status).toBe('CONTRACT_SIGNED');
  const deal = (user: { key: string }, body: object) => t.request.post('/api/v1/opportunities').set(as(user)).send(body);
  expect((await deal(manager, { accountId: xId, name: 'X deal', amount: 5000, currency: 'EUR', stage: 'WON', campaignSourceId: sourceId(parent, 'P1') })).status).toBe(201);
  expect((await deal(manager, { accountId: xId, name: 'X upsell', amount: 2000, currency: 'EUR', stage: 'NEGOTIATION', campaignSourceId: sourceId(parent, 'P1') })).status).toBe(201);

  // Y: already in work (POTENTIAL before it responded, which is not counted), responds through P1 then P2.
  const yId = await accountInWork('Y Corp', 'y@y.example');
  expect((await respond({ campaignId: parent.id, sourceCode: 'P1', type: 'CALL', accountId: yId })).body.status).toBe('CONTACT_ESTABLISHED');
  expect((await respond({ campaignId: parent.id, sourceCode: 'P2', type: 'REPLY', accountId: yId })).body.status).toBe('CONTACT_ESTABLISHED');

  // Z: a new lead from the child's W1 that stays NEW; a won deal in EUR and one in USD (left out of revenue).
  const z = await respond({ campaignId: child.id, sourceCode: 'W1', type: 'WEB_FORM', contact: { name: 'Zoe', email: 'z@z.example', accountName: 'Z Corp' } });
  expect((await deal(admin, { accountId: z.body.accountId, name: 'Z deal', amount: 1500, currency: 'EUR', stage: 'WON', campaignSourceId: sourceId(child, 'W1') })).status).toBe(201);
  expect((await deal(admin, { accountId: z.body.accountId, name: 'Z dollars', amount: 999, currency: 'USD', stage: 'WON', campaignSourceId: sourceId(child, 'W1') })).status).toBe(201);

  // Noise: a response and a deal of another campaign.
  expect((await respond({ campaignId: other.id, sourceCode: 'P1', type: 'CALL', accountId: yId })).status).toBe(201);
  expect((await deal(manager, { accountId: xId, name: 'Other', amount: 777, currency: 'EUR', stage: 'WON', campaignSourceId: sourceId(other, 'P1') })).status).toBe(201);

  const reached = (counts: Partial<Record<string, number>>) => ({ NEW: 0, POTENTIAL: 0, CONTACT_ESTABLISHED: 0, MEETING_HELD: 0, CONTRACT_SIGNED: 0, CLIENT: 0, REFUSED: 0, LOST: 0, ...counts });
  const p1 = { responses: 2, accounts: 2, accountsCreated: 1, statusesReached: reached({ NEW: 1, POTENTIAL: 1, CONTACT_ESTABLISHED: 2, MEETING_HELD: 1, CONTRACT_SIGNED: 1 }), contracts: 1, wonDeals: 1, revenue: 5000, pipeline: 2000, cost: 1000, costPerResponse: 500, returnOnSpend: 5 };
  const p2 = { responses: 1, accounts: 1, accountsCreated: 0, statusesReached: reached({ CONTACT_ESTABLISHED: 1 }), contracts: 0, wonDeals: 0, revenue: 0, pipeline: 0, cost: 500, costPerResponse: 500, returnOnSpend: 0 };
  const w1 = { responses: 1, accounts: 1, accountsCreated: 1, statusesReached: reached({ NEW: 1 }), contracts: 0, wonDeals: 1, revenue: 1500, pipeline: 0, cost: null, costPerResponse: null, returnOnSpend: null };
  const childLine = { ...w1, cost: 2000, costPerResponse: 2000, returnOnSpend: 0.75 };
  const total = { responses: 4, accounts: 3, accountsCreated: 2, statusesReached: reached({ NEW: 2, POTENTIAL: 1, CONTACT_ESTABLISHED: 2, MEETING_HELD: 1, CONTRACT_SIGNED: 1 }), contracts: 1, wonDeals: 2, revenue: 6500, pipeline: 2000, cost: 3500, costPerResponse: 875, returnOnSpend: 1.8571 };

  const report = await t.request.get(`/api/v1/reports/campaigns/${parent.id}`).set(as(marketer));
  expect(report.status).toBe(200);
  expect(report.body).toEqual({
    campaignId: parent.id,
    name: 'Winter',
    currency: 'EUR',
    otherCurrencyDeals: 1,
    total,
    sources: [
      { sourceId: sourceId(parent, 'P1'), campaignId: parent.id, code: 'P1', name: 'P1 publication', channel: null, ...p1 },
      { sourceId: sourceId(parent, 'P2'), campaignId: parent.id, code: 'P2', name: 'P2 publication', channel: null, ...p2 },
      { sourceId: sourceId(child, 'W1'), campaignId: child.id, code: 'W1', name: 'W1 publication', channel: null, ...w1 },
    ],
    campaigns: [
      { campaignId: parent.id, name: 'Winter', parentId: null, budget: 10_000, ...total },
      { campaignId: child.id, name: 'Winter web', parentId: parent.id, budget: 2000, ...childLine },
    ],
    // These campaigns only track responses: no list, no lift (test/reports/lift has the lift).
    lift: expect.objectContaining({ unavailableReason: 'NO_LIST', responseRate: null }),
    // Deals without line items: nothing per product (test/products has the split per product).
    perProduct: [],
    enrollments: null,
  });

  // The child alone: its own figures only.
  const childReport = await t.request.get(`/api/v1/reports/campaigns/${child.id}`).set(as(manager));
  expect(childReport.body).toMatchObject({ campaignId: child.id, total: childLine, otherCurrencyDeals: 1, campaigns: [{ campaignId: child.id, parentId: parent.id }] });
  expect(childReport.body.sources.map((source: { code: string }) => source.code)).toEqual(['W1']);

  const csv = await t.request.get(`/api/v1/reports/campaigns/${parent.id}?format=csv`).set(as(admin));
  expect(csv.status).toBe(200);
  expect(csv.headers['content-type']).toMatch(/^text\/csv/);
  const lines = csv.text.trimEnd().split('\r\n');
  // The return's columns, then the lift's (empty on the return's lines).
  const liftColumns =
    'cell,enrollment,scheduled_for,enrollment_status,matched,merged,suppressed,in_other_campaigns,already_listed,contacts,listed_accounts,responding_contacts,' +
    'responding_accounts,response_rate,contract_rate,revenue_per_contact,measure,lift_absolute,lift_relative,ci_low,ci_high,z_score,p_value,small_sample,caveat';
  expect(lines[0]).toBe(
    'level,campaign_id,campaign,source_code,source,responses,accounts,accounts_created,reached_new,reached_potential,reached_contact_established,' +
      'reached_meeting_held,reached_contract_signed,reached_client,reached_refused,reached_lost,contracts,won_deals,currency,revenue,pipeline,cost,cost_per_response,return_on_spend,' +
      liftColumns,
  );
  const noLift = ','.repeat(liftColumns.split(',').length);
  expect(lines.slice(1, 7).map((line) => line.slice(0, -noLift.length))).toEqual([
    `source,${parent.id},Winter,P1,P1 publication,2,2,1,1,1,2,1,1,0,0,0,1,1,EUR,5000,2000,1000,500,5`,
    `source,${parent.id},Winter,P2,P2 publication,1,1,0,0,0,1,0,0,0,0,0,0,0,EUR,0,0,500,500,0`,
    `source,${child.id},Winter web,W1,W1 publication,1,1,1,1,0,0,0,0,0,0,0,0,1,EUR,1500,0,,,`,
    `campaign,${parent.id},Winter,,,4,3,2,2,1,2,1,1,0,0,0,1,2,EUR,6500,2000,3500,875,1.8571`,
    `campaign,${child.id},Winter web,,,1,1,1,1,0,0,0,0,0,0,0,0,1,EUR,1500,0,2000,2000,0.75`,
    `total,${parent.id},Winter,,,4,3,2,2,1,2,1,1,0,0,0,1,2,EUR,6500,2000,3500,875,1.8571`,
  ]);
  expect(lines.slice(1, 7).every((line) => line.endsWith(noLift))).toBe(true);
  expect(lines.slice(7).map((line) => line.split(',')[0])).toEqual(['cell', 'cell', 'caveat']);

  const unknown = await t.request.get('/api/v1/reports/campaigns/00000000-0000-4000-8000-000000000000').set(as(marketer));
  expect(unknown.status).toBe(404);
  expect((await t.request.get(`/api/v1/reports/campaigns/${parent.id}?format=xml`).set(as(marketer))).status).toBe(400);
});
