import { createTestDatabase, type TestDatabase } from '../../support/test-database';
import { campaignActivities, planAt, seedEnrollment, seedJourney } from './helpers';

let database: TestDatabase;
let activities: ReturnType<typeof campaignActivities>;

beforeAll(async () => {
  database = await createTestDatabase();
  activities = campaignActivities(database.db);
  await database.db.emailTemplate.create({ data: { key: 'journey-test', name: 'Journey test', subject: 'Welcome', text: 'Hello {{ contact.name }}. Unsubscribe: {{ unsubscribeUrl }}' } });
});
afterAll(() => database.drop());

const evergreen = { segmentId: '00000000-0000-4000-8000-000000000000', schedule: { every: 'PT1H' } };
const runOf = (enrollmentId: string, stageId: string) => database.db.campaignEnrollmentRun.findUniqueOrThrow({ where: { enrollmentId_stageId: { enrollmentId, stageId } } });
const enrollmentOf = (id: string) => database.db.campaignEnrollment.findUniqueOrThrow({ where: { id } });
const eventsOf = (campaignId: string) => database.db.campaignEvent.findMany({ where: { campaignId }, orderBy: { at: 'asc' } });

/** An evergreen campaign (MAILING, WAIT, CALL_TASKS) with two enrollments whose runs have not started. */
async function evergreenWithTwoEnrollments(status: 'SCHEDULED' | 'RUNNING' = 'SCHEDULED') {
  const seeded = await seedJourney(database.db, [{ type: 'MAILING' }, { type: 'WAIT' }, { type: 'CALL_TASKS' }], { status, evergreen });
  const first = await seedEnrollment(database.db, seeded.campaignId, seeded.stageIds, 1, ['PENDING', 'PENDING', 'PENDING']);
  const second = await seedEnrollment(database.db, seeded.campaignId, seeded.stageIds, 2, ['PENDING', 'PENDING', 'PENDING']);
  return { ...seeded, first, second };
}

describe('stage runs of enrollments', () => {
  test('when an enrollment’s run starts then the run is RUNNING, and only the first run of a stage freezes the stage row', async () => {
    const db = database.db;
    const { campaignId, stageIds, first, second } = await evergreenWithTwoEnrollments();
    const mailing = { campaignId, stageId: stageIds[0] };

    const one = await activities.startStage({ ...mailing, enrollmentId: first });
    expect(one).toEqual({ started: true, startedAt: expect.any(String) });
    const stage = await db.campaignStage.findUniqueOrThrow({ where: { id: stageIds[0] } });
    expect(stage).toMatchObject({ status: 'RUNNING', startedSettings: expect.objectContaining({ template: expect.objectContaining({ key: 'journey-test', subject: 'Welcome' }) }) });
    expect(await runOf(first, stageIds[0])).toMatchObject({ status: 'RUNNING', startedAt: new Date(one.startedAt) });
    expect((await db.campaign.findUniqueOrThrow({ where: { id: campaignId } })).status).toBe('RUNNING');

    // A retry answers the same; the second enrollment's run starts on the frozen stage.
    expect(await activities.startStage({ ...mailing, enrollmentId: first })).toEqual(one);
    const two = await activities.startStage({ ...mailing, enrollmentId: second });
    expect(two.started).toBe(true);
    expect((await db.campaignStage.findUniqueOrThrow({ where: { id: stageIds[0] } })).startedAt).toEqual(stage.startedAt);
    expect((await eventsOf(campaignId)).filter((event) => event.kind === 'stage-started').map((event) => event.message)).toEqual(['Stage 1 (MAILING) started with enrollment 1']);

    // A WAIT is timed from its run's start, not from the stage's.
    await db.campaignStage.update({ where: { id: stageIds[1] }, data: { status: 'RUNNING', startedAt: new Date('2020-01-01T00:00:00.000Z'), startedSettings: { duration: 'PT1H' } } });
    const wait = await activities.startStage({ campaignId, stageId: stageIds[1], enrollmentId: second });
    expect(wait.startedAt).toBe((await runOf(second, stageIds[1])).startedAt!.toISOString());
    expect(Date.parse(wait.waitUntil!) - Date.parse(wait.startedAt)).toBe(3_600_000);
  });

  test('when runs complete then only other outcomes reach the history, runs that can no longer start are cancelled, and the enrollment completes when all have ended', async () => {
    const { campaignId, stageIds, first, second } = await evergreenWithTwoEnrollments('RUNNING');
    for (const enrollmentId of [first, second]) await activities.startStage({ campaignId, stageId: stageIds[0], enrollmentId });

    await activities.completeStage({ campaignId, stageId: stageIds[0], enrollmentId: first, status: 'COMPLETED', result: { recipients: 3 } });
    expect(await runOf(first, stageIds[0])).toMatchObject({ status: 'COMPLETED', completedAt: expect.any(Date), result: { recipients: 3 } });
    expect((await enrollmentOf(first)).status).toBe('RUNNING');
    for (const stageId of stageIds.slice(1)) {
      await activities.startStage({ campaignId, stageId, enrollmentId: first });
      await activities.completeStage({ campaignId, stageId, enrollmentId: first, status: 'COMPLETED' });
    }
    expect(await enrollmentOf(first)).toMatchObject({ status: 'COMPLETED', completedAt: expect.any(Date) });
    expect((await eventsOf(campaignId)).filter((event) => event.kind.startsWith('stage-') && event.kind !== 'stage-started')).toEqual([]);

    // The second enrollment's mailing fails: its WAIT (and the calls after it) can never start.
    await activities.completeStage({ campaignId, stageId: stageIds[0], enrollmentId: second, status: 'FAILED', reason: 'the template broke' });
    expect((await eventsOf(campaignId)).filter((event) => event.kind === 'stage-failed').map((event) => event.message)).toEqual([
      'Stage 1 (MAILING) failed for enrollment 2: the template broke',
    ]);
    expect(await runOf(second, stageIds[1])).toMatchObject({ status: 'CANCELLED', endReason: 'it could never start: stage 1 (MAILING) failed' });
    expect(await runOf(second, stageIds[2])).toMatchObject({ status: 'CANCELLED', endReason: 'it could never start: stage 2 (WAIT) was cancelled' });
    expect((await enrollmentOf(second)).status).toBe('COMPLETED');
    // An ended run does not start again, and ending it again changes nothing.
    expect(await activities.startStage({ campaignId, stageId: stageIds[1], enrollmentId: second })).toMatchObject({ started: false });
    await activities.completeStage({ campaignId, stageId: stageIds[0], enrollmentId: second, status: 'COMPLETED' });
    expect((await runOf(second, stageIds[0])).status).toBe('FAILED');
  });
});

describe('ending an evergreen campaign', () => {
  test('when it is cancelled then its running enrollments and their unfinished runs are cancelled with its stages', async () => {
    const db = database.db;
    const { campaignId, stageIds, first, second } = await evergreenWithTwoEnrollments('RUNNING');
    await activities.startStage({ campaignId, stageId: stageIds[0], enrollmentId: first });

    expect(await activities.endCampaign({ campaignId, status: 'CANCELLED', reason: 'budget cut' })).toEqual({ status: 'CANCELLED' });

    expect((await enrollmentOf(first)).status).toBe('CANCELLED');
    expect((await enrollmentOf(second)).status).toBe('CANCELLED');
    const runs = await db.campaignEnrollmentRun.findMany({ where: { campaignId } });
    expect(runs.every((run) => run.status === 'CANCELLED' && run.endReason === 'the campaign was cancelled')).toBe(true);
    expect((await db.campaignStage.findMany({ where: { campaignId } })).map((stage) => stage.status)).toEqual(['CANCELLED', 'CANCELLED', 'CANCELLED']);
  });

  test('when enrollment stops with finish then no enrollment follows and the cohorts run on; with cancel the campaign is cancelled; a classic campaign is refused', async () => {
    const db = database.db;
    const finishing = await evergreenWithTwoEnrollments('RUNNING');
    const stop = { campaignId: finishing.campaignId, byUserId: '00000000-0000-4000-8000-0000000000aa', enrolled: 'finish' as const, reason: 'season over' };

    expect(await activities.stopEnrollment(stop)).toEqual({ status: 'RUNNING' });
    expect(await activities.stopEnrollment(stop)).toEqual({ status: 'RUNNING' });
    const stops = (await eventsOf(finishing.campaignId)).filter((event) => event.kind === 'enrollment-stopped');
    expect(stops).toEqual([expect.objectContaining({ message: 'Enrollment stopped: enrolled cohorts finish: season over', byUserId: stop.byUserId, details: { enrolled: 'finish', reason: 'season over' } })]);
    const plan = await planAt(db, finishing.campaignId, new Date());
    expect(plan.evergreen).toEqual({ nextEnrollmentAt: null, stoppedWith: 'finish' });
    expect(plan.runs.filter((run) => run.startable)).toHaveLength(2);
    expect((await enrollmentOf(finishing.first)).status).toBe('RUNNING');

    // Cancelling after a finish: the campaign and what its cohorts had left end now.
    expect(await activities.stopEnrollment({ ...stop, enrolled: 'cancel' })).toEqual({ status: 'CANCELLED' });
    expect((await enrollmentOf(finishing.first)).status).toBe('CANCELLED');

    const cancelling = await evergreenWithTwoEnrollments('RUNNING');
    expect(await activities.stopEnrollment({ ...stop, campaignId: cancelling.campaignId, enrolled: 'cancel' })).toEqual({ status: 'CANCELLED' });
    expect((await db.campaign.findUniqueOrThrow({ where: { id: cancelling.campaignId } })).enrollmentStoppedAt).toEqual(expect.any(Date));
    expect((await enrollmentOf(cancelling.second)).status).toBe('CANCELLED');

    const classic = await seedJourney(db, [{ type: 'WAIT' }]);
    await expect(activities.stopEnrollment({ ...stop, campaignId: classic.campaignId })).rejects.toEqual(expect.objectContaining({ code: 'CONFLICT', message: 'not an evergreen campaign' }));
  });
});

describe('completeCampaign', () => {
  const byUserId = '00000000-0000-4000-8000-0000000000bb';

  test('when a stage is running then completing is refused, naming it; once none runs the rest is cancelled and the campaign completes', async () => {
    const db = database.db;
    const { campaignId, stageIds } = await seedJourney(db, [{ type: 'WAIT', status: 'COMPLETED' }, { type: 'WAIT', status: 'COMPLETED' }, { type: 'MAILING', status: 'RUNNING' }, { type: 'CALL_TASKS' }]);
    await expect(activities.completeCampaign({ campaignId, byUserId })).rejects.toEqual(
      expect.objectContaining({ code: 'CONFLICT', message: 'stage 3 (MAILING) is running: wait for it to end, or cancel the campaign' }),
    );

    await db.campaignStage.update({ where: { id: stageIds[2] }, data: { status: 'COMPLETED' } });
    expect(await activities.completeCampaign({ campaignId, byUserId, reason: 'enough calls' })).toEqual({ status: 'COMPLETED' });
    expect(await activities.completeCampaign({ campaignId, byUserId })).toEqual({ status: 'COMPLETED' });
    expect(await db.campaignStage.findUniqueOrThrow({ where: { id: stageIds[3] } })).toMatchObject({ status: 'CANCELLED', endReason: 'the campaign was completed before it started' });
    expect((await eventsOf(campaignId)).filter((event) => event.kind === 'campaign-completed')).toEqual([expect.objectContaining({ message: 'Campaign completed: enough calls', byUserId })]);
  });

  test('when a tracking-only campaign is completed then it ends COMPLETED; a cancelled one is refused', async () => {
    const db = database.db;
    const tracking = await seedJourney(db, [], { status: 'SCHEDULED' });
    expect(await activities.completeCampaign({ campaignId: tracking.campaignId, byUserId })).toEqual({ status: 'COMPLETED' });
    const cancelled = await seedJourney(db, [], { status: 'CANCELLED' });
    await expect(activities.completeCampaign({ campaignId: cancelled.campaignId, byUserId })).rejects.toEqual(expect.objectContaining({ code: 'CONFLICT', message: 'the campaign is cancelled' }));
  });

  test('when an evergreen campaign is completed then a running run refuses it; else started stages complete, enrollments complete and their unstarted runs are cancelled', async () => {
    const db = database.db;
    const { campaignId, stageIds, first, second } = await evergreenWithTwoEnrollments('RUNNING');
    await activities.startStage({ campaignId, stageId: stageIds[0], enrollmentId: second });
    await expect(activities.completeCampaign({ campaignId, byUserId })).rejects.toEqual(
      expect.objectContaining({ code: 'CONFLICT', message: 'stage 1 (MAILING) of enrollment 2 is running: wait for it to end, or cancel the campaign' }),
    );

    await activities.completeStage({ campaignId, stageId: stageIds[0], enrollmentId: second, status: 'COMPLETED' });
    expect(await activities.completeCampaign({ campaignId, byUserId })).toEqual({ status: 'COMPLETED' });

    expect((await db.campaignStage.findMany({ where: { campaignId }, orderBy: { position: 'asc' } })).map((stage) => stage.status)).toEqual(['COMPLETED', 'CANCELLED', 'CANCELLED']);
    expect((await enrollmentOf(first)).status).toBe('COMPLETED');
    expect((await enrollmentOf(second)).status).toBe('COMPLETED');
    expect(await runOf(second, stageIds[0])).toMatchObject({ status: 'COMPLETED' });
    expect(await runOf(second, stageIds[1])).toMatchObject({ status: 'CANCELLED', endReason: 'the campaign was completed' });
  });
});
