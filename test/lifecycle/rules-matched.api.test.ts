import { publishRuleVersion } from '../support/rule-versions';
import { startTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
let manager: { id: string; key: string };
let marketer: { id: string; key: string };
const as = (user: { key: string }) => ({ Authorization: `Bearer ${user.key}` });

beforeAll(async () => {
  t = await startTestApp();
  [manager, marketer] = await Promise.all([t.userWithKey('manager'), t.userWithKey('marketer')]);
});
afterAll(() => t.close());

async function accountInWork(name: string): Promise<string> {
  const created = await t.request.post('/api/v1/accounts').set(as(manager)).send({ name, segment: 'retail', timeZone: 'Europe/Paris', contacts: [{ name: `${name} Buyer`, email: `${name.replace(/\W/g, '').toLowerCase()}@example.com` }] });
  expect(created.status).toBe(201);
  const id: string = created.body.account.id;
  expect((await t.request.post(`/api/v1/accounts/${id}/take`).set(as(manager))).body.status).toBe('POTENTIAL');
  return id;
}

const log = (accountId: string, body: object) => t.request.post(`/api/v1/accounts/${accountId}/activities`).set(as(manager)).send(body);
const accountPage = async (accountId: string) => (await t.request.get(`/api/v1/accounts/${accountId}`).set(as(manager))).body;
type Matched = { ruleKey: string; applied: boolean; explanation: string };
const byKey = (rules: Matched[], key: string) => rules.find((rule) => rule.ruleKey === key);

test('when a manager logs a contract signed at the first meeting with a walk-in client then it is CONTRACT_SIGNED, and the answer and the timeline list the rules that matched', async () => {
  const id = await accountInWork('Walk-in Bakery');
  const signed = await log(id, { type: 'MEETING', outcome: 'CONTRACT_SIGNED', notes: 'Came in off the street and signed.' });
  expect(signed.status).toBe(201);
  expect(signed.body).toMatchObject({ previousStatus: 'POTENTIAL', status: 'CONTRACT_SIGNED' });

  const rules: Matched[] = signed.body.rulesMatched;
  // Every rule whose trigger matched a CONTRACT_SIGNED outcome, in the order they ran.
  expect(rules.map((rule) => [rule.ruleKey, rule.applied])).toEqual([
    ['cancel-recontact-on-contact', true],
    ['contract-signed', true],
    ['next-step-task', false],
  ]);
  expect(byKey(rules, 'contract-signed')).toEqual({
    ruleId: expect.any(String),
    ruleKey: 'contract-signed',
    ruleVersion: 1,
    depth: 0,
    trigger: `MEETING activity ${signed.body.activity.id} logged with outcome CONTRACT_SIGNED`,
    applied: true,
    setsStatus: 'CONTRACT_SIGNED',
    conditions: ['status POTENTIAL is one of POTENTIAL, CONTACT_ESTABLISHED, MEETING_HELD, REFUSED, LOST'],
    failedConditions: [],
    did: ['status POTENTIAL → CONTRACT_SIGNED'],
    explanation: 'contract-signed v1: status POTENTIAL → CONTRACT_SIGNED',
  });
  expect(byKey(rules, 'next-step-task')!.explanation).toBe('next-step-task v1: the activity planned no next step, needs one');

  const page = await accountPage(id);
  expect(page.statusHistory.map((change: { toStatus: string; ruleKey: string | null }) => [change.toStatus, change.ruleKey])).toEqual([
    ['NEW', null],
    ['POTENTIAL', null],
    ['CONTRACT_SIGNED', 'contract-signed'],
  ]);
  expect(page.activities).toHaveLength(1);
  expect(page.activities[0]).toMatchObject({ id: signed.body.activity.id, rulesMatched: signed.body.rulesMatched });
});

test("when a rule's trigger matches but its condition fails then the status stays, and the answer and the timeline say which condition failed", async () => {
  const id = await accountInWork('Too Early Ltd');
  // A payment confirmed before any contract: payment-confirmed matches the fax, but needs a signed contract.
  const payment = await log(id, { type: 'FAX', outcome: 'PAYMENT_CONFIRMED' });
  expect(payment.status).toBe(201);
  expect(payment.body).toMatchObject({ previousStatus: 'POTENTIAL', status: 'POTENTIAL', tasksCreated: [] });
  expect(byKey(payment.body.rulesMatched, 'payment-confirmed')).toMatchObject({
    applied: false,
    setsStatus: 'CLIENT',
    conditions: [],
    failedConditions: ['status is POTENTIAL, needs CONTRACT_SIGNED'],
    did: [],
    explanation: 'payment-confirmed v1: status is POTENTIAL, needs CONTRACT_SIGNED',
  });

  // An installation whose contract-signed still has the old conditions: the walk-in contract leaves the
  // status alone, as it did before, but no longer without a word.
  const current = await t.database.db.rule.findFirstOrThrow({ where: { key: 'contract-signed', isCurrent: true } });
  const old = await publishRuleVersion(t.database.db, 'contract-signed', (definition) => ({
    ...definition,
    conditions: [{ kind: 'status_in', statuses: ['CONTACT_ESTABLISHED', 'MEETING_HELD'] }],
  }));
  try {
    const signed = await log(id, { type: 'MEETING', outcome: 'CONTRACT_SIGNED' });
    expect(signed.body).toMatchObject({ previousStatus: 'POTENTIAL', status: 'POTENTIAL' });
    expect(byKey(signed.body.rulesMatched, 'contract-signed')).toMatchObject({
      ruleVersion: old.version,
      applied: false,
      explanation: `contract-signed v${old.version}: status is POTENTIAL, needs CONTACT_ESTABLISHED or MEETING_HELD`,
    });

    const page = await accountPage(id);
    expect(page.account.status).toBe('POTENTIAL');
    const timeline = Object.fromEntries(page.activities.map((activity: { outcome: string; rulesMatched: Matched[] }) => [activity.outcome, activity.rulesMatched.map((rule) => rule.explanation)]));
    expect(timeline.CONTRACT_SIGNED).toContain(`contract-signed v${old.version}: status is POTENTIAL, needs CONTACT_ESTABLISHED or MEETING_HELD`);
    expect(timeline.PAYMENT_CONFIRMED).toContain('payment-confirmed v1: status is POTENTIAL, needs CONTRACT_SIGNED');
  } finally {
    await publishRuleVersion(t.database.db, 'contract-signed', () => current.definition as Record<string, unknown>);
  }
});

test('when a response is recorded for an account in work then its answer lists the rules that matched the inbound activity', async () => {
  const id = await accountInWork('Responding GmbH');
  const campaign = await t.database.db.campaign.create({ data: { name: 'Trade fair', sources: { create: [{ code: 'FAIR', name: 'Fair booth' }] } } });
  const response = await t.request.post('/api/v1/responses').set(as(marketer)).send({ campaignId: campaign.id, sourceCode: 'FAIR', type: 'CALL', accountId: id });
  expect(response.status).toBe(201);
  expect(response.body).toMatchObject({ previousStatus: 'POTENTIAL', status: 'CONTACT_ESTABLISHED' });
  expect(byKey(response.body.rulesMatched, 'contact-established')).toMatchObject({ applied: true, explanation: 'contact-established v1: status POTENTIAL → CONTACT_ESTABLISHED' });
  expect(byKey(response.body.rulesMatched, 'follow-up-without-next-step')!.explanation).toMatch(/^follow-up-without-next-step v1: FOLLOW_UP task for the owner, due \d{4}-\d\d-\d\d 10:00 Europe\/Paris$/);
});
