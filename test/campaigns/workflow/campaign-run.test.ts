import { campaignWorkflowId } from '../../../workflows/campaign.messages';
import { eventually } from '../../support/eventually';
import { recordHistory } from '../../support/histories';
import { receivedMail, waitForMail } from '../../support/mailbox';
import { startTestApp, type TestApp } from '../../support/test-app';
import { audience, campaignWhen, createCampaign, getCampaign, marketingTeam, secondsFromNow, template, type Marketing } from './helpers';

let t: TestApp;
let team: Marketing;

beforeAll(async () => {
  t = await startTestApp();
  team = await marketingTeam(t);
});
afterAll(() => t.close());

const stageOf = (campaign: { stages: { type: string }[] }, type: string) => campaign.stages.find((stage) => stage.type === type) as any;

test('when a three-stage campaign is scheduled and approved then each listed recipient gets exactly one mail, duplicates merged and opt-outs skipped', async () => {
  const tag = `run${Date.now()}`;
  const { segmentId, emails } = await audience(t, team, tag);
  const templateKey = await template(t, team, `offer-${tag}`);
  const created = await createCampaign(t, team, {
    name: `Spring offer ${tag}`,
    channels: ['email'],
    budget: { amount: 1200, currency: 'EUR' },
    sources: [{ code: 'NEWSLETTER', name: 'Our newsletter' }],
    stages: [
      { type: 'LIST', startAt: secondsFromNow(3), settings: { segmentId } },
      { type: 'APPROVAL', settings: { approverIds: [team.approver.id] } },
      { type: 'MAILING', settings: { templateKey, ratePerSecond: 50 } },
    ],
  });
  const scheduled = await t.request.post(`/api/v1/campaigns/${created.id}/schedule`).set(team.as(team.marketer));
  expect(scheduled.status).toBe(200);
  expect(scheduled.body.status).toBe('SCHEDULED');

  // The LIST stage runs on its date, then the approval waits for the approver, who is asked by e-mail.
  const awaiting = await campaignWhen(t, team, created.id, (campaign) => expect(stageOf(campaign, 'APPROVAL').status).toBe('RUNNING'));
  expect(awaiting.status).toBe('RUNNING');
  expect(stageOf(awaiting, 'LIST').counts.list).toMatchObject({ matched: 8, merged: 1, suppressed: 2, listed: 5 });
  expect(stageOf(awaiting, 'APPROVAL').counts.pendingApprovals).toBe(1);
  const [request] = await waitForMail((mail) => mail.subject?.includes(`Spring offer ${tag}`) === true && mail.subject.includes('awaits your approval'));
  expect(request.text).toContain(`/api/v1/campaigns/${created.id}`);
  expect(await t.database.db.mailDelivery.count({ where: { campaignId: created.id } })).toBe(0);

  const approved = await t.request
    .post(`/api/v1/campaigns/${created.id}/stages/${stageOf(awaiting, 'APPROVAL').id}/approve`)
    .set(team.as(team.approver))
    .send({ comment: 'Go' });
  expect(approved.status).toBe(200);

  const done = await campaignWhen(t, team, created.id, (campaign) => expect(campaign.status).toBe('COMPLETED'));
  expect(done.stages.map((stage: { status: string }) => stage.status)).toEqual(['COMPLETED', 'COMPLETED', 'COMPLETED']);
  expect(stageOf(done, 'MAILING').counts).toMatchObject({ recipients: 5, sent: 5, pending: 0, failed: 0 });
  expect(done.history.map((event: { kind: string }) => event.kind)).toEqual(expect.arrayContaining(['campaign-scheduled', 'stage-started', 'approval-approved', 'campaign-completed']));

  const mails = (await receivedMail()).filter((mail) => mail.to.some((to) => to.includes(tag)));
  expect(mails.map((mail) => mail.to[0]).sort()).toEqual([...emails].sort());
  for (const mail of mails) {
    expect(mail.subject).toMatch(new RegExp(`^Offer for ${tag} account \\d$`));
    expect(mail.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    expect(mail.headers['list-unsubscribe']).toMatch(/^<http:\/\/crm\.test\/unsubscribe\/[^>]+>$/);
  }
  await recordHistory(t.temporal.client.workflow.getHandle(campaignWorkflowId(created.id)), 'campaign', 'list-approval-mailing');
});

test('when an approver rejects then the campaign ends with the reason and nothing is mailed', async () => {
  const tag = `rej${Date.now()}`;
  const { segmentId } = await audience(t, team, tag, 2);
  const templateKey = await template(t, team, `offer-${tag}`);
  const created = await createCampaign(t, team, {
    name: `Rejected ${tag}`,
    stages: [
      { type: 'LIST', startAt: secondsFromNow(2), settings: { segmentId } },
      { type: 'APPROVAL', settings: { approverIds: [team.approver.id, team.marketer.id], require: 'all' } },
      { type: 'MAILING', settings: { templateKey } },
    ],
  });
  expect((await t.request.post(`/api/v1/campaigns/${created.id}/schedule`).set(team.as(team.marketer))).status).toBe(200);
  const awaiting = await campaignWhen(t, team, created.id, (campaign) => expect(stageOf(campaign, 'APPROVAL').status).toBe('RUNNING'));
  const approvalPath = `/api/v1/campaigns/${created.id}/stages/${stageOf(awaiting, 'APPROVAL').id}`;

  // Someone who is not an approver cannot decide; a stage that is not an approval cannot be approved.
  const outsider = await t.userWithKey('marketer');
  expect((await t.request.post(`${approvalPath}/approve`).set(team.as(outsider)).send({})).status).toBe(403);
  expect((await t.request.post(`/api/v1/campaigns/${created.id}/stages/${stageOf(awaiting, 'MAILING').id}/approve`).set(team.as(team.approver)).send({})).status).toBe(409);
  expect((await t.request.post(`${approvalPath}/reject`).set(team.as(team.approver)).send({})).status).toBe(400);

  // With "all", one approval is not enough; one rejection ends it.
  expect((await t.request.post(`${approvalPath}/approve`).set(team.as(team.marketer)).send({})).status).toBe(200);
  expect((await t.request.post(`${approvalPath}/approve`).set(team.as(team.marketer)).send({})).status).toBe(409);
  expect(stageOf(await getCampaign(t, team, created.id), 'APPROVAL').status).toBe('RUNNING');
  const rejected = await t.request.post(`${approvalPath}/reject`).set(team.as(team.approver)).send({ reason: 'Budget not approved' });
  expect(rejected.status).toBe(200);

  const ended = await campaignWhen(t, team, created.id, (campaign) => expect(campaign.status).toBe('REJECTED'));
  expect(ended.endReason).toBe('Budget not approved');
  expect(ended.stages.map((stage: { status: string }) => stage.status)).toEqual(['COMPLETED', 'REJECTED', 'CANCELLED']);
  expect(await t.database.db.mailDelivery.count({ where: { campaignId: created.id } })).toBe(0);
  const result = await t.temporal.client.workflow.getHandle(campaignWorkflowId(created.id)).result();
  expect(result).toBe('REJECTED');
  await recordHistory(t.temporal.client.workflow.getHandle(campaignWorkflowId(created.id)), 'campaign', 'rejected');
});

test('when a stage that has not started is rescheduled then it runs on its new date, and a started stage refuses changes', async () => {
  const tag = `resched${Date.now()}`;
  const { segmentId } = await audience(t, team, tag, 2);
  const created = await createCampaign(t, team, {
    name: `Rescheduled ${tag}`,
    stages: [
      { type: 'LIST', startAt: secondsFromNow(3600), settings: { segmentId } },
      { type: 'CALL_TASKS', settings: { title: 'Call about the offer' } },
    ],
  });
  expect((await t.request.post(`/api/v1/campaigns/${created.id}/schedule`).set(team.as(team.marketer))).status).toBe(200);
  const listStage = created.stages[0].id;
  const stagePath = `/api/v1/campaigns/${created.id}/stages/${listStage}`;

  const past = await t.request.patch(stagePath).set(team.as(team.marketer)).send({ startAt: secondsFromNow(-60) });
  expect(past.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: [expect.objectContaining({ path: expect.stringContaining('startAt') })] });
  const moved = await t.request.patch(stagePath).set(team.as(team.marketer)).send({ startAt: secondsFromNow(2) });
  expect(moved.status).toBe(200);

  const done = await campaignWhen(t, team, created.id, (campaign) => expect(campaign.status).toBe('COMPLETED'));
  expect(stageOf(done, 'CALL_TASKS').counts).toMatchObject({ tasksCreated: 2 });
  expect(done.history.map((event: { kind: string }) => event.kind)).toContain('stage-edited');
  const edit = await t.request.patch(stagePath).set(team.as(team.marketer)).send({ startAt: secondsFromNow(60) });
  expect(edit.status).toBe(409);
});

test('when a campaign is paused its due stage waits, and runs once resumed', async () => {
  const tag = `pause${Date.now()}`;
  const { segmentId } = await audience(t, team, tag, 2);
  const created = await createCampaign(t, team, {
    name: `Paused ${tag}`,
    stages: [{ type: 'LIST', startAt: secondsFromNow(2), settings: { segmentId } }],
  });
  expect((await t.request.post(`/api/v1/campaigns/${created.id}/schedule`).set(team.as(team.marketer))).status).toBe(200);
  const paused = await t.request.post(`/api/v1/campaigns/${created.id}/pause`).set(team.as(team.marketer));
  expect(paused.body).toMatchObject({ status: 'PAUSED' });
  expect(paused.body.status).toBe('PAUSED');
  expect((await t.request.post(`/api/v1/campaigns/${created.id}/pause`).set(team.as(team.marketer))).status).toBe(409);

  // The stage's timer fires while paused (seen in the workflow's history), yet the stage holds.
  const handle = t.temporal.client.workflow.getHandle(campaignWorkflowId(created.id));
  await eventually(async () => expect((await handle.fetchHistory()).events?.some((event) => event.timerFiredEventAttributes)).toBe(true));
  expect((await getCampaign(t, team, created.id)).stages[0].status).toBe('PENDING');

  const resumed = await t.request.post(`/api/v1/campaigns/${created.id}/resume`).set(team.as(team.marketer));
  expect(resumed.status).toBe(200);
  const done = await campaignWhen(t, team, created.id, (campaign) => expect(campaign.status).toBe('COMPLETED'));
  expect(done.history.map((event: { kind: string }) => event.kind)).toEqual(expect.arrayContaining(['campaign-paused', 'campaign-resumed']));
  expect(await handle.result()).toBe('COMPLETED');
});

test('when a scheduled campaign is cancelled then its stages are cancelled and its workflow ends', async () => {
  const tag = `cancel${Date.now()}`;
  const { segmentId } = await audience(t, team, tag, 1);
  const created = await createCampaign(t, team, {
    name: `Cancelled ${tag}`,
    stages: [
      { type: 'LIST', startAt: secondsFromNow(3600), settings: { segmentId } },
      { type: 'WAIT', settings: { duration: 'P1D' } },
    ],
  });
  expect((await t.request.post(`/api/v1/campaigns/${created.id}/cancel`).set(team.as(team.marketer)).send({ reason: 'x' })).status).toBe(200);
  expect((await t.request.post(`/api/v1/campaigns/${created.id}/schedule`).set(team.as(team.marketer))).status).toBe(409);

  const second = await createCampaign(t, team, {
    name: `Cancelled later ${tag}`,
    stages: [{ type: 'LIST', startAt: secondsFromNow(3600), settings: { segmentId } }],
  });
  expect((await t.request.post(`/api/v1/campaigns/${second.id}/schedule`).set(team.as(team.marketer))).status).toBe(200);
  expect((await t.request.post(`/api/v1/campaigns/${second.id}/cancel`).set(team.as(team.marketer)).send({})).status).toBe(400);
  const cancelled = await t.request.post(`/api/v1/campaigns/${second.id}/cancel`).set(team.as(team.marketer)).send({ reason: 'Product recalled' });
  expect(cancelled.status).toBe(200);
  expect(cancelled.body).toMatchObject({ status: 'CANCELLED', endReason: 'Product recalled' });
  expect(cancelled.body.stages[0].status).toBe('CANCELLED');
  expect(await t.temporal.client.workflow.getHandle(campaignWorkflowId(second.id)).result()).toBe('CANCELLED');
  expect((await t.request.post(`/api/v1/campaigns/${second.id}/resume`).set(team.as(team.marketer))).status).toBe(409);
  await recordHistory(t.temporal.client.workflow.getHandle(campaignWorkflowId(second.id)), 'campaign', 'cancelled');
});

test('when approvers do not answer in time then they are reminded and their manager is told', async () => {
  const tag = `remind${Date.now()}`;
  const { segmentId } = await audience(t, team, tag, 1);
  const boss = await t.userWithKey('manager');
  const approver = await t.userWithKey('manager');
  await t.database.db.user.update({ where: { id: approver.id }, data: { managerId: boss.id } });
  const created = await createCampaign(t, team, {
    name: `Reminders ${tag}`,
    stages: [
      { type: 'LIST', startAt: secondsFromNow(2), settings: { segmentId } },
      { type: 'APPROVAL', settings: { approverIds: [approver.id], remindAfter: 'PT1S', escalateAfter: 'PT2S' } },
    ],
  });
  expect((await t.request.post(`/api/v1/campaigns/${created.id}/schedule`).set(team.as(team.marketer))).status).toBe(200);
  const bossMail = await waitForMail((mail) => mail.subject?.includes(`Escalation: campaign "Reminders ${tag}"`) === true);
  const [bossUser, approverUser] = await Promise.all([t.database.db.user.findUniqueOrThrow({ where: { id: boss.id } }), t.database.db.user.findUniqueOrThrow({ where: { id: approver.id } })]);
  expect(bossMail[0].to).toEqual([bossUser.email]);
  const reminder = await waitForMail((mail) => mail.subject?.includes(`Reminder: campaign "Reminders ${tag}"`) === true);
  expect(reminder[0].to).toEqual([approverUser.email]);
  const notifications = await t.request.get('/api/v1/notifications').set(team.as(boss));
  expect(notifications.body.items.some((item: { message: string }) => item.message.includes(`Reminders ${tag}`))).toBe(true);
  expect((await t.request.post(`/api/v1/campaigns/${created.id}/cancel`).set(team.as(team.marketer)).send({ reason: 'done testing' })).status).toBe(200);
});
