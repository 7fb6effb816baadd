import { accountWorkflow } from '../../workflows/account.workflow';
import { accountWorkflowId, pendingTimersQuery } from '../../workflows/account.messages';
import { eventually } from '../support/eventually';
import { waitForMail } from '../support/mailbox';
import { publishRuleVersion, shortenRecontact } from '../support/rule-versions';
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
  const created = await t.request.post('/api/v1/accounts').set(auth()).send({ name, timeZone: 'America/New_York' });
  const id: string = created.body.account.id;
  expect((await t.request.post(`/api/v1/accounts/${id}/take`).set(auth())).status).toBe(200);
  return id;
}
const log = (accountId: string, body: object) => t.request.post(`/api/v1/accounts/${accountId}/activities`).set(auth()).send(body);
const handle = (accountId: string) => t.temporal.client.workflow.getHandle(accountWorkflowId(accountId));

test('when writing a decision fails then the activity is retried until it lands, exactly once', async () => {
  const id = await accountInWork('Flaky Database Ltd');
  // A real write failure in PostgreSQL: every new task row is refused until the constraint goes.
  await t.database.db.$executeRawUnsafe('ALTER TABLE tasks ADD CONSTRAINT test_refuse_new_tasks CHECK (false) NOT VALID');
  const rollbacks = async () => {
    const [row] = await t.database.db.$queryRaw<{ count: bigint }[]>`SELECT xact_rollback AS count FROM pg_stat_database WHERE datname = current_database()`;
    return Number(row.count);
  };
  const rollbacksBefore = await rollbacks();
  const answer = log(id, { type: 'CALL', outcome: 'CONTACT_MADE' }).then((response) => response);
  try {
    // Each failed attempt is a transaction PostgreSQL rolled back; wait for at least two.
    await eventually(async () => expect(await rollbacks()).toBeGreaterThanOrEqual(rollbacksBefore + 2));
    expect(await t.database.db.task.count({ where: { accountId: id } })).toBe(0);
  } finally {
    await t.database.db.$executeRawUnsafe('ALTER TABLE tasks DROP CONSTRAINT test_refuse_new_tasks');
  }
  const response = await answer;
  expect(response.status).toBe(201);
  expect(response.body.status).toBe('CONTACT_ESTABLISHED');
  expect(await t.database.db.task.count({ where: { accountId: id } })).toBe(1);
  expect(await t.database.db.statusChange.count({ where: { accountId: id, toStatus: 'CONTACT_ESTABLISHED' } })).toBe(1);
});

test('when the worker is down while a timer is due then it fires once the worker is back, once', async () => {
  await shortenRecontact(t.database.db, 'PT3S');
  const id = await accountInWork('Restart Inc');
  const [timer] = (await log(id, { type: 'CALL', outcome: 'REFUSED' })).body.timersStarted;
  await t.temporal.stop();
  // The timer's moment passes with no worker at all: nothing can fire it yet.
  const wait = Date.parse(timer.fireAt) + 1000 - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  expect((await t.database.db.timer.findUniqueOrThrow({ where: { id: timer.id } })).state).toBe('PENDING');

  await t.restartWorker();
  await eventually(async () => expect((await t.database.db.timer.findUniqueOrThrow({ where: { id: timer.id } })).state).toBe('FIRED'));
  expect(await t.database.db.task.count({ where: { accountId: id, type: 'RECONTACT' } })).toBe(1);
  await shortenRecontact(t.database.db, 'P90D');
});

test('when the history grows long then the workflow continues as new and keeps its timers', async () => {
  const created = await t.request.post('/api/v1/accounts').set(auth()).send({ name: 'Long History GmbH' });
  const id: string = created.body.account.id;
  await t.database.db.account.update({ where: { id }, data: { status: 'POTENTIAL', ownerId: manager.id } });
  const first = await t.temporal.client.workflow.start(accountWorkflow, {
    workflowId: accountWorkflowId(id),
    taskQueue: t.temporal.taskQueue,
    args: [{ accountId: id, continueAsNewAfterEvents: 40 }],
  });
  const [timer] = (await log(id, { type: 'CALL', outcome: 'REFUSED' })).body.timersStarted;
  for (let i = 0; i < 8; i++) expect((await log(id, { type: 'NOTE', outcome: 'NO_ANSWER' })).status).toBe(201);

  const firstRun = t.temporal.client.workflow.getHandle(accountWorkflowId(id), first.firstExecutionRunId);
  await eventually(async () => expect((await firstRun.describe()).status.name).toBe('CONTINUED_AS_NEW'));
  expect((await handle(id).query(pendingTimersQuery)).map((pending) => pending.id)).toContain(timer.id);
  const fireAt = new Date(Date.now() + 1000).toISOString();
  expect((await t.request.patch(`/api/v1/accounts/${id}/timers/${timer.id}`).set(auth()).send({ fireAt, reason: 'test' })).status).toBe(200);
  await eventually(async () => expect((await t.database.db.timer.findUniqueOrThrow({ where: { id: timer.id } })).state).toBe('FIRED'));
});

test('when a task is still open after its due time then the owner’s manager is notified, and a completed task is not escalated', async () => {
  const boss = await t.userWithKey('manager');
  await t.database.db.user.update({ where: { id: manager.id }, data: { managerId: boss.id } });
  await publishRuleVersion(t.database.db, 'escalate-overdue-task', (definition) => ({ ...definition, trigger: { ...(definition.trigger as object), after: 'PT1S' } }));
  const id = await accountInWork('Overdue Corp');
  const soon = () => new Date(Date.now() + 1500).toISOString();
  const [forgotten] = (await log(id, { type: 'CALL', outcome: 'CONTACT_MADE', nextStep: { type: 'CALL', dueAt: soon() } })).body.tasksCreated;
  const [done] = (await log(id, { type: 'CALL', outcome: 'NO_ANSWER', nextStep: { type: 'CALL', dueAt: soon() } })).body.tasksCreated;
  expect((await t.request.post(`/api/v1/tasks/${done.id}/complete`).set(auth())).status).toBe(200);

  const [notification] = await eventually(async () => {
    const notifications = await t.database.db.notification.findMany({ where: { accountId: id } });
    expect(notifications).toHaveLength(1);
    return notifications;
  });
  expect(notification).toMatchObject({ recipientId: boss.id, taskId: forgotten.id });
  expect((notification.why as { ruleKey: string }).ruleKey).toBe('escalate-overdue-task');
  const bossEmail = (await t.database.db.user.findUniqueOrThrow({ where: { id: boss.id } })).email;
  const [mail] = await waitForMail((received) => received.to.includes(bossEmail));
  expect(mail.messageId).toBe(`<notification-${notification.id}@crm.test>`);
  expect(mail.text).toContain('escalate-overdue-task');
  const inbox = await t.request.get('/api/v1/notifications').set({ Authorization: `Bearer ${boss.key}` });
  expect(inbox.body.items).toEqual([expect.objectContaining({ id: notification.id, taskId: forgotten.id })]);
  const escalationOfDone = await t.database.db.timer.findFirstOrThrow({ where: { taskId: done.id } });
  expect(escalationOfDone.state).toBe('CANCELLED');
});

test('when the owner’s manager has been deactivated then an overdue task escalates to the next active manager up the chain', async () => {
  const [director, leaver] = await Promise.all([t.userWithKey('manager'), t.userWithKey('manager')]);
  await t.database.db.user.update({ where: { id: leaver.id }, data: { managerId: director.id, deactivatedAt: new Date() } });
  await t.database.db.user.update({ where: { id: manager.id }, data: { managerId: leaver.id } });
  await publishRuleVersion(t.database.db, 'escalate-overdue-task', (definition) => ({ ...definition, trigger: { ...(definition.trigger as object), after: 'PT1S' } }));
  const id = await accountInWork('Left Behind Ltd');
  const [forgotten] = (await log(id, { type: 'CALL', outcome: 'CONTACT_MADE', nextStep: { type: 'CALL', dueAt: new Date(Date.now() + 1500).toISOString() } })).body.tasksCreated;

  const [notification] = await eventually(async () => {
    const notifications = await t.database.db.notification.findMany({ where: { accountId: id } });
    expect(notifications).toHaveLength(1);
    return notifications;
  });
  expect(notification).toMatchObject({ recipientId: director.id, taskId: forgotten.id });
});

test('when the account changes status then its workflow is findable by that status in Temporal, without personal data', async () => {
  const id = await accountInWork('Searchable SARL');
  await log(id, { type: 'CALL', outcome: 'CONTACT_MADE', notes: 'Spoke with Ms Confidential' });
  await eventually(async () => expect((await handle(id).describe()).searchAttributes.CrmAccountStatus).toEqual(['CONTACT_ESTABLISHED']));
  const history = JSON.stringify(await handle(id).fetchHistory());
  expect(history).not.toContain('Confidential');
  expect(history).not.toContain(Buffer.from('Confidential').toString('base64').slice(0, 12));
});
