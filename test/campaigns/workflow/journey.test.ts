import { campaignWorkflowId } from '../../../workflows/campaign.messages';
import { eventually } from '../../support/eventually';
import { recordHistory } from '../../support/histories';
import { receivedMail } from '../../support/mailbox';
import { startTestApp, type TestApp } from '../../support/test-app';
import { campaignWhen, createCampaign, marketingTeam, secondsFromNow, seedRecipients, type Marketing } from './helpers';

let t: TestApp;
let team: Marketing;

beforeAll(async () => {
  t = await startTestApp();
  team = await marketingTeam(t);
});
afterAll(() => t.close());

const schedule = async (id: string) => {
  const scheduled = await t.request.post(`/api/v1/campaigns/${id}/schedule`).set(team.as(team.marketer));
  expect([scheduled.status, scheduled.body]).toEqual([200, expect.anything()]);
};
const respond = async (campaignId: string, sourceCode: string, email: string) => {
  const response = await t.request.post('/api/v1/responses').set(team.as(team.marketer)).send({ campaignId, sourceCode, type: 'REPLY', contact: { email, name: 'Whoever' } });
  expect(response.status).toBe(201);
};
const mailsTo = async (tag: string, subject: string) =>
  (await receivedMail())
    .filter((mail) => mail.to.some((to) => to.includes(tag)) && mail.subject?.startsWith(subject))
    .map((mail) => mail.to[0])
    .sort();
async function segmentOf(tag: string) {
  const segment = await t.request.post('/api/v1/segments').set(team.as(team.marketer)).send({ name: `Segment ${tag}`, criteria: { field: 'account.segment', op: 'eq', value: tag } });
  expect(segment.status).toBe(201);
  return segment.body.id as string;
}
async function templateWithSubject(key: string, subject: string) {
  const created = await t.request
    .post('/api/v1/templates')
    .set(team.as(team.marketer))
    .send({ key, name: key, subject, text: 'Hello {{ contact.name }}. Unsubscribe: {{ unsubscribeUrl }}' });
  expect(created.status).toBe(201);
  return key;
}

test('when a journey mails its list, waits, then reminds the non-responders and calls the responders then each branch works on its own cohort', async () => {
  const tag = `jrn${Date.now()}`;
  const emails = await seedRecipients(t, tag, 5, 'journey.test');
  const segmentId = await segmentOf(tag);
  const offer = await templateWithSubject(`offer-${tag}`, `Offer ${tag}`);
  const reminder = await templateWithSubject(`reminder-${tag}`, `Reminder ${tag}`);
  const created = await createCampaign(t, team, {
    name: `Journey ${tag}`,
    sources: [{ code: 'REPLY-MAIL', name: 'Replies to the offer' }],
    stages: [
      { type: 'LIST', name: 'List', startAt: secondsFromNow(4), settings: { segmentId } },
      { type: 'MAILING', name: 'Offer', settings: { templateKey: offer } },
      // "7 days" in production; a stage setting, so the test waits seconds.
      { type: 'WAIT', name: 'A week', settings: { duration: 'PT6S' } },
      { type: 'MAILING', name: 'Reminder', startWhen: { kind: 'stageEnded', stage: 2 }, cohort: { response: { responded: false, window: { fromStage: 1 } } }, settings: { templateKey: reminder } },
      { type: 'CALL_TASKS', name: 'Call the responders', startWhen: { kind: 'stageEnded', stage: 2 }, cohort: { response: { responded: true } }, settings: { title: 'Call back' } },
    ],
  });
  await schedule(created.id);

  // While the week runs, two contacts reply; both branches wait for the week to end, and say so.
  const waiting = await campaignWhen(t, team, created.id, (campaign) => expect(campaign.stages[2].status).toBe('RUNNING'), 60_000);
  expect(waiting.stages[3]).toMatchObject({ status: 'PENDING', waitsFor: expect.stringContaining('stage 3') });
  expect(waiting.stages[4]).toMatchObject({ status: 'PENDING', waitsFor: expect.stringContaining('stage 3') });
  const responders = emails.slice(0, 2);
  for (const email of responders) await respond(created.id, 'REPLY-MAIL', email);
  // The Temporal UI's "current details" say the same.
  const metadata = await t.temporal.client.workflow.getHandle(campaignWorkflowId(created.id)).query<{ currentDetails?: string }>('__temporal_workflow_metadata');
  expect(metadata.currentDetails).toContain('Reminder');

  const done = await campaignWhen(t, team, created.id, (campaign) => expect(campaign.status).toBe('COMPLETED'), 90_000);
  expect(done.stages.map((stage: { status: string }) => stage.status)).toEqual(['COMPLETED', 'COMPLETED', 'COMPLETED', 'COMPLETED', 'COMPLETED']);
  expect(await mailsTo(tag, `Offer ${tag}`)).toEqual([...emails].sort());
  expect(await mailsTo(tag, `Reminder ${tag}`)).toEqual(emails.slice(2).sort());
  expect(done.stages[3].counts.cohort).toMatchObject({ members: 3 });
  expect(done.stages[4].counts.cohort).toMatchObject({ members: 2 });
  const tasks = await t.database.db.task.findMany({ where: { campaignStageId: done.stages[4].id }, select: { accountId: true } });
  const called = await t.database.db.contact.findMany({ where: { accountId: { in: tasks.map((task) => task.accountId) } }, select: { emailNormalized: true } });
  expect(called.map((contact) => contact.emailNormalized).sort()).toEqual([...responders].sort());
  await recordHistory(t.temporal.client.workflow.getHandle(campaignWorkflowId(created.id)), 'campaign', 'journey-branches');
}, 180_000);

test('when a stage waits for responses then the response that meets the count starts it, and a stage a duration after another waits that long', async () => {
  const tag = `cnt${Date.now()}`;
  const emails = await seedRecipients(t, tag, 3, 'journey.test');
  const segmentId = await segmentOf(tag);
  const created = await createCampaign(t, team, {
    name: `Count ${tag}`,
    sources: [{ code: 'PRESS', name: 'Press ad' }, { code: 'WEB', name: 'Web form' }],
    stages: [
      { type: 'LIST', startAt: secondsFromNow(4), settings: { segmentId } },
      { type: 'CALL_TASKS', name: 'After two press responses', startWhen: { kind: 'responses', count: 2, sourceCode: 'PRESS' }, settings: {} },
      { type: 'WAIT', name: 'Two seconds after the calls', startWhen: { kind: 'afterStage', stage: 1, duration: 'PT2S' }, settings: { duration: 'PT1S' } },
    ],
  });
  await schedule(created.id);
  await campaignWhen(t, team, created.id, (campaign) => expect(campaign.stages[0].status).toBe('COMPLETED'), 30_000);
  await respond(created.id, 'WEB', emails[0]);
  await respond(created.id, 'PRESS', emails[1]);
  const one = await campaignWhen(t, team, created.id, (campaign) => expect(campaign.stages[1].waitsFor).toContain('1 so far'));
  expect(one.stages[1].status).toBe('PENDING');
  await respond(created.id, 'PRESS', emails[2]);
  const started = await campaignWhen(t, team, created.id, (campaign) => expect(campaign.stages[1].status).toBe('COMPLETED'));
  const done = await campaignWhen(t, team, created.id, (campaign) => expect(campaign.status).toBe('COMPLETED'));
  const callsEnded = Date.parse(started.stages[1].completedAt);
  expect(Date.parse(done.stages[2].startedAt) - callsEnded).toBeGreaterThanOrEqual(2_000);
  await recordHistory(t.temporal.client.workflow.getHandle(campaignWorkflowId(created.id)), 'campaign', 'responses-and-delay');
}, 120_000);

test('when a tracking-only campaign is scheduled then it collects responses until it is completed', async () => {
  const tag = `trk${Date.now()}`;
  const [email] = await seedRecipients(t, tag, 1, 'journey.test');
  const created = await createCampaign(t, team, { name: `Billboards ${tag}`, sources: [{ code: 'BILLBOARD-A1', name: 'Billboard on the A1', cost: 900 }], stages: [] });
  await schedule(created.id);
  await respond(created.id, 'BILLBOARD-A1', email);
  const running = await campaignWhen(t, team, created.id, (campaign) => expect(campaign.status).toBe('SCHEDULED'));
  expect(running.stages).toEqual([]);
  const completed = await t.request.post(`/api/v1/campaigns/${created.id}/complete`).set(team.as(team.marketer)).send({ reason: 'The billboards came down' });
  expect(completed.status).toBe(200);
  expect(completed.body.status).toBe('COMPLETED');
  expect(await t.temporal.client.workflow.getHandle(campaignWorkflowId(created.id)).result()).toBe('COMPLETED');
  const report = await t.request.get(`/api/v1/reports/campaigns/${created.id}`).set(team.as(team.marketer));
  expect(report.status).toBe(200);
  expect(report.body.total).toMatchObject({ responses: 1, cost: 900 });
  await recordHistory(t.temporal.client.workflow.getHandle(campaignWorkflowId(created.id)), 'campaign', 'tracking-only');
});

test('when an evergreen campaign runs then each enrollment takes only the new contacts through the stages, and a stop lets enrolled cohorts finish', async () => {
  const tag = `evg${Date.now()}`;
  const first = await seedRecipients(t, tag, 2, 'evergreen.test');
  const segmentId = await segmentOf(tag);
  const welcome = await templateWithSubject(`welcome-${tag}`, `Welcome ${tag}`);
  const created = await createCampaign(t, team, {
    name: `Welcome series ${tag}`,
    evergreen: { segmentId, schedule: { every: 'PT3S' } },
    stages: [
      { type: 'MAILING', name: 'Welcome', settings: { templateKey: welcome } },
      { type: 'WAIT', settings: { duration: 'PT1S' } },
      { type: 'CALL_TASKS', settings: { title: 'Welcome call' } },
    ],
  });
  await schedule(created.id);
  await campaignWhen(t, team, created.id, (campaign) => expect(campaign.enrollments.length).toBeGreaterThanOrEqual(1), 30_000);
  expect(await eventually(async () => {
    const mails = await mailsTo(tag, `Welcome ${tag}`);
    expect(mails).toEqual([...first].sort());
    return mails;
  })).toHaveLength(2);

  // New contacts join the segment: the next enrollment takes them, and only them.
  await t.database.db.$executeRaw`
    WITH a AS (INSERT INTO accounts (id, name, segment, updated_at) VALUES (gen_random_uuid(), ${`${tag} late`}, ${tag}, now()) RETURNING id)
    INSERT INTO contacts (id, account_id, name, email, email_normalized, is_primary) SELECT gen_random_uuid(), id, 'Late', ${`${tag}-late@evergreen.test`}, ${`${tag}-late@evergreen.test`}, true FROM a`;
  await eventually(async () => expect(await mailsTo(tag, `Welcome ${tag}`)).toEqual([...first, `${tag}-late@evergreen.test`].sort()), 30_000);

  const stopped = await t.request.post(`/api/v1/campaigns/${created.id}/stop`).set(team.as(team.marketer)).send({ enrolled: 'finish' });
  expect(stopped.status).toBe(200);
  expect(await t.temporal.client.workflow.getHandle(campaignWorkflowId(created.id)).result()).toBe('COMPLETED');
  const done = await campaignWhen(t, team, created.id, (campaign) => expect(campaign.status).toBe('COMPLETED'));
  const enrolled = done.enrollments.reduce((sum: number, enrollment: { counts: { listed: number } }) => sum + enrollment.counts.listed, 0);
  expect(enrolled).toBe(3);
  expect(done.enrollments.every((enrollment: { status: string }) => enrollment.status === 'COMPLETED')).toBe(true);
  expect(await t.database.db.task.count({ where: { campaignStageId: done.stages[2].id } })).toBe(3);
  // Nobody mailed twice, whatever the number of enrollments.
  expect(await mailsTo(tag, `Welcome ${tag}`)).toHaveLength(3);
  await recordHistory(t.temporal.client.workflow.getHandle(campaignWorkflowId(created.id)), 'campaign', 'evergreen-stopped');
}, 120_000);
