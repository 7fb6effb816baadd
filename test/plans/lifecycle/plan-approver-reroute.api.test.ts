import { moveApprovals, rerouteApprovalsOf } from '../../../src/approvals/move-approvals';
import { planWorkflowId } from '../../../workflows/plan.messages';
import { as, contextOf, notificationsOf, person, submittedPlan, type Person } from '../../approvals/helpers';
import { recordHistory } from '../../support/histories';
import { waitForMail } from '../../support/mailbox';
import { startTestApp, type TestApp } from '../../support/test-app';

let t: TestApp;
const tag = `planreroute${Date.now()}`;
let admin: Person, author: Person;

beforeAll(async () => {
  t = await startTestApp();
  admin = await person(t, 'admin', 'Ada Admin', tag);
  author = await person(t, 'marketer', 'Mia Author', tag);
});
afterAll(() => t.close());

const deactivate = (user: Person) => t.database.db.user.update({ where: { id: user.id }, data: { deactivatedAt: new Date() } });
const planOf = async (planId: string) => (await t.request.get(`/api/v1/plans/${planId}`).set(as(author))).body;

test('when the approver of a submitted plan is deactivated then their manager is asked, reminded on the plan’s schedule, and decides it', async () => {
  const boss = await person(t, 'manager', 'Mona Manager', tag);
  const approver = await person(t, 'manager', 'Paul Leaving', tag);
  await t.database.db.user.update({ where: { id: approver.id }, data: { managerId: boss.id } });
  const name = `Rerouted plan ${tag}`;
  const planId = await submittedPlan(t, author, name, [approver.id], true, { remindAfter: 'PT6S' });
  await waitForMail((mail) => mail.to.includes(approver.email) && mail.subject === `CRM: Plan "${name}" awaits your approval`);

  await deactivate(approver);
  expect(await rerouteApprovalsOf(contextOf(t, admin), { userId: approver.id, reason: 'Paul left the company' })).toEqual({ campaignStages: 0, plans: 1 });
  const plan = await planOf(planId);
  expect(plan).toMatchObject({ status: 'SUBMITTED', approverIds: [boss.id] });
  expect(plan.history[0]).toMatchObject({
    kind: 'approvers-changed',
    byUserId: admin.id,
    message: 'Approver Paul Leaving replaced by Mona Manager: Paul left the company',
    details: { fromUserId: approver.id, approverIds: { before: [approver.id], after: [boss.id] } },
  });
  await waitForMail((mail) => mail.to.includes(boss.email) && mail.subject === `CRM: Plan "${name}" awaits your approval`);

  // The reminder reads the approvers when it goes out: the manager is reminded, the deactivated user not.
  const reminder = `Reminder: plan "${name}" still awaits your approval`;
  await waitForMail((mail) => mail.to.includes(boss.email) && mail.subject === `CRM: ${reminder}`);
  expect(await notificationsOf(t, approver)).not.toContain(reminder);

  const approved = await t.request.post(`/api/v1/plans/${planId}/approve`).set(as(boss)).send({});
  expect(approved.body).toMatchObject({ status: 'APPROVED', decidedById: boss.id, decidedOnBehalf: false });
  await recordHistory(t.temporal.client.workflow.getHandle(planWorkflowId(planId)), 'plan', 'approver-rerouted');
});

test('when the deactivated approver is on draft and rejected plans then those change too, without asking anyone yet, and a plan by the manager goes to the admins', async () => {
  const boss = await person(t, 'manager', 'Max Manager', tag);
  const approver = await person(t, 'manager', 'Pia Leaving', tag);
  const colleague = await person(t, 'manager', 'Carl Colleague', tag);
  await t.database.db.user.update({ where: { id: approver.id }, data: { managerId: boss.id } });
  const draft = await submittedPlan(t, author, `Draft ${tag}`, [approver.id, colleague.id], false);
  const rejected = await submittedPlan(t, author, `Rejected ${tag}`, [approver.id]);
  expect((await t.request.post(`/api/v1/plans/${rejected}/reject`).set(as(approver)).send({ reason: 'Redo it' })).status).toBe(200);
  const bossOwn = await submittedPlan(t, boss, `Boss's own ${tag}`, [approver.id]);

  await deactivate(approver);
  expect(await rerouteApprovalsOf(contextOf(t, admin), { userId: approver.id, reason: 'Pia left' })).toEqual({ campaignStages: 0, plans: 3 });
  expect((await planOf(draft)).approverIds).toEqual([boss.id, colleague.id]);
  expect((await planOf(rejected)).approverIds).toEqual([boss.id]);
  expect((await planOf(bossOwn)).approverIds).toEqual([admin.id]);
  expect(await notificationsOf(t, colleague)).toEqual([]);
  await waitForMail((mail) => mail.to.includes(admin.email) && mail.subject === `CRM: Plan "Boss's own ${tag}" awaits your approval`);

  // Resubmitted, the rejected plan asks its new approver.
  expect((await t.request.post(`/api/v1/plans/${rejected}/submit`).set(as(author))).status).toBe(200);
  await waitForMail((mail) => mail.to.includes(boss.email) && mail.subject === `CRM: Plan "Rejected ${tag}" awaits your approval`);
});

test('when a submitted plan’s approvals are moved to another user then that user is asked and decides; to its author they go to the admins', async () => {
  const leaving = await person(t, 'manager', 'Lea Leaving', tag);
  const taking = await person(t, 'manager', 'Tom Taking', tag);
  const planId = await submittedPlan(t, author, `Moved plan ${tag}`, [leaving.id]);
  const byTaking = await submittedPlan(t, taking, `Tom's plan ${tag}`, [leaving.id]);

  expect(await moveApprovals(contextOf(t, admin), { fromUserId: leaving.id, toUserId: taking.id, reason: 'Lea changed team' })).toEqual({ campaignStages: 0, plans: 2 });
  expect((await planOf(planId)).approverIds).toEqual([taking.id]);
  expect((await planOf(byTaking)).approverIds).toEqual([admin.id]);
  await waitForMail((mail) => mail.to.includes(taking.email) && mail.subject === `CRM: Plan "Moved plan ${tag}" awaits your approval`);
  expect((await t.request.post(`/api/v1/plans/${planId}/approve`).set(as(leaving)).send({})).status).toBe(403);
  expect((await t.request.post(`/api/v1/plans/${planId}/approve`).set(as(taking)).send({})).body.status).toBe('APPROVED');
});
