import { accountWorkflowId } from '../../workflows/account.messages';
import { ownerChangeWorkflowId } from '../../workflows/owner-change.messages';
import { accountOwnerIdKey } from '../../workflows/search-attributes';
import { eventually } from '../support/eventually';
import { recordHistory } from '../support/histories';
import { shortenRecontact } from '../support/rule-versions';
import { startTestApp, type TestApp } from '../support/test-app';
import { as, auditOf, detailPaths, type Person } from './helpers';

let t: TestApp;
let admin: Person;

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.userWithKey('admin');
  // A re-contact that fires seconds after the refusal: it must fire after the move, for the new owner.
  await shortenRecontact(t.database.db, 'PT20S');
});
afterAll(() => t.close());

async function accountOf(owner: Person, name: string): Promise<string> {
  const created = await t.request.post('/api/v1/accounts').set(as(admin)).send({ name, segment: 'reassign', contacts: [{ name: 'Cleo Contact', email: 'cleo@example.com' }] });
  expect(created.status).toBe(201);
  expect((await t.request.post(`/api/v1/accounts/${created.body.account.id}/take`).set(as(owner))).status).toBe(200);
  return created.body.account.id;
}
const log = (owner: Person, accountId: string, body: object) => t.request.post(`/api/v1/accounts/${accountId}/activities`).set(as(owner)).send(body);
const reassign = (fromUserId: string, body: object) => t.request.post(`/api/v1/users/${fromUserId}/reassign`).set(as(admin)).send(body);
const ownerAttribute = async (accountId: string) => (await t.temporal.client.workflow.getHandle(accountWorkflowId(accountId)).describe()).typedSearchAttributes.get(accountOwnerIdKey);

async function runningAccountsOf(userId: string): Promise<string[]> {
  const ids: string[] = [];
  // The README's query for "a manager's accounts in work".
  for await (const workflow of t.temporal.client.workflow.list({ query: `WorkflowType = 'accountWorkflow' AND CrmAccountOwnerId = '${userId}' AND ExecutionStatus = 'Running'` })) ids.push(workflow.workflowId);
  return ids.sort();
}

test('when an admin reassigns a manager’s work then accounts, open tasks and approvals move in one step, each account’s history says who moved it and why, its owner attribute follows and its pending timer still fires, for the new owner', async () => {
  const [anna, bruno, author] = await Promise.all([t.userWithKey('manager'), t.userWithKey('manager'), t.userWithKey('marketer')]);
  const refused = await accountOf(anna, 'Refused Roofing');
  const refusal = await log(anna, refused, { type: 'CALL', outcome: 'REFUSED' });
  const [timer] = refusal.body.timersStarted;
  expect(timer).toMatchObject({ kind: 'recontact', state: 'PENDING' });
  const working = await accountOf(anna, 'Active Apiary');
  const call = await log(anna, working, { type: 'CALL', outcome: 'CONTACT_MADE' });
  const [followUp] = call.body.tasksCreated;
  expect(followUp).toMatchObject({ assigneeId: anna.id, state: 'OPEN' });
  const archived = await accountOf(anna, 'Archived Anvils');
  expect((await t.request.post(`/api/v1/accounts/${archived}/archive`).set(as(anna)).send({ reason: 'duplicate' })).status).toBe(200);
  const year = new Date().getUTCFullYear() + 1;
  const plan = await t.request.post('/api/v1/plans').set(as(author)).send({ name: `Anna approves ${Date.now()}`, periodStart: `${year}-01-01`, periodEnd: `${year}-12-31`, approverIds: [anna.id] });
  expect((await t.request.post(`/api/v1/plans/${plan.body.id}/submit`).set(as(author))).status).toBe(200);
  const openTasksOfAnna = await t.database.db.task.count({ where: { assigneeId: anna.id, state: 'OPEN' } });
  expect(openTasksOfAnna).toBeGreaterThanOrEqual(1);

  // What the admin sees before deciding.
  const inHand = await t.request.get(`/api/v1/users/${anna.id}`).set(as(admin));
  expect(inHand.status).toBe(200);
  expect(inHand.body).toMatchObject({ id: anna.id, deactivatedAt: null });
  expect(inHand.body.work).toMatchObject({
    accountsInWork: 2,
    openTasks: openTasksOfAnna,
    pendingApprovals: 1,
    accounts: [
      { id: working, name: 'Active Apiary', status: 'CONTACT_ESTABLISHED' },
      { id: refused, name: 'Refused Roofing', status: 'REFUSED' },
    ],
  });
  expect(inHand.body.work.tasks).toContainEqual({ id: followUp.id, title: followUp.title, dueAt: followUp.dueAt, accountId: working });

  const moved = await reassign(anna.id, { toUserId: bruno.id, reason: 'Anna moved to the Lyon office' });
  expect(moved.status).toBe(200);
  expect(moved.body).toEqual({ accounts: 2, tasks: openTasksOfAnna, approvals: { campaignStages: 0, plans: 1 } });
  expect((await t.database.db.timer.findUniqueOrThrow({ where: { id: timer.id } })).state).toBe('PENDING');

  const page = await t.request.get(`/api/v1/accounts/${refused}`).set(as(bruno));
  expect(page.status).toBe(200);
  expect(page.body.account.ownerId).toBe(bruno.id);
  expect(page.body.ownerChanges).toEqual([
    { id: expect.any(String), fromUserId: anna.id, toUserId: bruno.id, changedById: admin.id, reason: 'Anna moved to the Lyon office', changedAt: expect.any(String) },
  ]);
  expect((await t.request.get(`/api/v1/accounts/${refused}`).set(as(anna))).status).toBe(404);
  const archivedPage = await t.request.get(`/api/v1/accounts/${archived}`).set(as(admin));
  expect(archivedPage.body).toMatchObject({ account: { ownerId: anna.id }, ownerChanges: [] });
  expect(await t.database.db.task.count({ where: { assigneeId: anna.id, state: 'OPEN' } })).toBe(0);
  expect((await t.database.db.task.findUniqueOrThrow({ where: { id: followUp.id } })).assigneeId).toBe(bruno.id);
  expect((await t.request.get(`/api/v1/plans/${plan.body.id}`).set(as(author))).body.approverIds).toEqual([bruno.id]);

  // The workflows learn their new owner: the Temporal UI's "accounts in work" query finds them under Bruno.
  const { changedAt } = await t.database.db.accountOwnerChange.findFirstOrThrow({ where: { accountId: refused } });
  const telling = t.temporal.client.workflow.getHandle(ownerChangeWorkflowId({ fromUserId: anna.id, changedAt: changedAt.toISOString() }));
  expect(await telling.result()).toEqual({ committed: true, signalled: 2, notRunning: 0 });
  // A signal is delivered before the workflow's next task runs, so the attribute follows a moment later.
  await eventually(async () => expect([await ownerAttribute(refused), await ownerAttribute(working)]).toEqual([bruno.id, bruno.id]));
  await eventually(async () => expect(await runningAccountsOf(bruno.id)).toEqual([accountWorkflowId(refused), accountWorkflowId(working)].sort()));
  expect(await runningAccountsOf(anna.id)).toEqual([]);

  // The refusal's re-contact timer fires as planned, its task now Bruno's.
  const recontact = await eventually(async () => {
    const tasks = await t.database.db.task.findMany({ where: { accountId: refused, type: 'RECONTACT' } });
    expect(tasks).toHaveLength(1);
    return tasks[0];
  }, 60_000);
  expect(recontact).toMatchObject({ assigneeId: bruno.id, timerId: timer.id, state: 'OPEN' });

  const [audit] = (await auditOf(t, anna.id)).filter((entry) => entry.action === 'user.reassign');
  expect(audit).toMatchObject({ actorId: admin.id, after: { toUserId: bruno.id, accounts: 2, tasks: openTasksOfAnna }, reason: 'Anna moved to the Lyon office' });

  await recordHistory(t.temporal.client.workflow.getHandle(accountWorkflowId(refused)), 'account', 'owner-changed-timer-fired');
  await recordHistory(telling, 'owner-change', 'reassigned');
}, 120_000);

test('when a moved account’s workflow no longer runs then it is skipped and the others are told', async () => {
  const [from, to] = await Promise.all([t.userWithKey('manager'), t.userWithKey('manager')]);
  const stopped = await accountOf(from, 'Stopped Stables');
  const running = await accountOf(from, 'Running Rivets');
  await t.temporal.client.workflow.getHandle(accountWorkflowId(stopped)).terminate('test: a workflow that no longer runs');

  expect((await reassign(from.id, { toUserId: to.id })).body).toMatchObject({ accounts: 2, tasks: 0 });
  const { changedAt, reason } = await t.database.db.accountOwnerChange.findFirstOrThrow({ where: { accountId: running } });
  expect(reason).toBe('reassigned from Test manager');
  expect(await t.temporal.client.workflow.getHandle(ownerChangeWorkflowId({ fromUserId: from.id, changedAt: changedAt.toISOString() })).result()).toEqual({
    committed: true,
    signalled: 1,
    notRunning: 1,
  });
  await eventually(async () => expect(await ownerAttribute(running)).toBe(to.id));
});

test('when there is nothing to move then the answer says so and no workflow is started', async () => {
  const [idle, other] = await Promise.all([t.userWithKey('manager'), t.userWithKey('manager')]);
  expect((await reassign(idle.id, { toUserId: other.id })).body).toEqual({ accounts: 0, tasks: 0, approvals: { campaignStages: 0, plans: 0 } });
  expect(await t.database.db.accountOwnerChange.count({ where: { fromUserId: idle.id } })).toBe(0);
});

describe('a target who cannot take the work', () => {
  let from: Person;
  let accountId: string;
  beforeAll(async () => {
    from = await t.userWithKey('manager');
    accountId = await accountOf(from, 'Kept Kilns');
  });

  test.each([
    ['the user themselves', () => from.id, /another user/],
    ['a marketer, who cannot own accounts', async () => (await t.userWithKey('marketer')).id, /marketer/],
    ['a deactivated user', async () => {
      const gone = await t.userWithKey('manager');
      await t.database.db.user.update({ where: { id: gone.id }, data: { deactivatedAt: new Date() } });
      return gone.id;
    }, /deactivated/],
    ['nobody', async () => '00000000-0000-4000-8000-000000000000', /names no user/],
  ])('when the work goes to %s then 400 names body.toUserId and nothing moves', async (_case, target, message) => {
    const toUserId = await target();
    const response = await reassign(from.id, { toUserId });
    expect(response.status).toBe(400);
    expect(detailPaths(response.body)).toEqual(['body.toUserId']);
    expect(response.body.error.details[0].message).toMatch(message);
    expect((await t.database.db.account.findUniqueOrThrow({ where: { id: accountId } })).ownerId).toBe(from.id);
    expect(await t.database.db.accountOwnerChange.count({ where: { accountId } })).toBe(0);
  });

  test.each([
    ['no target', {}, ['body.toUserId']],
    ['a target that is not a uuid', { toUserId: 'bruno' }, ['body.toUserId']],
    ['an empty reason', { toUserId: '00000000-0000-4000-8000-000000000000', reason: ' ' }, ['body.reason']],
    ['an unknown field', { toUserId: '00000000-0000-4000-8000-000000000000', accounts: 'all' }, ['body.accounts']],
  ])('when the body has %s then 400 names it', async (_case, body, paths) => {
    const response = await reassign(from.id, body);
    expect(response.status).toBe(400);
    expect(detailPaths(response.body)).toEqual(paths);
  });
});
