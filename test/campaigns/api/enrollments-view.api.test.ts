import { startTestApp, type TestApp } from '../../support/test-app';
import { seedRecipients } from '../workflow/helpers';
import { auth, createCampaign, createFixtures, uniqueName, type Fixtures } from './helpers';

// GET /campaigns/:id of an evergreen campaign: its schedule, and each enrollment with its stages'
// runs and what they did, read from rows written here as the workflow's activities write them.

let t: TestApp;
let marketer: { id: string; key: string };
let fixtures: Fixtures;

beforeAll(async () => {
  t = await startTestApp();
  marketer = await t.userWithKey('marketer');
  fixtures = await createFixtures(t);
});
afterAll(() => t.close());

const listCounts = (listed: number, target: number) => ({ matched: listed, merged: 0, suppressed: 0, inOtherCampaigns: 0, alreadyListed: 0, listed, target, testCell: listed - target });

test('when an evergreen campaign has run enrollments then the view shows the newest first, each run’s status, counts and what it waits for', async () => {
  const campaign = await createCampaign(t, marketer.key, {
    name: uniqueName('evergreen'),
    evergreen: { segmentId: fixtures.segmentId, schedule: { every: 'PT1H' } },
    stages: [
      { type: 'MAILING', name: 'Welcome', settings: { templateKey: fixtures.templateKey } },
      { type: 'WAIT', settings: { duration: 'P1D' } },
      { type: 'CALL_TASKS', cohort: { cell: 'ALL' }, settings: { title: 'Welcome call' } },
    ],
  });
  const [mailing, wait, calls] = campaign.stages.map((stage) => stage.id);
  const tag = `env${Date.now()}`;
  await seedRecipients(t, tag, 3, 'enrollments.test');
  const contacts = await t.database.db.contact.findMany({ where: { emailNormalized: { startsWith: `${tag}-` } }, select: { id: true, accountId: true }, orderBy: { emailNormalized: 'asc' } });

  // Two enrollments: the first finished (two contacts, one mailed, one failed), the second mailing its one test-cell contact.
  const db = t.database.db;
  const hourAgo = new Date(Date.now() - 3_600_000);
  const frozenAt = new Date().toISOString();
  await db.campaign.update({ where: { id: campaign.id }, data: { status: 'RUNNING' } });
  await db.campaignStage.updateMany({ where: { campaignId: campaign.id }, data: { status: 'RUNNING', startedAt: hourAgo } });
  const first = await db.campaignEnrollment.create({
    data: { campaignId: campaign.id, number: 1, scheduledFor: hourAgo, enrolledAt: hourAgo, counts: listCounts(2, 2), status: 'COMPLETED', completedAt: new Date() },
  });
  const second = await db.campaignEnrollment.create({ data: { campaignId: campaign.id, number: 2, scheduledFor: new Date(), counts: listCounts(1, 0) } });
  await db.campaignRecipient.createMany({
    data: contacts.map((contact, index) => ({
      campaignId: campaign.id,
      contactId: contact.id,
      accountId: contact.accountId,
      listStageId: mailing,
      enrollmentId: index < 2 ? first.id : second.id,
      cell: index < 2 ? ('TARGET' as const) : ('TEST' as const),
    })),
  });
  await db.mailDelivery.createMany({
    data: contacts.map((contact, index) => ({
      stageId: mailing,
      contactId: contact.id,
      campaignId: campaign.id,
      accountId: contact.accountId,
      state: (['SENT', 'FAILED', 'PENDING'] as const)[index],
    })),
  });
  const cohort = { listed: 2, members: 2, accounts: 2, frozenAt };
  await db.campaignEnrollmentRun.createMany({
    data: [
      { enrollmentId: first.id, stageId: mailing, campaignId: campaign.id, status: 'COMPLETED', startedAt: hourAgo, completedAt: hourAgo, result: { recipients: 2 } },
      { enrollmentId: first.id, stageId: wait, campaignId: campaign.id, status: 'COMPLETED', startedAt: hourAgo, completedAt: hourAgo, result: { until: hourAgo.toISOString() } },
      { enrollmentId: first.id, stageId: calls, campaignId: campaign.id, status: 'COMPLETED', startedAt: hourAgo, completedAt: hourAgo, result: { tasksCreated: 2, unassigned: 1, cohort } },
      { enrollmentId: second.id, stageId: mailing, campaignId: campaign.id, status: 'RUNNING', startedAt: new Date() },
      { enrollmentId: second.id, stageId: wait, campaignId: campaign.id },
      { enrollmentId: second.id, stageId: calls, campaignId: campaign.id },
    ],
  });

  const response = await t.request.get(`/api/v1/campaigns/${campaign.id}`).set(auth(marketer.key));
  expect(response.status).toBe(200);
  const view = response.body;
  expect(view.evergreen).toMatchObject({ segmentId: fixtures.segmentId, schedule: { every: 'PT1H' }, stoppedAt: null, nextEnrollmentAt: expect.any(String) });
  expect(view.enrollmentCount).toBe(2);
  expect(view.enrollments.map((enrollment: { number: number; status: string }) => [enrollment.number, enrollment.status])).toEqual([
    [2, 'RUNNING'],
    [1, 'COMPLETED'],
  ]);
  const [newest, oldest] = view.enrollments;
  expect(newest).toMatchObject({ id: second.id, counts: listCounts(1, 0), completedAt: null });
  expect(newest.runs.map((run: { position: number; status: string }) => [run.position, run.status])).toEqual([
    [0, 'RUNNING'],
    [1, 'PENDING'],
    [2, 'PENDING'],
  ]);
  expect(newest.runs[0].counts).toEqual({ recipients: 1, pending: 1, sending: 0, sent: 0, failed: 0, skipped: 0, cancelled: 0, cohort: null });
  expect(newest.runs[0].waitsFor).toBeNull();
  expect(newest.runs[1].waitsFor).toContain('stage 1');
  expect(newest.runs[2].waitsFor).toContain('stage 2');
  expect(oldest.runs[0].counts).toMatchObject({ recipients: 2, sent: 1, failed: 1 });
  expect(oldest.runs[1].counts).toEqual({ until: hourAgo.toISOString() });
  expect(oldest.runs[2].counts).toEqual({ tasksCreated: 2, unassigned: 1, cohort });
  expect(oldest.runs.every((run: { waitsFor: string | null }) => run.waitsFor === null)).toBe(true);

  // The stages say nothing of their own about waiting: each enrollment does. Totals count every enrolled contact.
  expect(view.stages.map((stage: { waitsFor: string | null }) => stage.waitsFor)).toEqual([null, null, null]);
  expect(view.stages[0].counts).toMatchObject({ recipients: 3, sent: 1, failed: 1, pending: 1 });
  expect(view.stages[2].counts).toEqual({ tasksCreated: 0, unassigned: 0, cohort: null });
  expect(view.totals).toMatchObject({ listed: 3, target: 2, testCell: 1, sent: 1, failed: 1, pendingMail: 1 });
});

test('when a scheduled campaign’s stages wait then the view says for what, stage by stage', async () => {
  const campaign = await createCampaign(t, marketer.key, {
    name: uniqueName('waits'),
    sources: [{ code: 'PRESS', name: 'Press ad' }],
    stages: [
      { type: 'LIST', startAt: '2030-01-07T08:00:00.000Z', settings: { segmentId: fixtures.segmentId } },
      { type: 'WAIT', name: 'A week', settings: { duration: 'P7D' } },
      { type: 'CALL_TASKS', startWhen: { kind: 'responses', count: 10, sourceCode: 'PRESS' }, settings: {} },
    ],
  });
  // Scheduled in PostgreSQL only: the view reads the plan from the rows, whatever the workflow does.
  await t.database.db.campaign.update({ where: { id: campaign.id }, data: { status: 'SCHEDULED' } });
  const view = (await t.request.get(`/api/v1/campaigns/${campaign.id}`).set(auth(marketer.key))).body;
  expect(view.stages[0].waitsFor).toContain('2030-01-07T08:00:00.000Z');
  expect(view.stages[1].waitsFor).toContain('stage 1');
  expect(view.stages[2].waitsFor).toContain('0 so far');
});
