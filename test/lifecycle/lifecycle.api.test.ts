import { accountWorkflowId, pendingTimersQuery } from '../../workflows/account.messages';
import { eventually } from '../support/eventually';
import { recordHistory } from '../support/histories';
import { shortenRecontact } from '../support/rule-versions';
import { startTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
let manager: { id: string; key: string };
const auth = () => ({ Authorization: `Bearer ${manager.key}` });

beforeAll(async () => {
  t = await startTestApp();
  manager = await t.userWithKey('manager');
});
afterAll(() => t.close());

async function accountInWork(name: string): Promise<string> {
  const created = await t.request.post('/api/v1/accounts').set(auth()).send({ name, segment: 'retail', timeZone: 'Europe/Paris', contacts: [{ name: 'Dana Buyer', email: 'dana@example.com' }] });
  expect(created.status).toBe(201);
  const id = created.body.id ?? created.body.account?.id;
  const taken = await t.request.post(`/api/v1/accounts/${id}/take`).set(auth());
  expect(taken.body).toMatchObject({ status: 'POTENTIAL', ownerId: manager.id, workflowId: `account-${id}` });
  return id;
}

const log = (accountId: string, body: object) => t.request.post(`/api/v1/accounts/${accountId}/activities`).set(auth()).send(body);
const page = async (accountId: string) => (await t.request.get(`/api/v1/accounts/${accountId}`).set(auth())).body;

test('an activity that reaches the client sets the account\'s last contact to when it happened; a call with no answer leaves it', async () => {
  const id = await accountInWork('Last Contact Ltd');
  const lastContactedAt = async () => (await t.database.db.account.findUniqueOrThrow({ where: { id }, select: { lastContactedAt: true } })).lastContactedAt;
  const occurredAt = new Date(Date.now() - 3_600_000).toISOString();
  expect((await log(id, { type: 'CALL', outcome: 'CONTACT_MADE', occurredAt })).status).toBe(201);
  expect(await lastContactedAt()).toEqual(new Date(occurredAt));
  expect((await log(id, { type: 'CALL', outcome: 'NO_ANSWER' })).status).toBe(201);
  expect(await lastContactedAt()).toEqual(new Date(occurredAt));
});

test('when a manager works a client from NEW to CLIENT then each logged activity moves the status and creates the follow-ups, explained', async () => {
  const id = await accountInWork('Acme Bakery');

  const call = await log(id, { type: 'CALL', outcome: 'CONTACT_MADE' });
  expect(call.status).toBe(201);
  expect(call.body).toMatchObject({ previousStatus: 'POTENTIAL', status: 'CONTACT_ESTABLISHED' });
  const [followUp] = call.body.tasksCreated;
  expect(followUp).toMatchObject({ type: 'FOLLOW_UP', assigneeId: manager.id, state: 'OPEN', createdBy: { activityId: call.body.activity.id, ruleKey: 'follow-up-without-next-step', ruleVersion: 1 } });
  expect(followUp.why.dueExplanation).toMatch(/business day.*Europe\/Paris/);
  expect(followUp.why.conditions.length).toBeGreaterThan(0);

  const dueAt = new Date(Date.now() + 3 * 86_400_000).toISOString();
  const meeting = await log(id, { type: 'MEETING', outcome: 'MEETING_HELD', nextStep: { type: 'MEETING', dueAt, title: 'Present the offer' } });
  expect(meeting.body.status).toBe('MEETING_HELD');
  expect(meeting.body.tasksCreated).toEqual([expect.objectContaining({ type: 'MEETING', title: 'Present the offer', dueAt, createdBy: expect.objectContaining({ ruleKey: 'next-step-task' }) })]);

  expect((await log(id, { type: 'MEETING', outcome: 'CONTRACT_SIGNED', nextStep: { type: 'CALL', dueAt } })).body.status).toBe('CONTRACT_SIGNED');
  expect((await log(id, { type: 'FAX', outcome: 'PAYMENT_CONFIRMED', nextStep: { type: 'CALL', dueAt } })).body.status).toBe('CLIENT');

  const account = await page(id);
  expect(account.account.status).toBe('CLIENT');
  expect(account.statusHistory.map((change: { toStatus: string; ruleKey: string | null }) => [change.toStatus, change.ruleKey])).toEqual([
    ['NEW', null],
    ['POTENTIAL', null],
    ['CONTACT_ESTABLISHED', 'contact-established'],
    ['MEETING_HELD', 'meeting-held'],
    ['CONTRACT_SIGNED', 'contract-signed'],
    ['CLIENT', 'payment-confirmed'],
  ]);
  expect(account.activities).toHaveLength(4);

  const why = await t.request.get(`/api/v1/tasks/${followUp.id}`).set(auth());
  expect(why.body.why).toEqual(followUp.why);
  await recordHistory(t.temporal.client.workflow.getHandle(accountWorkflowId(id)), 'account', 'new-to-client');
});

test('when a client refuses then REFUSED, and the re-contact timer of the rule really fires once and creates the task', async () => {
  await shortenRecontact(t.database.db, 'PT2S');
  const id = await accountInWork('Refusing Ltd');
  const refusal = await log(id, { type: 'CALL', outcome: 'REFUSED' });
  expect(refusal.body.status).toBe('REFUSED');
  const [timer] = refusal.body.timersStarted;
  expect(timer).toMatchObject({ kind: 'recontact', state: 'PENDING', ruleKey: 'refusal', ruleVersion: 2 });
  expect(await t.temporal.client.workflow.getHandle(accountWorkflowId(id)).query(pendingTimersQuery)).toEqual([{ id: timer.id, kind: 'recontact', fireAt: timer.fireAt }]);

  const tasks = await eventually(async () => {
    const open = (await page(id)).openTasks.filter((task: { type: string }) => task.type === 'RECONTACT');
    expect(open).toHaveLength(1);
    return open;
  });
  expect(tasks[0]).toMatchObject({ createdBy: { timerId: timer.id, ruleKey: 'refusal', ruleVersion: 2 } });
  expect(tasks[0].why.trigger).toContain('timer recontact fired');
  const fired = await t.database.db.timer.findUniqueOrThrow({ where: { id: timer.id } });
  expect(fired.state).toBe('FIRED');
  expect(fired.settledAt!.getTime()).toBeGreaterThanOrEqual(new Date(timer.fireAt).getTime());
  await recordHistory(t.temporal.client.workflow.getHandle(accountWorkflowId(id)), 'account', 'refusal-timer-fired');
});

test('when the client calls again after a refusal then the pending re-contact timer is cancelled', async () => {
  await shortenRecontact(t.database.db, 'P90D');
  const id = await accountInWork('Changed Mind Inc');
  const [timer] = (await log(id, { type: 'CALL', outcome: 'REFUSED' })).body.timersStarted;
  const inbound = await log(id, { type: 'CALL', outcome: 'INTERESTED' });
  expect(inbound.body.status).toBe('CONTACT_ESTABLISHED');
  expect(inbound.body.timersCancelled).toEqual([expect.objectContaining({ id: timer.id, state: 'CANCELLED' })]);
  const recontacts = (timers: { kind: string }[]) => timers.filter((pending) => pending.kind === 'recontact');
  expect(recontacts((await page(id)).pendingTimers)).toEqual([]);
  expect(recontacts(await t.temporal.client.workflow.getHandle(accountWorkflowId(id)).query(pendingTimersQuery))).toEqual([]);
});

test('when a manager moves a re-contact from 90 days to seconds then it fires then, and the reason stays in its history', async () => {
  const id = await accountInWork('Rescheduled Co');
  const [timer] = (await log(id, { type: 'CALL', outcome: 'REFUSED' })).body.timersStarted;
  const fireAt = new Date(Date.now() + 1500).toISOString();
  const moved = await t.request.patch(`/api/v1/accounts/${id}/timers/${timer.id}`).set(auth()).send({ fireAt, reason: 'they asked us to call back sooner' });
  expect(moved.status).toBe(200);
  expect(moved.body).toMatchObject({ fireAt, history: [expect.objectContaining({ event: 'rescheduled', from: timer.fireAt, to: fireAt, reason: 'they asked us to call back sooner', byUserId: manager.id })] });
  await eventually(async () => expect((await t.database.db.timer.findUniqueOrThrow({ where: { id: timer.id } })).state).toBe('FIRED'));
  expect((await page(id)).openTasks.map((task: { type: string }) => task.type)).toContain('RECONTACT');
});

test('when a timer is cancelled by hand then it never fires and the reason is kept', async () => {
  const id = await accountInWork('Cancelled Timer SA');
  const [timer] = (await log(id, { type: 'CALL', outcome: 'REFUSED' })).body.timersStarted;
  const cancelled = await t.request.post(`/api/v1/accounts/${id}/timers/${timer.id}/cancel`).set(auth()).send({ reason: 'company closed' });
  expect(cancelled.body).toMatchObject({ state: 'CANCELLED', history: [expect.objectContaining({ event: 'cancelled', reason: 'company closed' })] });
  const again = await t.request.post(`/api/v1/accounts/${id}/timers/${timer.id}/cancel`).set(auth()).send({ reason: 'twice' });
  expect(again.status).toBe(409);
});

test('when a wrong number is logged then a task to correct the contact details is created, and completing it closes it', async () => {
  const id = await accountInWork('Wrong Number GmbH');
  const logged = await log(id, { type: 'CALL', outcome: 'WRONG_NUMBER' });
  expect(logged.body.status).toBe('POTENTIAL');
  const task = logged.body.tasksCreated.find((created: { type: string }) => created.type === 'CORRECT_CONTACT_DETAILS');
  expect(task).toBeDefined();
  const done = await t.request.post(`/api/v1/tasks/${task.id}/complete`).set(auth());
  expect(done.body).toMatchObject({ id: task.id, state: 'DONE' });
  expect((await t.request.post(`/api/v1/tasks/${task.id}/complete`).set(auth())).status).toBe(409);
  const mine = await t.request.get('/api/v1/tasks').query({ state: 'done' }).set(auth());
  expect(mine.body.items.map((item: { id: string }) => item.id)).toContain(task.id);
});

test('when activities are logged at once on one account then all are applied in order, none lost', async () => {
  const id = await accountInWork('Busy Account');
  const results = await Promise.all(Array.from({ length: 6 }, () => log(id, { type: 'NOTE', outcome: 'NO_ANSWER' })));
  expect(results.map((result) => result.status)).toEqual(Array(6).fill(201));
  expect((await page(id)).activities).toHaveLength(6);
  expect(await t.database.db.activity.count({ where: { accountId: id, state: 'PENDING' } })).toBe(0);
});

test('when a junk record is archived then its timers end, it accepts no more activities, and its history stays', async () => {
  const id = await accountInWork('Junk Record');
  await log(id, { type: 'CALL', outcome: 'REFUSED' });
  const archived = await t.request.post(`/api/v1/accounts/${id}/archive`).set(auth()).send({ reason: 'duplicate of another record' });
  expect(archived.body).toMatchObject({ accountId: id, archivedReason: 'duplicate of another record', timersCancelled: 1 });
  expect(await t.database.db.timer.count({ where: { accountId: id, state: 'PENDING' } })).toBe(0);
  await t.temporal.client.workflow.getHandle(accountWorkflowId(id)).result();
  await recordHistory(t.temporal.client.workflow.getHandle(accountWorkflowId(id)), 'account', 'archived');
  const refused = await log(id, { type: 'CALL', outcome: 'CONTACT_MADE' });
  expect(refused.status).toBe(409);
  expect(await t.database.db.activity.count({ where: { accountId: id } })).toBe(1);
  expect((await page(id)).statusHistory.map((change: { toStatus: string }) => change.toStatus)).toEqual(['NEW', 'POTENTIAL', 'REFUSED']);
});
