import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
let nina: { id: string; key: string };
let omar: { id: string; key: string };
let ninasAccount: string;
let poolAccount: string;
let recontactTimer: string;

const as = (user: { key: string }) => ({ Authorization: `Bearer ${user.key}` });
const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString();
const anHourAgo = () => new Date(Date.now() - 3_600_000).toISOString();

async function counts() {
  const db = t.database.db;
  const [activities, tasks, timers, statusChanges] = await Promise.all([db.activity.count(), db.task.count(), db.timer.count(), db.statusChange.count()]);
  return { activities, tasks, timers, statusChanges };
}

beforeAll(async () => {
  t = await startTestApp();
  [nina, omar] = await Promise.all([t.userWithKey('manager'), t.userWithKey('manager')]);
  ninasAccount = (await t.request.post('/api/v1/accounts').set(as(nina)).send({ name: 'Nina’s client' })).body.account.id;
  await t.request.post(`/api/v1/accounts/${ninasAccount}/take`).set(as(nina));
  recontactTimer = (await t.request.post(`/api/v1/accounts/${ninasAccount}/activities`).set(as(nina)).send({ type: 'CALL', outcome: 'REFUSED' })).body.timersStarted[0].id;
  poolAccount = (await t.request.post('/api/v1/accounts').set(as(omar)).send({ name: 'Nobody’s yet' })).body.account.id;
});
afterAll(() => t.close());

test.each([
  ['an unknown type', { type: 'VISIT', outcome: 'CONTACT_MADE' }, 'body.type'],
  ['an unknown outcome', { type: 'CALL', outcome: 'MAYBE' }, 'body.outcome'],
  ['a next step in the past', { type: 'CALL', outcome: 'CONTACT_MADE', nextStep: { type: 'CALL', dueAt: anHourAgo() } }, 'body.nextStep.dueAt'],
  ['a next step of an unknown type', { type: 'CALL', outcome: 'CONTACT_MADE', nextStep: { type: 'LUNCH', dueAt: inAnHour() } }, 'body.nextStep.type'],
  ['an activity in the future', { type: 'CALL', outcome: 'CONTACT_MADE', occurredAt: new Date(Date.now() + 86_400_000).toISOString() }, 'body.occurredAt'],
  ['a date without a time zone', { type: 'CALL', outcome: 'CONTACT_MADE', occurredAt: '2026-01-01T10:00:00' }, 'body.occurredAt'],
  ['an unknown field', { type: 'CALL', outcome: 'CONTACT_MADE', status: 'CLIENT' }, 'body.status'],
])('when an activity has %s then 400 names %s and nothing changes', async (_case, body, path) => {
  const before = await counts();
  const response = await t.request.post(`/api/v1/accounts/${ninasAccount}/activities`).set(as(nina)).send(body);
  expect(response.status).toBe(400);
  expect(response.body.error.details.map((detail: { path: string }) => detail.path)).toContain(path);
  expect(await counts()).toEqual(before);
});

test('when a manager logs on another manager’s account then 404, as if it did not exist, and nothing changes', async () => {
  const before = await counts();
  const response = await t.request.post(`/api/v1/accounts/${ninasAccount}/activities`).set(as(omar)).send({ type: 'CALL', outcome: 'CONTACT_MADE' });
  expect(response.status).toBe(404);
  expect(await counts()).toEqual(before);
});

test('when an activity is logged on a NEW account nobody took then it is refused with the way forward', async () => {
  const response = await t.request.post(`/api/v1/accounts/${poolAccount}/activities`).set(as(omar)).send({ type: 'CALL', outcome: 'CONTACT_MADE' });
  expect(response.status).toBe(403);
  expect(response.body.error.message).toMatch(/take it into work first/);
});

test('when an account is taken twice then the second take is 409 and the owner stays', async () => {
  const account = (await t.request.post('/api/v1/accounts').set(as(omar)).send({ name: 'Contested' })).body.account.id;
  const [first, second] = await Promise.all([t.request.post(`/api/v1/accounts/${account}/take`).set(as(omar)), t.request.post(`/api/v1/accounts/${account}/take`).set(as(nina))]);
  expect([first.status, second.status].sort()).toEqual([200, 409]);
  const winner = first.status === 200 ? omar : nina;
  expect((await t.database.db.account.findUniqueOrThrow({ where: { id: account } })).ownerId).toBe(winner.id);
  expect(await t.database.db.statusChange.count({ where: { accountId: account, toStatus: 'POTENTIAL' } })).toBe(1);
});

test.each([
  ['a time in the past', () => ({ fireAt: anHourAgo(), reason: 'x' }), 400, 'body.fireAt'],
  ['no reason', () => ({ fireAt: inAnHour() }), 400, 'body.reason'],
])('when a timer is rescheduled with %s then %i and the timer is unchanged', async (_case, body, status, path) => {
  const before = await t.database.db.timer.findUniqueOrThrow({ where: { id: recontactTimer } });
  const response = await t.request.patch(`/api/v1/accounts/${ninasAccount}/timers/${recontactTimer}`).set(as(nina)).send(body());
  expect(response.status).toBe(status);
  expect(response.body.error.details.map((detail: { path: string }) => detail.path)).toContain(path);
  expect(await t.database.db.timer.findUniqueOrThrow({ where: { id: recontactTimer } })).toEqual(before);
});

test('when a timer id is unknown or of another account then 404', async () => {
  const unknown = await t.request.patch(`/api/v1/accounts/${ninasAccount}/timers/${randomUUID()}`).set(as(nina)).send({ fireAt: inAnHour(), reason: 'x' });
  expect(unknown.status).toBe(404);
  const badId = await t.request.post(`/api/v1/accounts/${ninasAccount}/timers/not-a-uuid/cancel`).set(as(nina)).send({ reason: 'x' });
  expect(badId.status).toBe(400);
  expect(badId.body.error.details[0].path).toBe('path.timerId');
});

test('when a manager completes a task on another manager’s account then 404 and the task stays open', async () => {
  const logged = await t.request.post(`/api/v1/accounts/${ninasAccount}/activities`).set(as(nina)).send({ type: 'CALL', outcome: 'WRONG_NUMBER' });
  const [task] = logged.body.tasksCreated;
  const response = await t.request.post(`/api/v1/tasks/${task.id}/complete`).set(as(omar));
  expect(response.status).toBe(404);
  expect((await t.database.db.task.findUniqueOrThrow({ where: { id: task.id } })).state).toBe(task.state);
});

test('when a manager asks for another manager’s task list then 403', async () => {
  expect((await t.request.get('/api/v1/tasks').query({ assignee: nina.id }).set(as(omar))).status).toBe(403);
  expect((await t.request.get('/api/v1/tasks').query({ due: 'someday' }).set(as(omar))).body.error.details[0].path).toBe('query.due');
});

test('when a task-list cursor is forged, even with a time PostgreSQL cannot store, then 400 names query.cursor', async () => {
  for (const cursor of ['not-a-cursor', Buffer.from(`+275760-09-13T00:00:00.000Z|${randomUUID()}`).toString('base64url')]) {
    const response = await t.request.get('/api/v1/tasks').query({ cursor }).set(as(nina));
    expect(response.status).toBe(400);
    expect(response.body.error.details[0].path).toBe('query.cursor');
  }
});
