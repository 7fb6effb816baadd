import { createTestDatabase, type TestDatabase } from '../../support/test-database';
import { planAt, seedEnrollment, seedJourney, seedResponses } from './helpers';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

const now = new Date('2030-01-10T12:00:00.000Z');
const waiting = (waitsFor: string, wakeAt: string | null = null) => ({ status: 'PENDING', startable: false, wakeAt, waitsFor });
const startable = { status: 'PENDING', startable: true, wakeAt: null, waitsFor: null };

describe('planCampaignRuns, classic campaigns', () => {
  test('when stages name no condition then the first waits for its date and each other for the previous stage to end', async () => {
    const db = database.db;
    const { campaignId, stageIds } = await seedJourney(
      db,
      [{ type: 'LIST', name: 'List', startAt: '2030-01-11T08:00:00.000Z' }, { type: 'MAILING', name: 'Offer' }, { type: 'WAIT' }],
      { status: 'SCHEDULED' },
    );

    const plan = await planAt(db, campaignId, now);

    expect(plan).toEqual({
      status: 'SCHEDULED',
      stageCount: 3,
      evergreen: null,
      recheckAt: null,
      runs: [
        { stageId: stageIds[0], enrollmentId: null, type: 'LIST', label: 'stage 1 (LIST) “List”', ...waiting('its date, 2030-01-11T08:00:00.000Z', '2030-01-11T08:00:00.000Z') },
        { stageId: stageIds[1], enrollmentId: null, type: 'MAILING', label: 'stage 2 (MAILING) “Offer”', ...waiting('stage 1 (LIST) to end') },
        { stageId: stageIds[2], enrollmentId: null, type: 'WAIT', label: 'stage 3 (WAIT)', ...waiting('stage 2 (MAILING) to end') },
      ],
    });

    // The date passes, the list is frozen, the mailing runs: only what has not ended is planned.
    await db.campaignStage.update({ where: { id: stageIds[0] }, data: { status: 'COMPLETED', completedAt: now } });
    await db.campaignStage.update({ where: { id: stageIds[1] }, data: { status: 'RUNNING' } });
    const later = await planAt(db, campaignId, new Date('2030-01-11T09:00:00.000Z'));
    expect(later.runs).toEqual([
      expect.objectContaining({ stageId: stageIds[1], status: 'RUNNING', startable: false, wakeAt: null, waitsFor: null }),
      expect.objectContaining({ stageId: stageIds[2], ...waiting('stage 2 (MAILING) to end') }),
    ]);
  });

  test('when two stages start on the end of the same stage then both wait for it, and both may start once it ends (a branch)', async () => {
    const db = database.db;
    const branches = (waitStatus: 'RUNNING' | 'COMPLETED') => [
      { type: 'LIST' as const, status: 'COMPLETED' as const },
      { type: 'MAILING' as const, status: 'COMPLETED' as const },
      { type: 'WAIT' as const, status: waitStatus },
      { type: 'MAILING' as const, name: 'Reminder', startWhen: { kind: 'stageEnded', stage: 2 } },
      { type: 'CALL_TASKS' as const, name: 'Calls', startWhen: { kind: 'stageEnded', stage: 2 } },
    ];
    const during = await seedJourney(db, branches('RUNNING'));
    expect((await planAt(db, during.campaignId, now)).runs.slice(1)).toEqual([
      expect.objectContaining({ stageId: during.stageIds[3], ...waiting('stage 3 (WAIT) to end') }),
      expect.objectContaining({ stageId: during.stageIds[4], ...waiting('stage 3 (WAIT) to end') }),
    ]);

    const after = await seedJourney(db, branches('COMPLETED'));
    expect((await planAt(db, after.campaignId, now)).runs).toEqual([
      expect.objectContaining({ stageId: after.stageIds[3], ...startable }),
      expect.objectContaining({ stageId: after.stageIds[4], ...startable }),
    ]);
  });

  test('when a stage starts a duration after another ended then it wakes at that end plus the duration, or at its date when that is later', async () => {
    const db = database.db;
    const mailed = '2030-01-08T09:00:00.000Z';
    const { campaignId, stageIds } = await seedJourney(db, [
      { type: 'LIST', status: 'COMPLETED' },
      { type: 'MAILING', status: 'COMPLETED', completedAt: mailed },
      { type: 'CALL_TASKS', startWhen: { kind: 'afterStage', stage: 1, duration: 'P7D' } },
      { type: 'WAIT', startWhen: { kind: 'afterStage', stage: 1, duration: 'P7D' }, startAt: '2030-01-20T08:00:00.000Z' },
      { type: 'WAIT', startWhen: { kind: 'afterStage', stage: 1, duration: 'PT1H' }, startAt: '2030-01-12T08:00:00.000Z' },
      { type: 'WAIT', status: 'RUNNING' },
      { type: 'CALL_TASKS', startWhen: { kind: 'afterStage', stage: 5, duration: 'P1D' } },
    ]);

    const plan = await planAt(db, campaignId, now);

    const after = `P7D after stage 2 (MAILING) ended (at ${mailed})`;
    expect(plan.runs).toEqual([
      expect.objectContaining({ stageId: stageIds[2], ...waiting(after, '2030-01-15T09:00:00.000Z') }),
      // Both must hold: the later of the two times.
      expect.objectContaining({ stageId: stageIds[3], ...waiting(`${after} and its date, 2030-01-20T08:00:00.000Z`, '2030-01-20T08:00:00.000Z') }),
      // The hour has passed: only the date is left.
      expect.objectContaining({ stageId: stageIds[4], ...waiting('its date, 2030-01-12T08:00:00.000Z', '2030-01-12T08:00:00.000Z') }),
      expect.objectContaining({ stageId: stageIds[5], status: 'RUNNING' }),
      // The stage it follows has not ended: no time yet.
      expect.objectContaining({ stageId: stageIds[6], ...waiting('P1D after stage 6 (WAIT) ends') }),
    ]);
    expect((await planAt(db, campaignId, new Date('2030-01-15T09:00:00.000Z'))).runs[0]).toMatchObject({ stageId: stageIds[2], ...startable });

    // Calendar arithmetic in UTC: a month after 31 January is 28 February.
    const monthly = await seedJourney(db, [{ type: 'MAILING', status: 'COMPLETED', completedAt: '2030-01-31T10:00:00.000Z' }, { type: 'WAIT', startWhen: { kind: 'afterStage', stage: 0, duration: 'P1M' } }]);
    expect((await planAt(db, monthly.campaignId, now)).runs[0].wakeAt).toBe('2030-02-28T10:00:00.000Z');
  });

  test('when stages wait for responses then they count the campaign’s responses, through one sub-source when named, and the plan asks to be rechecked', async () => {
    const db = database.db;
    const { campaignId, stageIds, sourceIds } = await seedJourney(
      db,
      [
        { type: 'LIST', status: 'COMPLETED' },
        // Codes are unique whatever their case: the condition may quote another case.
        { type: 'CALL_TASKS', startWhen: { kind: 'responses', count: 3, sourceCode: 'press-1' } },
        { type: 'WAIT', startWhen: { kind: 'responses', count: 4 } },
      ],
      { sources: ['PRESS-1', 'WEB'] },
    );
    await seedResponses(db, campaignId, sourceIds['PRESS-1'], 2);
    await seedResponses(db, campaignId, sourceIds.WEB, 1);

    const plan = await planAt(db, campaignId, now);
    expect(plan.runs).toEqual([
      expect.objectContaining({ stageId: stageIds[1], ...waiting('3 responses through press-1 (2 so far)') }),
      expect.objectContaining({ stageId: stageIds[2], ...waiting('4 responses (3 so far)') }),
    ]);
    expect(plan.recheckAt).toBe('2030-01-10T12:05:00.000Z');

    await seedResponses(db, campaignId, sourceIds['PRESS-1'], 1);
    const met = await planAt(db, campaignId, now);
    expect(met.runs).toEqual([expect.objectContaining({ stageId: stageIds[1], ...startable }), expect.objectContaining({ stageId: stageIds[2], ...startable })]);
    expect(met.recheckAt).toBeNull();
  });

  test('when a stage waits for an approval then it starts once the APPROVAL stage completed, and never once it was rejected', async () => {
    const db = database.db;
    const stages = (approval: 'RUNNING' | 'COMPLETED' | 'REJECTED') => [
      { type: 'LIST' as const, status: 'COMPLETED' as const },
      { type: 'APPROVAL' as const, status: approval },
      { type: 'MAILING' as const, startWhen: { kind: 'approved', stage: 1 } },
    ];
    const asking = await seedJourney(db, stages('RUNNING'));
    expect((await planAt(db, asking.campaignId, now)).runs[1]).toMatchObject(waiting('stage 2 (APPROVAL) to be approved'));
    const approved = await seedJourney(db, stages('COMPLETED'));
    expect((await planAt(db, approved.campaignId, now)).runs[0]).toMatchObject(startable);
    const rejected = await seedJourney(db, stages('REJECTED'));
    expect((await planAt(db, rejected.campaignId, now)).runs[0]).toMatchObject(waiting('never: stage 2 (APPROVAL) was rejected'));
  });

  test('when a stage a condition names was cancelled then the condition can never hold: no time, and words that say never', async () => {
    const db = database.db;
    const { campaignId, stageIds } = await seedJourney(db, [
      { type: 'LIST', status: 'COMPLETED' },
      { type: 'MAILING', status: 'CANCELLED' },
      { type: 'CALL_TASKS' },
      { type: 'WAIT', startWhen: { kind: 'afterStage', stage: 1, duration: 'P1D' }, startAt: '2030-02-01T00:00:00.000Z' },
      { type: 'CALL_TASKS', startWhen: { kind: 'stageEnded', stage: 2 } },
    ]);

    const plan = await planAt(db, campaignId, now);

    expect(plan.runs).toEqual([
      expect.objectContaining({ stageId: stageIds[2], ...waiting('never: stage 2 (MAILING) was cancelled') }),
      expect.objectContaining({ stageId: stageIds[3], ...waiting('never: stage 2 (MAILING) was cancelled') }),
      // Its stage has not ended yet (it never will, but the workflow ends the campaign when nothing else can run).
      expect.objectContaining({ stageId: stageIds[4], ...waiting('stage 3 (CALL_TASKS) to end') }),
    ]);
  });
});

describe('planCampaignRuns, evergreen campaigns', () => {
  const evergreen = (schedule: object) => ({ segmentId: '00000000-0000-4000-8000-000000000000', schedule });

  test('when enrollments are running then each plans its own runs, timed from its enrollment, ordered by stage then enrollment; completed enrollments are left out', async () => {
    const db = database.db;
    const { campaignId, stageIds } = await seedJourney(
      db,
      [
        { type: 'MAILING', status: 'RUNNING', name: 'Welcome', startAt: '2031-01-01T00:00:00.000Z' },
        { type: 'WAIT', status: 'RUNNING' },
        { type: 'CALL_TASKS' },
      ],
      { evergreen: evergreen({ every: 'PT1H' }), scheduledAt: '2030-01-10T11:30:00.000Z' },
    );
    await seedEnrollment(db, campaignId, stageIds, 1, ['COMPLETED', 'COMPLETED', 'COMPLETED'], 'COMPLETED');
    const second = await seedEnrollment(db, campaignId, stageIds, 2, ['COMPLETED', 'RUNNING', 'PENDING']);
    const third = await seedEnrollment(db, campaignId, stageIds, 3, ['PENDING', 'PENDING', 'PENDING']);

    const plan = await planAt(db, campaignId, now);

    expect(plan.stageCount).toBe(3);
    expect(plan.runs.map(({ stageId, enrollmentId, status, startable, waitsFor }) => ({ stage: stageIds.indexOf(stageId), enrollmentId, status, startable, waitsFor }))).toEqual([
      // The stage's date is for classic campaigns: an enrollment's first run starts at once.
      { stage: 0, enrollmentId: third, status: 'PENDING', startable: true, waitsFor: null },
      { stage: 1, enrollmentId: second, status: 'RUNNING', startable: false, waitsFor: null },
      { stage: 1, enrollmentId: third, status: 'PENDING', startable: false, waitsFor: 'stage 1 (MAILING) to end' },
      { stage: 2, enrollmentId: second, status: 'PENDING', startable: false, waitsFor: 'stage 2 (WAIT) to end' },
      { stage: 2, enrollmentId: third, status: 'PENDING', startable: false, waitsFor: 'stage 2 (WAIT) to end' },
    ]);
    expect(plan.runs[0].label).toBe('stage 1 (MAILING) “Welcome”, enrollment 3');
    // Every hour from the scheduling at 11:30: due now, the latest occurrence up to 12:00.
    expect(plan.evergreen).toEqual({ nextEnrollmentAt: '2030-01-10T11:30:00.000Z', stoppedWith: null });
  });

  test('when a daily schedule crosses a DST change then enrollments stay at the local time, and after downtime one catch-up enrollment is due', async () => {
    const db = database.db;
    // Friday 27 March 2026, 11:00 in Paris (CET); summer time starts on Sunday 29 March.
    const { campaignId } = await seedJourney(db, [{ type: 'MAILING' }], {
      status: 'SCHEDULED',
      evergreen: evergreen({ time: '09:00', timeZone: 'Europe/Paris', days: [1, 2, 3, 4, 5, 6, 7] }),
      scheduledAt: '2026-03-27T10:00:00.000Z',
    });
    const next = async (at: string) => (await planAt(db, campaignId, new Date(at))).evergreen?.nextEnrollmentAt;
    const enrolled = (number: number, scheduledFor: string) =>
      db.campaignEnrollment.create({ data: { campaignId, number, scheduledFor: new Date(scheduledFor), status: 'COMPLETED' } });

    expect(await next('2026-03-27T10:00:01.000Z')).toBe('2026-03-28T08:00:00.000Z');
    await enrolled(1, '2026-03-28T08:00:00.000Z');
    // 09:00 in Paris is 07:00 UTC from Sunday on.
    expect(await next('2026-03-28T08:00:05.000Z')).toBe('2026-03-29T07:00:00.000Z');
    // Down from Sunday to Thursday noon: the next is Thursday 09:00, not Sunday's.
    expect(await next('2026-04-02T12:00:00.000Z')).toBe('2026-04-02T07:00:00.000Z');
  });

  test('when an interval schedule runs then the first enrollment is due at scheduling, the next ones every interval from it, and a stop ends them', async () => {
    const db = database.db;
    const { campaignId } = await seedJourney(db, [{ type: 'WAIT' }], { status: 'SCHEDULED', evergreen: evergreen({ every: 'PT6H' }), scheduledAt: '2030-01-01T00:00:00.000Z' });
    const plan = (at: string) => planAt(db, campaignId, new Date(at));

    expect((await plan('2030-01-01T00:00:00.500Z')).evergreen).toEqual({ nextEnrollmentAt: '2030-01-01T00:00:00.000Z', stoppedWith: null });
    await db.campaignEnrollment.create({ data: { campaignId, number: 1, scheduledFor: new Date('2030-01-01T00:00:00.000Z') } });
    expect((await plan('2030-01-01T01:00:00.000Z')).evergreen?.nextEnrollmentAt).toBe('2030-01-01T06:00:00.000Z');
    expect((await plan('2030-01-03T01:00:00.000Z')).evergreen?.nextEnrollmentAt).toBe('2030-01-03T00:00:00.000Z');

    await db.campaign.update({ where: { id: campaignId }, data: { enrollmentStoppedAt: new Date() } });
    await db.campaignEvent.create({ data: { campaignId, kind: 'enrollment-stopped', message: 'stopped', details: { enrolled: 'finish' }, dedupeKey: `enrollment-stopped:${campaignId}` } });
    expect((await plan('2030-01-03T01:00:00.000Z')).evergreen).toEqual({ nextEnrollmentAt: null, stoppedWith: 'finish' });
  });
});
