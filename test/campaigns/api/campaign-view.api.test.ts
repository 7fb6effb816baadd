import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from '../../support/test-app';
import { auth, createCampaign, createFixtures, inMinutes, type Fixtures } from './helpers';

let t: TestApp;
let marketer: { id: string; key: string };
let manager: { id: string; key: string };
let fixtures: Fixtures;

beforeAll(async () => {
  t = await startTestApp();
  [marketer, manager] = await Promise.all([t.userWithKey('marketer'), t.userWithKey('manager')]);
  fixtures = await createFixtures(t);
});
afterAll(() => t.close());

const view = (id: string) => t.request.get(`/api/v1/campaigns/${id}`).set(auth(manager.key));

describe('GET /api/v1/campaigns/:id counts', () => {
  test('when stages have run then each shows its counts, read live, and the totals sum them', async () => {
    const campaign = await createCampaign(t, marketer.key, {
      name: 'Counted',
      stages: [
        { type: 'LIST', startAt: inMinutes(30), settings: { segmentId: fixtures.segmentId, testCell: { mode: 'everyNth', n: 3 } } },
        { type: 'APPROVAL', settings: { approverIds: fixtures.approverIds, require: 'all' } },
        { type: 'MAILING', settings: { templateKey: fixtures.templateKey } },
        { type: 'CALL_TASKS', settings: {} },
        { type: 'WAIT', settings: { duration: 'P1D' } },
        { type: 'LIST', settings: { segmentId: fixtures.segmentId } },
      ],
    });
    const [list, approval, mailing, calls, wait, secondList] = campaign.stages;
    const db = t.database.db;
    const listCounts = { matched: 9, merged: 1, suppressed: 2, inOtherCampaigns: 0, alreadyListed: 0, listed: 6, target: 4, testCell: 2 };
    const now = new Date();
    await db.campaignStage.update({ where: { id: list.id }, data: { status: 'COMPLETED', startedAt: now, completedAt: now, result: listCounts } });
    await db.campaignStage.update({ where: { id: approval.id }, data: { status: 'RUNNING', startedAt: now, startedSettings: { approverIds: fixtures.approverIds, require: 'all' } } });
    await db.campaignStage.update({ where: { id: calls.id }, data: { status: 'COMPLETED', result: { tasksCreated: 4, unassigned: 1 } } });
    await db.campaignStage.update({ where: { id: wait.id }, data: { status: 'RUNNING', result: { until: '2030-01-01T00:00:00.000Z' } } });

    // The frozen list: 4 target and 2 test recipients from the first LIST stage, 1 from the second.
    const contacts = Array.from({ length: 7 }, () => ({ contactId: randomUUID(), accountId: randomUUID() }));
    await db.campaignRecipient.createMany({
      data: contacts.map((contact, index) => ({ ...contact, campaignId: campaign.id, cell: index === 4 || index === 5 ? 'TEST' : 'TARGET', listStageId: index === 6 ? secondList.id : list.id })),
    });
    const states = ['SENT', 'SENT', 'FAILED', 'PENDING'] as const;
    await db.mailDelivery.createMany({
      data: states.map((state, index) => ({ stageId: mailing.id, ...contacts[index], campaignId: campaign.id, state, sentAt: state === 'SENT' ? now : null })),
    });
    await db.campaignApproval.create({ data: { stageId: approval.id, approverId: fixtures.approverIds[0], decision: 'APPROVED', comment: 'Fine by me' } });

    const response = await view(campaign.id);
    expect(response.status).toBe(200);
    const stages = response.body.stages;
    expect(stages[0]).toMatchObject({ status: 'COMPLETED', counts: { list: listCounts, recipients: { target: 4, test: 2, total: 6 } } });
    expect(stages[5].counts).toEqual({ list: null, recipients: { target: 1, test: 0, total: 1 } });
    expect(stages[1].counts).toEqual({
      approvers: [
        { userId: fixtures.approverIds[0], name: 'Test marketer', decision: 'APPROVED', comment: 'Fine by me', decidedAt: expect.any(String), onBehalf: false },
        { userId: fixtures.approverIds[1], name: 'Test admin', decision: null, comment: null, decidedAt: null, onBehalf: false },
      ],
      pendingApprovals: 1,
      approved: 1,
      rejected: 0,
    });
    expect(stages[1].startedSettings).toEqual({ approverIds: fixtures.approverIds, require: 'all' });
    expect(stages[2].counts).toEqual({ recipients: 4, pending: 1, sending: 0, sent: 2, failed: 1, skipped: 0, cancelled: 0, waitingForSendWindow: 0, cohort: null });
    expect(stages[3].counts).toEqual({ tasksCreated: 4, unassigned: 1, cohort: null });
    expect(stages[4].counts).toEqual({ until: '2030-01-01T00:00:00.000Z' });
    expect(response.body.totals).toEqual({
      listed: 7, target: 5, testCell: 2, sent: 2, failed: 1, skipped: 0, pendingMail: 1, waitingForSendWindow: 0, tasksCreated: 4, pendingApprovals: 1,
    });

    // Live: one more delivery sent shows at once.
    await db.mailDelivery.update({ where: { stageId_contactId: { stageId: mailing.id, contactId: contacts[3].contactId } }, data: { state: 'SENT', sentAt: new Date() } });
    expect((await view(campaign.id)).body.stages[2].counts).toMatchObject({ pending: 0, sent: 3 });
  });

  test('when a campaign has a long history then the view holds the newest 100 events, newest first', async () => {
    const campaign = await createCampaign(t, marketer.key, { name: 'Busy', stages: [{ type: 'WAIT', settings: { duration: 'PT1H' } }] });
    const start = Date.now() + 1000;
    await t.database.db.campaignEvent.createMany({
      data: Array.from({ length: 120 }, (_, index) => ({ campaignId: campaign.id, kind: 'note', message: `event ${index}`, at: new Date(start + index * 1000) })),
    });
    const history = (await view(campaign.id)).body.history as { message: string }[];
    expect(history).toHaveLength(100);
    expect(history[0].message).toBe('event 119');
    expect(history[99].message).toBe('event 20');
  });
});
