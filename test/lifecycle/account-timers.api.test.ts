import { startTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
let owner: { id: string; key: string };
let otherManager: { id: string; key: string };
let marketer: { id: string; key: string };
const auth = (key: string) => ({ Authorization: `Bearer ${key}` });

beforeAll(async () => {
  t = await startTestApp();
  [owner, otherManager, marketer] = await Promise.all([t.userWithKey('manager'), t.userWithKey('manager'), t.userWithKey('marketer')]);
});
afterAll(() => t.close());

async function refusedTwiceWithOneCancel() {
  const created = await t.request.post('/api/v1/accounts').set(auth(owner.key)).send({ name: 'Timer History Ltd', timeZone: 'Europe/Paris' });
  const id: string = created.body.account.id;
  expect((await t.request.post(`/api/v1/accounts/${id}/take`).set(auth(owner.key))).status).toBe(200);
  const first = await t.request.post(`/api/v1/accounts/${id}/activities`).set(auth(owner.key)).send({ type: 'CALL', outcome: 'REFUSED' });
  const [cancelledTimer] = first.body.timersStarted;
  const cancelled = await t.request.post(`/api/v1/accounts/${id}/timers/${cancelledTimer.id}/cancel`).set(auth(owner.key)).send({ reason: 'company closed for the season' });
  expect(cancelled.status).toBe(200);
  const second = await t.request.post(`/api/v1/accounts/${id}/activities`).set(auth(owner.key)).send({ type: 'CALL', outcome: 'REFUSED' });
  const [pendingTimer] = second.body.timersStarted;
  return { id, cancelledTimer, pendingTimer };
}

test('when the owner reads the timers then every timer comes, latest started first, the cancelled one with its reason and time', async () => {
  const { id, cancelledTimer, pendingTimer } = await refusedTwiceWithOneCancel();
  const answer = await t.request.get(`/api/v1/accounts/${id}/timers`).set(auth(owner.key));
  expect(answer.status).toBe(200);
  expect(answer.body.items.map((timer: { id: string; state: string }) => [timer.id, timer.state])).toEqual([
    [pendingTimer.id, 'PENDING'],
    [cancelledTimer.id, 'CANCELLED'],
  ]);
  const [pending, ended] = answer.body.items;
  expect(pending).toMatchObject({ kind: 'recontact', ruleKey: 'refusal', settledAt: null, activityId: expect.any(String), taskId: null });
  expect(ended.history).toEqual([expect.objectContaining({ event: 'cancelled', reason: 'company closed for the season', byUserId: owner.id })]);
  expect(Date.parse(ended.settledAt)).toBeGreaterThanOrEqual(Date.parse(ended.createdAt));
  expect(answer.body.nextCursor).toBeNull();

  const onlyPending = await t.request.get(`/api/v1/accounts/${id}/timers`).query({ state: 'pending' }).set(auth(owner.key));
  expect(onlyPending.body.items.map((timer: { id: string }) => timer.id)).toEqual([pendingTimer.id]);
});

test('when the timers are read one per page then the cursor walks through all of them once', async () => {
  const { id, cancelledTimer, pendingTimer } = await refusedTwiceWithOneCancel();
  const first = await t.request.get(`/api/v1/accounts/${id}/timers`).query({ limit: 1 }).set(auth(owner.key));
  expect(first.body.items.map((timer: { id: string }) => timer.id)).toEqual([pendingTimer.id]);
  const second = await t.request.get(`/api/v1/accounts/${id}/timers`).query({ limit: 1, cursor: first.body.nextCursor }).set(auth(owner.key));
  expect(second.body.items.map((timer: { id: string }) => timer.id)).toEqual([cancelledTimer.id]);
  expect(second.body.nextCursor).toBeNull();
});

test("when another manager asks then it is a 404, as for an unknown account; a marketer may read them", async () => {
  const { id } = await refusedTwiceWithOneCancel();
  const other = await t.request.get(`/api/v1/accounts/${id}/timers`).set(auth(otherManager.key));
  expect(other.status).toBe(404);
  expect((await t.request.get(`/api/v1/accounts/${id}/timers`).set(auth(marketer.key))).body.items).toHaveLength(2);
});

test('when the query is bad then a 400 names the field', async () => {
  const { id } = await refusedTwiceWithOneCancel();
  const badState = await t.request.get(`/api/v1/accounts/${id}/timers`).query({ state: 'sleeping' }).set(auth(owner.key));
  expect(badState.status).toBe(400);
  expect(badState.body.error.details.map((detail: { path: string }) => detail.path)).toContain('query.state');
  const badCursor = await t.request.get(`/api/v1/accounts/${id}/timers`).query({ cursor: 'nope!' }).set(auth(owner.key));
  expect(badCursor.status).toBe(400);
  expect(badCursor.body.error.details.map((detail: { path: string }) => detail.path)).toContain('query.cursor');
  const badId = await t.request.get('/api/v1/accounts/not-a-uuid/timers').set(auth(owner.key));
  expect(badId.status).toBe(400);
});
