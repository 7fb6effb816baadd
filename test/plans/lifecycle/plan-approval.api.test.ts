import { planWorkflow } from '../../../workflows/plan.workflow';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { planWorkflowId, submitPlanUpdate } from '../../../workflows/plan.messages';
import { recordHistory } from '../../support/histories';
import { waitForMail } from '../../support/mailbox';
import { startTestApp, type TestApp } from '../../support/test-app';
import { createPlan, getPlan, kinds, nextYear, planTeam, planWhen, utcDay, type PlanTeam } from './helpers';

let t: TestApp;
let team: PlanTeam;

beforeAll(async () => {
  t = await startTestApp();
  team = await planTeam(t);
});
afterAll(() => t.close());

const activeIds = async () => {
  const page = await t.request.get('/api/v1/plans?active=true&limit=200').set(team.as(team.author));
  expect(page.status).toBe(200);
  return page.body.items.map((plan: { id: string }) => plan.id);
};

test('when an annual plan with quarterly children is submitted and approved by an approver then it is APPROVED, active, with its history', async () => {
  const year = nextYear();
  const plan = await createPlan(t, team, {
    name: `Sampling ${year}`,
    description: 'Push sampling to key accounts',
    periodStart: `${year}-01-01`,
    periodEnd: `${year}-12-31`,
    revenueTarget: 1_000_000.02,
    currency: 'EUR',
    goals: ['enable sampling', 'two visits per key account'],
    product: 'Sampler',
    approverIds: [team.approver.id],
    quarterlyChildren: true,
  });
  expect(plan).toMatchObject({ status: 'DRAFT', authorId: team.author.id, revenueTarget: 1_000_000.02, approverIds: [team.approver.id], parent: null });
  expect(plan.children.map((child: { name: string; periodStart: string; periodEnd: string; status: string }) => [child.name, child.periodStart, child.periodEnd, child.status])).toEqual([
    [`Sampling ${year} Q1`, `${year}-01-01`, `${year}-03-31`, 'DRAFT'],
    [`Sampling ${year} Q2`, `${year}-04-01`, `${year}-06-30`, 'DRAFT'],
    [`Sampling ${year} Q3`, `${year}-07-01`, `${year}-09-30`, 'DRAFT'],
    [`Sampling ${year} Q4`, `${year}-10-01`, `${year}-12-31`, 'DRAFT'],
  ]);
  const q1 = await getPlan(t, team, plan.children[0].id);
  expect(q1).toMatchObject({ parentId: plan.id, revenueTarget: 250_000.01, currency: 'EUR', approverIds: [team.approver.id], goals: plan.goals, parent: { id: plan.id } });
  expect((await getPlan(t, team, plan.children[3].id)).revenueTarget).toBe(250_000);
  const children = await t.request.get(`/api/v1/plans?parentId=${plan.id}&limit=2`).set(team.as(team.author));
  expect(children.body.items).toHaveLength(2);
  const rest = await t.request.get(`/api/v1/plans?parentId=${plan.id}&limit=2&cursor=${children.body.nextCursor}`).set(team.as(team.author));
  expect([...children.body.items, ...rest.body.items].map((child: { id: string }) => child.id).sort()).toEqual(plan.children.map((child: { id: string }) => child.id).sort());
  expect(rest.body.nextCursor).toBeNull();

  const submitted = await t.request.post(`/api/v1/plans/${plan.id}/submit`).set(team.as(team.author));
  expect(submitted.status).toBe(200);
  expect(submitted.body.status).toBe('SUBMITTED');
  expect(submitted.body.submittedAt).toEqual(expect.any(String));
  const [request] = await waitForMail((mail) => mail.subject === `CRM: Plan "Sampling ${year}" awaits your approval`);
  expect(request.to[0]).toContain('manager');

  const edit = await t.request.patch(`/api/v1/plans/${plan.id}`).set(team.as(team.author)).send({ name: 'Too late' });
  expect(edit.status).toBe(409);
  expect((await t.request.post(`/api/v1/plans/${plan.id}/approve`).set(team.as(team.author)).send({})).status).toBe(403);
  expect((await t.request.post(`/api/v1/plans/${plan.id}/approve`).set(team.as(team.outsider)).send({})).status).toBe(403);
  expect((await t.request.post(`/api/v1/plans/${plan.id}/submit`).set(team.as(team.author))).status).toBe(409);

  const approved = await t.request.post(`/api/v1/plans/${plan.id}/approve`).set(team.as(team.approver)).send({ comment: 'Go ahead' });
  expect(approved.status).toBe(200);
  expect(approved.body).toMatchObject({ status: 'APPROVED', decidedById: team.approver.id, name: `Sampling ${year}` });
  expect(kinds(approved.body)).toEqual(['plan-approved', 'plan-submitted', 'plan-created']);
  expect(approved.body.history[0]).toMatchObject({ byUserId: team.approver.id, message: 'Plan approved: Go ahead', details: { from: 'SUBMITTED', to: 'APPROVED', comment: 'Go ahead' } });
  expect(await activeIds()).toContain(plan.id);
  expect((await t.request.post(`/api/v1/plans/${plan.id}/reject`).set(team.as(team.approver)).send({ reason: 'changed my mind' })).status).toBe(409);
  await waitForMail((mail) => mail.subject === `CRM: Plan "Sampling ${year}" was approved`);
  const progress = await t.temporal.client.workflow.getHandle(planWorkflowId(plan.id)).query('planProgress');
  expect(progress).toEqual({ status: 'APPROVED', remindAt: null, expireAt: `${year + 1}-01-01T00:00:00.000Z` });

  // Straight to the workflow, past the API's checks: its validator refuses before anything is recorded.
  const handle = t.temporal.client.workflow.getHandle(planWorkflowId(plan.id));
  const eventsBefore = (await handle.fetchHistory()).events?.length;
  await expect(handle.executeUpdate(submitPlanUpdate, { args: [{ byUserId: team.author.id }] })).rejects.toBeInstanceOf(WorkflowUpdateFailedError);
  expect((await handle.fetchHistory()).events?.length).toBe(eventsBefore);
  expect(kinds(await getPlan(t, team, plan.id))).toEqual(['plan-approved', 'plan-submitted', 'plan-created']);
});

test('when an approver rejects then the reason goes back to the author by notification and e-mail, and the author resubmits', async () => {
  const plan = await createPlan(t, team, { name: `Visits ${Date.now()}`, periodStart: utcDay(1), periodEnd: utcDay(90), approverIds: [team.approver.id, team.outsider.id] });
  expect((await t.request.post(`/api/v1/plans/${plan.id}/submit`).set(team.as(team.author))).status).toBe(200);
  const rejected = await t.request.post(`/api/v1/plans/${plan.id}/reject`).set(team.as(team.outsider)).send({ reason: 'Revenue target missing' });
  expect(rejected.status).toBe(200);
  expect(rejected.body).toMatchObject({ status: 'REJECTED', rejectionReason: 'Revenue target missing', decidedById: team.outsider.id });
  expect(rejected.body.history[0]).toMatchObject({ kind: 'plan-rejected', byUserId: team.outsider.id, details: { reason: 'Revenue target missing' } });

  const [mail] = await waitForMail((candidate) => candidate.subject === `CRM: Plan "${plan.name}" was rejected: Revenue target missing`);
  expect(mail.to[0]).toContain('marketer');
  const notifications = await t.request.get('/api/v1/notifications').set(team.as(team.author));
  expect(notifications.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ message: `Plan "${plan.name}" was rejected: Revenue target missing`, why: expect.objectContaining({ trigger: 'plan-rejected', planId: plan.id }) })]));

  expect((await t.request.post(`/api/v1/plans/${plan.id}/approve`).set(team.as(team.approver)).send({})).status).toBe(409);
  const resubmitted = await t.request.post(`/api/v1/plans/${plan.id}/submit`).set(team.as(team.author));
  expect(resubmitted.status).toBe(200);
  expect(resubmitted.body).toMatchObject({ status: 'SUBMITTED', rejectionReason: null });
  const approved = await t.request.post(`/api/v1/plans/${plan.id}/approve`).set(team.as(team.approver)).send({});
  expect(approved.body.status).toBe('APPROVED');
  expect(kinds(approved.body)).toEqual(['plan-approved', 'plan-submitted', 'plan-rejected', 'plan-submitted', 'plan-created']);
  await waitForMail((candidate) => candidate.subject === `CRM: Plan "${plan.name}" was approved`);
  await recordHistory(t.temporal.client.workflow.getHandle(planWorkflowId(plan.id)), 'plan', 'rejected-resubmitted');
});

test('when a transition comes from the wrong status then it is refused with 409 and leaves no trace', async () => {
  const plan = await createPlan(t, team, { name: `Wrong ${Date.now()}`, periodStart: utcDay(1), periodEnd: utcDay(30), approverIds: [team.approver.id] });
  for (const action of ['approve', 'reject'] as const) {
    const answer = await t.request.post(`/api/v1/plans/${plan.id}/${action}`).set(team.as(team.approver)).send(action === 'reject' ? { reason: 'no' } : {});
    expect(answer.status).toBe(409);
    expect(answer.body.error.code).toBe('CONFLICT');
  }
  expect((await t.request.post(`/api/v1/plans/${plan.id}/submit`).set(team.as(team.approver))).status).toBe(403);
  const after = await getPlan(t, team, plan.id);
  expect(after).toMatchObject({ status: 'DRAFT', decidedAt: null, submittedAt: null });
  expect(kinds(after)).toEqual(['plan-created']);
  // Nothing started in Temporal either: the plan gets its workflow at its first submission.
  await expect(t.temporal.client.workflow.getHandle(planWorkflowId(plan.id)).describe()).rejects.toThrow();
});

test('when approvers do not answer within remindAfter then they are reminded by notification and e-mail', async () => {
  const plan = await createPlan(t, team, { name: `Remind ${Date.now()}`, periodStart: utcDay(1), periodEnd: utcDay(30), approverIds: [team.approver.id], remindAfter: 'PT1S' });
  expect((await t.request.post(`/api/v1/plans/${plan.id}/submit`).set(team.as(team.author))).status).toBe(200);
  const [reminder] = await waitForMail((mail) => mail.subject === `CRM: Reminder: plan "${plan.name}" still awaits your approval`);
  expect(reminder.to[0]).toContain('manager');
  const reminded = await planWhen(t, team, plan.id, (view) => expect(kinds(view)).toContain('approvers-reminded'));
  expect(reminded.status).toBe('SUBMITTED');
  const approverNotes = await t.request.get('/api/v1/notifications').set(team.as(team.approver));
  expect(approverNotes.body.items.map((note: { message: string }) => note.message)).toEqual(expect.arrayContaining([`Reminder: plan "${plan.name}" still awaits your approval`]));
});

test('when the period of an approved plan ends then the plan becomes EXPIRED by itself and leaves the active list', async () => {
  const plan = await createPlan(t, team, { name: `Today ${Date.now()}`, periodStart: utcDay(0), periodEnd: utcDay(0), approverIds: [team.approver.id] });
  // The test stands in for the end of today: the workflow, started here with a near expiry, is the one the API then updates.
  const handle = await t.temporal.client.workflow.start(planWorkflow, {
    workflowId: planWorkflowId(plan.id),
    taskQueue: t.temporal.taskQueue,
    args: [{ planId: plan.id, status: 'DRAFT', expireAt: new Date(Date.now() + 4_000).toISOString() }],
  });
  expect((await t.request.post(`/api/v1/plans/${plan.id}/submit`).set(team.as(team.author))).status).toBe(200);
  expect((await t.request.post(`/api/v1/plans/${plan.id}/approve`).set(team.as(team.approver)).send({})).body.status).toBe('APPROVED');
  expect(await activeIds()).toContain(plan.id);

  const expired = await planWhen(t, team, plan.id, (view) => expect(view.status).toBe('EXPIRED'));
  expect(expired.expiredAt).toEqual(expect.any(String));
  expect(expired.history[0]).toMatchObject({ kind: 'plan-expired', byUserId: null });
  expect(await activeIds()).not.toContain(plan.id);
  expect(await handle.result()).toBe('EXPIRED');
  await recordHistory(handle, 'plan', 'approved-expired');
});
