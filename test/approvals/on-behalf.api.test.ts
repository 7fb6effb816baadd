import { campaignWorkflowId } from '../../workflows/campaign.messages';
import { planWorkflowId } from '../../workflows/plan.messages';
import { eventually } from '../support/eventually';
import { recordHistory } from '../support/histories';
import { waitForMail } from '../support/mailbox';
import { startTestApp, type TestApp } from '../support/test-app';
import { approvalCampaign, as, campaignWhen, notificationsOf, person, submittedPlan, type Person } from './helpers';

let t: TestApp;
const tag = `behalf${Date.now()}`;
let admin: Person, secondAdmin: Person, marketer: Person, approver: Person, otherApprover: Person, outsider: Person;

beforeAll(async () => {
  t = await startTestApp();
  [admin, secondAdmin, marketer, approver, otherApprover, outsider] = await Promise.all([
    person(t, 'admin', 'Ada Admin', tag),
    person(t, 'admin', 'Abe Admin', tag),
    person(t, 'marketer', 'Mia Marketer', tag),
    person(t, 'manager', 'Paul Approver', tag),
    person(t, 'marketer', 'Rita Approver', tag),
    person(t, 'manager', 'Otto Outsider', tag),
  ]);
});
afterAll(() => t.close());

const auditOf = (entityId: string) => t.database.db.auditEntry.findMany({ where: { entityId, action: 'approval.on-behalf' } });

test('when an admin who is not an approver approves a waiting stage then it is decided outright, recorded on behalf of the approvers, audited, and the approvers who had not answered are told', async () => {
  const { campaignId, stageId } = await approvalCampaign(t, marketer, `Launch ${tag}`, { approverIds: [approver.id, otherApprover.id], require: 'all' });
  const path = `/api/v1/campaigns/${campaignId}/stages/${stageId}`;
  expect((await t.request.post(`${path}/approve`).set(as(approver)).send({})).status).toBe(200);

  // Someone who is neither an approver nor an admin is still refused, and nothing is written.
  const refused = await t.request.post(`${path}/approve`).set(as(outsider)).send({});
  expect(refused.status).toBe(403);
  expect(refused.body.error.code).toBe('FORBIDDEN');

  const approved = await t.request.post(`${path}/approve`).set(as(admin)).send({ comment: 'Launch is due' });
  expect(approved.status).toBe(200);
  expect(approved.body.stages[0].counts.approvers).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ userId: approver.id, decision: 'APPROVED', onBehalf: false }),
      expect.objectContaining({ userId: otherApprover.id, decision: null, onBehalf: false }),
      expect.objectContaining({ userId: admin.id, name: 'Ada Admin', decision: 'APPROVED', comment: 'Launch is due', onBehalf: true }),
    ]),
  );

  // "all" was not met, yet the decision on behalf completes the stage and the campaign.
  const done = await campaignWhen(t, marketer, campaignId, (campaign) => expect(campaign.status).toBe('COMPLETED'));
  expect(done.stages[0].status).toBe('COMPLETED');
  expect(done.history).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ kind: 'approval-approved', byUserId: admin.id, message: 'Stage 1 approved by Ada Admin on behalf of the approvers: Launch is due', details: { onBehalf: true, waitingOn: [otherApprover.id] } }),
    ]),
  );
  expect(await t.database.db.campaignApproval.findMany({ where: { stageId, onBehalf: true }, select: { approverId: true, decision: true } })).toEqual([{ approverId: admin.id, decision: 'APPROVED' }]);

  const [audit] = await auditOf(stageId);
  expect(audit).toMatchObject({
    actorId: admin.id,
    entityType: 'campaign-stage',
    reason: 'Launch is due',
    before: { campaignId, outcome: 'waiting', approverIds: [approver.id, otherApprover.id], waitingOn: [otherApprover.id] },
    after: { campaignId, decision: 'APPROVED', onBehalf: true },
  });

  // The approver who had not answered is told, in the app and by e-mail; the one who had answered is not.
  const told = `Campaign "Launch ${tag}": stage 1 was approved by Ada Admin on behalf of the approvers: Launch is due`;
  expect(await notificationsOf(t, otherApprover)).toContain(told);
  expect(await notificationsOf(t, approver)).not.toContain(told);
  await waitForMail((mail) => mail.to.includes(otherApprover.email) && mail.subject === `CRM: ${told}`);

  // Decided: another admin finds nothing left to decide.
  expect((await t.request.post(`${path}/approve`).set(as(secondAdmin)).send({})).status).toBe(409);
  await recordHistory(t.temporal.client.workflow.getHandle(campaignWorkflowId(campaignId)), 'campaign', 'approved-on-behalf');
});

test('when an admin rejects a waiting stage on behalf of the approvers then the campaign ends with the reason and the approvers are told', async () => {
  const { campaignId, stageId } = await approvalCampaign(t, marketer, `Stopped ${tag}`, { approverIds: [approver.id] });
  const rejected = await t.request.post(`/api/v1/campaigns/${campaignId}/stages/${stageId}/reject`).set(as(admin)).send({ reason: 'Legal said no' });
  expect(rejected.status).toBe(200);
  const ended = await campaignWhen(t, marketer, campaignId, (campaign) => expect(campaign.status).toBe('REJECTED'));
  expect(ended.endReason).toBe('Legal said no');
  expect(ended.history).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'approval-rejected', message: 'Stage 1 rejected by Ada Admin on behalf of the approvers: Legal said no' })]));
  expect(await auditOf(stageId)).toEqual([expect.objectContaining({ actorId: admin.id, after: { campaignId, decision: 'REJECTED', onBehalf: true }, reason: 'Legal said no' })]);
  expect(await notificationsOf(t, approver)).toContain(`Campaign "Stopped ${tag}": stage 1 was rejected by Ada Admin on behalf of the approvers: Legal said no`);
});

test('when an admin approves a submitted plan without being an approver then it is APPROVED on behalf of the approvers, audited, and approvers and author are told', async () => {
  const planId = await submittedPlan(t, marketer, `Plan ${tag}`, [approver.id, otherApprover.id]);
  expect((await t.request.post(`/api/v1/plans/${planId}/approve`).set(as(outsider)).send({})).status).toBe(403);

  const approved = await t.request.post(`/api/v1/plans/${planId}/approve`).set(as(admin)).send({ comment: 'Board agreed' });
  expect(approved.status).toBe(200);
  expect(approved.body).toMatchObject({ status: 'APPROVED', decidedById: admin.id, decidedOnBehalf: true });
  expect(approved.body.history[0]).toMatchObject({
    kind: 'plan-approved',
    byUserId: admin.id,
    message: 'Plan approved by Ada Admin on behalf of the approvers: Board agreed',
    details: { from: 'SUBMITTED', to: 'APPROVED', comment: 'Board agreed', onBehalf: true, approverIds: [approver.id, otherApprover.id] },
  });
  expect(await auditOf(planId)).toEqual([
    expect.objectContaining({
      actorId: admin.id,
      entityType: 'plan',
      before: { status: 'SUBMITTED', approverIds: [approver.id, otherApprover.id] },
      after: { status: 'APPROVED', decidedById: admin.id, decidedOnBehalf: true },
      reason: 'Board agreed',
    }),
  ]);

  const told = `Plan "Plan ${tag}" was approved by Ada Admin on behalf of the approvers`;
  await waitForMail((mail) => mail.to.includes(approver.email) && mail.subject === `CRM: ${told}`);
  await waitForMail((mail) => mail.to.includes(otherApprover.email) && mail.subject === `CRM: ${told}`);
  await waitForMail((mail) => mail.to.includes(marketer.email) && mail.subject === `CRM: Plan "Plan ${tag}" was approved (by Ada Admin on behalf of the approvers)`);
  expect((await t.request.post(`/api/v1/plans/${planId}/reject`).set(as(secondAdmin)).send({ reason: 'late' })).status).toBe(409);
  await recordHistory(t.temporal.client.workflow.getHandle(planWorkflowId(planId)), 'plan', 'approved-on-behalf');
});

test('when an admin rejects a plan on behalf of the approvers then it goes back to its author with the reason, and the author may resubmit', async () => {
  const planId = await submittedPlan(t, marketer, `Rejected plan ${tag}`, [approver.id]);
  const rejected = await t.request.post(`/api/v1/plans/${planId}/reject`).set(as(admin)).send({ reason: 'Targets too low' });
  expect(rejected.status).toBe(200);
  expect(rejected.body).toMatchObject({ status: 'REJECTED', decidedById: admin.id, decidedOnBehalf: true, rejectionReason: 'Targets too low' });
  expect(rejected.body.history[0].message).toBe('Plan rejected by Ada Admin on behalf of the approvers: Targets too low');
  await waitForMail((mail) => mail.to.includes(approver.email) && mail.subject === `CRM: Plan "Rejected plan ${tag}" was rejected by Ada Admin on behalf of the approvers: Targets too low`);

  // A new submission is decided afresh: the approver's own approval is not on anyone's behalf.
  expect((await t.request.post(`/api/v1/plans/${planId}/submit`).set(as(marketer))).status).toBe(200);
  const approved = await t.request.post(`/api/v1/plans/${planId}/approve`).set(as(approver)).send({});
  expect(approved.body).toMatchObject({ status: 'APPROVED', decidedById: approver.id, decidedOnBehalf: false });
});

test('when an admin wrote the plan then they cannot decide it, not even on behalf of its approvers', async () => {
  const planId = await submittedPlan(t, admin, `Own plan ${tag}`, [approver.id]);
  const refused = await t.request.post(`/api/v1/plans/${planId}/approve`).set(as(admin)).send({});
  expect(refused.status).toBe(403);
  expect((await t.request.get(`/api/v1/plans/${planId}`).set(as(admin))).body.status).toBe('SUBMITTED');
  expect((await t.request.post(`/api/v1/plans/${planId}/approve`).set(as(secondAdmin)).send({})).status).toBe(200);
});

test('when an admin asks the inbox for everything then every pending request shows with its waiting approvers and whether the admin would decide on their behalf', async () => {
  const planId = await submittedPlan(t, marketer, `Inbox plan ${tag}`, [approver.id]);
  const asApprover = await submittedPlan(t, marketer, `Admin approves ${tag}`, [admin.id]);
  const { stageId } = await approvalCampaign(t, marketer, `Inbox campaign ${tag}`, { approverIds: [approver.id, otherApprover.id], require: 'all' });
  expect((await t.request.post(`/api/v1/campaigns/${(await t.database.db.campaignStage.findUniqueOrThrow({ where: { id: stageId } })).campaignId}/stages/${stageId}/approve`).set(as(approver)).send({})).status).toBe(200);

  // By default an admin's inbox holds what names them, as anyone's.
  const mine = await t.request.get('/api/v1/approvals').set(as(admin));
  expect(mine.body.items.map((item: { planId?: string }) => item.planId)).toEqual([asApprover]);
  expect(mine.body.items[0]).toMatchObject({ onBehalf: false, waitingOn: [{ id: admin.id, name: 'Ada Admin' }] });

  const everything = await eventually(async () => {
    const response = await t.request.get('/api/v1/approvals?scope=all').set(as(admin));
    expect(response.status).toBe(200);
    expect(response.body.items.map((item: { stageId?: string }) => item.stageId)).toContain(stageId);
    return response.body;
  });
  expect(everything.items).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ kind: 'plan', planId, onBehalf: true, waitingOn: [{ id: approver.id, name: 'Paul Approver' }], askedBy: { id: marketer.id, name: 'Mia Marketer' } }),
      expect.objectContaining({ kind: 'plan', planId: asApprover, onBehalf: false }),
      expect.objectContaining({ kind: 'campaign-stage', stageId, onBehalf: true, approvedSoFar: 1, waitingOn: [{ id: otherApprover.id, name: 'Rita Approver' }] }),
    ]),
  );
  expect(everything.counts.total).toBe(everything.items.length);

  // Only admins see everything; a bad scope names the field.
  const forbidden = await t.request.get('/api/v1/approvals?scope=all').set(as(approver));
  expect(forbidden.status).toBe(403);
  const bad = await t.request.get('/api/v1/approvals?scope=everyone').set(as(admin));
  expect(bad.status).toBe(400);
  expect(bad.body.error.details).toEqual([expect.objectContaining({ path: 'query.scope' })]);
});
