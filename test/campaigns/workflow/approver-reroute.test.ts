import { moveApprovals, rerouteApprovalsOf } from '../../../src/approvals/move-approvals';
import { campaignProgressQuery, campaignWorkflowId } from '../../../workflows/campaign.messages';
import { approvalCampaign, as, campaignWhen, contextOf, getCampaign, notificationsOf, person, secondsFromNow, type Person } from '../../approvals/helpers';
import { recordHistory } from '../../support/histories';
import { waitForMail } from '../../support/mailbox';
import { startTestApp, type TestApp } from '../../support/test-app';

let t: TestApp;
const tag = `reroute${Date.now()}`;
let admin: Person, secondAdmin: Person, marketer: Person;

beforeAll(async () => {
  t = await startTestApp();
  // One after the other: the admins' fallback lists them oldest first.
  admin = await person(t, 'admin', 'Ada Admin', tag);
  secondAdmin = await person(t, 'admin', 'Abe Admin', tag);
  marketer = await person(t, 'marketer', 'Mia Marketer', tag);
});
afterAll(() => t.close());

const deactivate = (user: Person) => t.database.db.user.update({ where: { id: user.id }, data: { deactivatedAt: new Date() } });
const stageSettings = async (stageId: string) => {
  const stage = await t.database.db.campaignStage.findUniqueOrThrow({ where: { id: stageId }, select: { settings: true, startedSettings: true } });
  return { settings: stage.settings as Record<string, unknown>, startedSettings: stage.startedSettings as Record<string, unknown> | null };
};

test('when a waiting approver is deactivated then the stage’s escalation contact is asked, reminded on the stage’s schedule, and their approval completes the stage', async () => {
  const approver = await person(t, 'manager', 'Paul Leaving', tag);
  const escalation = await person(t, 'manager', 'Erin Escalation', tag);
  const name = `Rerouted ${tag}`;
  const { campaignId, stageId } = await approvalCampaign(t, marketer, name, { approverIds: [approver.id], escalateToIds: [escalation.id], remindAfter: 'PT12S' });
  await waitForMail((mail) => mail.to.includes(approver.email) && mail.subject === `CRM: Campaign "${name}": stage 1 awaits your approval`);

  await deactivate(approver);
  const moved = await rerouteApprovalsOf(contextOf(t, admin), { userId: approver.id, reason: 'Paul left the company' });
  expect(moved).toEqual({ campaignStages: 1, plans: 0 });

  // The escalation contact takes the place, is asked at once, and the workflow counts them.
  expect((await stageSettings(stageId)).startedSettings).toMatchObject({ approverIds: [escalation.id], escalateToIds: [escalation.id] });
  await waitForMail((mail) => mail.to.includes(escalation.email) && mail.subject === `CRM: Campaign "${name}": stage 1 awaits your approval`);
  const handle = t.temporal.client.workflow.getHandle(campaignWorkflowId(campaignId));
  expect((await handle.query(campaignProgressQuery)).awaitingApprovers).toEqual([escalation.id]);
  const view = await getCampaign(t, marketer, campaignId);
  expect(view.history).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ kind: 'approvers-changed', stageId, byUserId: admin.id, message: 'Stage 1 (APPROVAL): approver Paul Leaving replaced by Erin Escalation: Paul left the company' }),
    ]),
  );
  expect(view.stages[0].counts.approvers.map((entry: { userId: string }) => entry.userId)).toEqual([escalation.id]);

  // The reminder, due 12 s after the stage started, reaches the new approver only.
  const reminder = `Reminder: campaign "${name}": stage 1 still awaits your approval`;
  await waitForMail((mail) => mail.to.includes(escalation.email) && mail.subject === `CRM: ${reminder}`);
  expect(await notificationsOf(t, escalation)).toContain(reminder);
  expect(await notificationsOf(t, approver)).not.toContain(reminder);

  expect((await t.request.post(`/api/v1/campaigns/${campaignId}/stages/${stageId}/approve`).set(as(escalation)).send({ comment: 'Fine by me' })).status).toBe(200);
  await campaignWhen(t, marketer, campaignId, (campaign) => expect(campaign.status).toBe('COMPLETED'));
  expect(await handle.result()).toBe('COMPLETED');
  await recordHistory(handle, 'campaign', 'approver-rerouted');
});

test('when an approver without escalation contacts is deactivated then their manager takes their place, on waiting stages and on stages not started yet', async () => {
  const boss = await person(t, 'manager', 'Mona Manager', tag);
  const approver = await person(t, 'manager', 'Pete Leaving', tag);
  const colleague = await person(t, 'manager', 'Carl Colleague', tag);
  await t.database.db.user.update({ where: { id: approver.id }, data: { managerId: boss.id } });
  const waiting = await approvalCampaign(t, marketer, `Waiting ${tag}`, { approverIds: [approver.id] });
  const later = await approvalCampaign(t, marketer, `Later ${tag}`, { approverIds: [colleague.id, approver.id], escalateToIds: [approver.id], require: 'all' }, secondsFromNow(3600));

  await deactivate(approver);
  expect(await rerouteApprovalsOf(contextOf(t, admin), { userId: approver.id, reason: 'Pete left' })).toEqual({ campaignStages: 2, plans: 0 });

  expect((await stageSettings(waiting.stageId)).startedSettings).toMatchObject({ approverIds: [boss.id] });
  await waitForMail((mail) => mail.to.includes(boss.email) && mail.subject === `CRM: Campaign "Waiting ${tag}": stage 1 awaits your approval`);
  // Not started: its settings change (it starts with them), nobody is asked yet, and it leaves the escalation contacts.
  expect((await stageSettings(later.stageId)).settings).toMatchObject({ approverIds: [colleague.id, boss.id], escalateToIds: [], require: 'all' });
  expect(await notificationsOf(t, colleague)).toEqual([]);
  const laterView = await getCampaign(t, marketer, later.campaignId);
  expect(laterView.history[0]).toMatchObject({ kind: 'approvers-changed', message: 'Stage 1 (APPROVAL): approver Pete Leaving replaced by Mona Manager; escalation contact Pete Leaving removed: Pete left' });

  // Nothing left names the user: a second run changes nothing.
  expect(await rerouteApprovalsOf(contextOf(t, admin), { userId: approver.id, reason: 'again' })).toEqual({ campaignStages: 0, plans: 0 });
  expect((await t.request.post(`/api/v1/campaigns/${waiting.campaignId}/stages/${waiting.stageId}/approve`).set(as(boss)).send({})).status).toBe(200);
  await campaignWhen(t, marketer, waiting.campaignId, (campaign) => expect(campaign.status).toBe('COMPLETED'));
});

test('when an approver with neither escalation contacts nor a manager is deactivated then the admins take their place; an answer already given stands', async () => {
  const approver = await person(t, 'marketer', 'Nora Nomanager', tag);
  const other = await person(t, 'manager', 'Olga Other', tag);
  const alone = await approvalCampaign(t, marketer, `Alone ${tag}`, { approverIds: [approver.id] });
  const answered = await approvalCampaign(t, marketer, `Answered ${tag}`, { approverIds: [approver.id, other.id], require: 'all' });
  expect((await t.request.post(`/api/v1/campaigns/${answered.campaignId}/stages/${answered.stageId}/approve`).set(as(approver)).send({})).status).toBe(200);

  await deactivate(approver);
  expect(await rerouteApprovalsOf(contextOf(t, admin), { userId: approver.id, reason: 'Nora left' })).toEqual({ campaignStages: 1, plans: 0 });
  expect((await stageSettings(alone.stageId)).startedSettings).toMatchObject({ approverIds: [admin.id, secondAdmin.id] });
  expect((await stageSettings(answered.stageId)).startedSettings).toMatchObject({ approverIds: [approver.id, other.id] });
  for (const each of [admin, secondAdmin]) await waitForMail((mail) => mail.to.includes(each.email) && mail.subject === `CRM: Campaign "Alone ${tag}": stage 1 awaits your approval`);
  expect((await t.request.post(`/api/v1/campaigns/${alone.campaignId}/stages/${alone.stageId}/approve`).set(as(secondAdmin)).send({})).status).toBe(200);
  await campaignWhen(t, marketer, alone.campaignId, (campaign) => expect(campaign.status).toBe('COMPLETED'));
  expect(await t.database.db.campaignApproval.findMany({ where: { stageId: alone.stageId }, select: { approverId: true, onBehalf: true } })).toEqual([{ approverId: secondAdmin.id, onBehalf: false }]);
});

test('when approvals are moved to someone who approved already then "all" counts them once and the stage completes', async () => {
  const leaving = await person(t, 'manager', 'Lea Leaving', tag);
  const taking = await person(t, 'manager', 'Tom Taking', tag);
  const { campaignId, stageId } = await approvalCampaign(t, marketer, `Moved ${tag}`, { approverIds: [leaving.id, taking.id], escalateToIds: [leaving.id], require: 'all' });
  expect((await t.request.post(`/api/v1/campaigns/${campaignId}/stages/${stageId}/approve`).set(as(taking)).send({})).status).toBe(200);

  expect(await moveApprovals(contextOf(t, admin), { fromUserId: leaving.id, toUserId: taking.id, reason: 'Lea changed team' })).toEqual({ campaignStages: 1, plans: 0 });
  expect((await stageSettings(stageId)).startedSettings).toMatchObject({ approverIds: [taking.id], escalateToIds: [taking.id] });
  const done = await campaignWhen(t, marketer, campaignId, (campaign) => expect(campaign.status).toBe('COMPLETED'));
  expect(done.history).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ kind: 'approvers-changed', message: 'Stage 1 (APPROVAL): approver Lea Leaving removed; escalation contact Lea Leaving replaced by Tom Taking: Lea changed team' }),
    ]),
  );
});

test('when approvals are moved to a user who is deactivated, unknown or the same then 400 names body.toUserId and nothing changes', async () => {
  const leaving = await person(t, 'manager', 'Liz Leaving', tag);
  const gone = await person(t, 'manager', 'Gus Gone', tag);
  await deactivate(gone);
  const { stageId } = await approvalCampaign(t, marketer, `Kept ${tag}`, { approverIds: [leaving.id] }, secondsFromNow(3600));
  for (const toUserId of [gone.id, '00000000-0000-4000-8000-000000000000', leaving.id]) {
    await expect(moveApprovals(contextOf(t, admin), { fromUserId: leaving.id, toUserId, reason: 'x' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: [expect.objectContaining({ path: 'body.toUserId' })] });
  }
  expect((await stageSettings(stageId)).settings).toMatchObject({ approverIds: [leaving.id] });
});
