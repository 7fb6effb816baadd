// Version 4 of the account workflow (`quiet-changes`): an activity that keeps the status upserts no
// search attribute, and the one Temporal timer is set again only when the earliest pending timer moves
// earlier; a timer still fires once and never before its time when the earliest one moves later.
import { accountWorkflowId, pendingTimersQuery } from '../../workflows/account.messages';
import { accountStatusKey } from '../../workflows/search-attributes';
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
  const created = await t.request.post('/api/v1/accounts').set(auth()).send({ name, timeZone: 'Europe/Paris' });
  const id = created.body.account.id;
  expect((await t.request.post(`/api/v1/accounts/${id}/take`).set(auth())).status).toBe(200);
  return id;
}

const log = (accountId: string, body: object) => t.request.post(`/api/v1/accounts/${accountId}/activities`).set(auth()).send(body);
/** Waits for the timer to fire, then checks it fired no earlier than `notBefore` and made one re-contact task. */
async function expectFiredOnce(accountId: string, timerId: string, notBefore: string): Promise<void> {
  const fired = await eventually(async () => {
    const row = await t.database.db.timer.findUniqueOrThrow({ where: { id: timerId } });
    expect(row.state).toBe('FIRED');
    return row;
  });
  expect(fired.settledAt!.getTime()).toBeGreaterThanOrEqual(Date.parse(notBefore));
  expect(await t.database.db.task.count({ where: { accountId, type: 'RECONTACT' } })).toBe(1);
}

const historyOf = async (accountId: string) => (await t.temporal.client.workflow.getHandle(accountWorkflowId(accountId)).fetchHistory()).events!;

test('when activities keep the status and start later timers then the workflow keeps its one Temporal timer and upserts nothing more', async () => {
  const id = await accountInWork('Quiet Calls Ltd');
  const timers: string[] = [];
  for (let i = 0; i < 3; i++) {
    const call = await log(id, { type: 'CALL', outcome: 'NO_ANSWER' });
    expect(call.status).toBe(201);
    expect(call.body.status).toBe('POTENTIAL');
    expect(call.body.timersStarted).toHaveLength(1);
    timers.push(call.body.timersStarted[0].id);
  }
  expect((await t.temporal.client.workflow.getHandle(accountWorkflowId(id)).query(pendingTimersQuery)).map((timer) => timer.id)).toEqual(timers);

  const events = await historyOf(id);
  const count = (has: (event: (typeof events)[number]) => unknown) => events.filter(has).length;
  expect({
    timersStarted: count((event) => event.timerStartedEventAttributes),
    timersCancelled: count((event) => event.timerCanceledEventAttributes),
    // The run's own start-up upsert (status, owner, segment); none for the three calls. (The SDK's own
    // upserts of TemporalChangeVersion, one per patch met, are not the workflow's.)
    statusUpserts: count((event) => event.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields?.CrmAccountStatus),
    updatesCompleted: count((event) => event.workflowExecutionUpdateCompletedEventAttributes),
  }).toEqual({ timersStarted: 1, timersCancelled: 0, statusUpserts: 1, updatesCompleted: 3 });
  await recordHistory(t.temporal.client.workflow.getHandle(accountWorkflowId(id)), 'account', 'quiet-calls');
});

test('when the earliest timer moves later then the alarm is set again, never rings before it, and the timer fires once at its new time', async () => {
  await shortenRecontact(t.database.db, 'PT2S');
  const id = await accountInWork('Moved Recontact SA');
  const refusal = await log(id, { type: 'CALL', outcome: 'REFUSED' });
  expect(refusal.body.status).toBe('REFUSED');
  const [timer] = refusal.body.timersStarted;
  const movedTo = new Date(Date.parse(timer.fireAt) + 3_000).toISOString();
  const moved = await t.request.patch(`/api/v1/accounts/${id}/timers/${timer.id}`).set(auth()).send({ fireAt: movedTo, reason: 'asked to call later' });
  expect(moved.status).toBe(200);

  await expectFiredOnce(id, timer.id, movedTo);
  // The alarm set for the first time was cancelled and set for the new one, which alone rang.
  const events = await historyOf(id);
  const fired = events.filter((event) => event.timerFiredEventAttributes).map((event) => Number(event.eventTime!.seconds) * 1000 + Math.floor((event.eventTime!.nanos ?? 0) / 1e6));
  expect(fired).toHaveLength(1);
  expect(fired[0]).toBeGreaterThanOrEqual(Date.parse(movedTo));
  expect(events.filter((event) => event.timerCanceledEventAttributes)).toHaveLength(1);
  await recordHistory(t.temporal.client.workflow.getHandle(accountWorkflowId(id)), 'account', 'recontact-moved-later');
});

test('when the earliest timer moves earlier then the alarm is set again and the timer fires at its new time, once', async () => {
  await shortenRecontact(t.database.db, 'PT1H');
  const id = await accountInWork('Sooner Recontact GmbH');
  const [timer] = (await log(id, { type: 'CALL', outcome: 'REFUSED' })).body.timersStarted;
  const movedTo = new Date(Date.now() + 2_000).toISOString();
  expect((await t.request.patch(`/api/v1/accounts/${id}/timers/${timer.id}`).set(auth()).send({ fireAt: movedTo, reason: 'called back sooner' })).status).toBe(200);

  await expectFiredOnce(id, timer.id, movedTo);
  const events = await historyOf(id);
  expect(events.filter((event) => event.timerCanceledEventAttributes)).toHaveLength(1);
  await recordHistory(t.temporal.client.workflow.getHandle(accountWorkflowId(id)), 'account', 'recontact-moved-earlier');
});

// Found by the cluster kill suite: an update that came with the start ran beside the start-up's local
// activities, and a replay that met their results in one activation ordered the commands otherwise.
test('when an update starts the workflow then the start-up runs first and the update after it, in that order in the history', async () => {
  const id = await accountInWork('Restarted Workflow BV');
  await t.temporal.client.workflow.getHandle(accountWorkflowId(id)).terminate('lost, for the test');
  const call = await log(id, { type: 'CALL', outcome: 'CONTACT_MADE' });
  expect(call.status).toBe(201);
  expect(call.body.status).toBe('CONTACT_ESTABLISHED');

  const handle = t.temporal.client.workflow.getHandle(accountWorkflowId(id));
  const events = (await handle.fetchHistory()).events!;
  const localActivities = events
    .filter((event) => event.markerRecordedEventAttributes?.markerName === 'core_local_activity')
    .map((event) => JSON.parse(Buffer.from(event.markerRecordedEventAttributes!.details!.data!.payloads![0]!.data!).toString()).activity_type);
  expect(localActivities).toEqual(['loadPendingTimers', 'loadAccountSearchAttributes', 'applyLoggedActivity']);
  expect((await handle.describe()).typedSearchAttributes.get(accountStatusKey)).toBe('CONTACT_ESTABLISHED');
  await recordHistory(handle, 'account', 'update-with-start');
});
