import { createTestDatabase, type TestDatabase } from '../../support/test-database';
import { seedAccount, seedSegment } from '../list/helpers';
import { campaignActivities, seedJourney } from './helpers';

let database: TestDatabase;
let activities: ReturnType<typeof campaignActivities>;

beforeAll(async () => {
  database = await createTestDatabase();
  activities = campaignActivities(database.db);
});
afterAll(() => database.drop());

const refusal = (code: string, message?: RegExp) => expect.objectContaining({ name: 'AppError', code, ...(message ? { message: expect.stringMatching(message) } : {}) });
const stages = [{ type: 'MAILING' as const }, { type: 'WAIT' as const }, { type: 'CALL_TASKS' as const }];

async function evergreenCampaign(label: string, settings: object = {}) {
  const segmentId = await seedSegment(database.db, label);
  const seeded = await seedJourney(database.db, stages, { status: 'SCHEDULED', evergreen: { segmentId, schedule: { every: 'PT1H' }, ...settings } });
  return { ...seeded, segmentId };
}

const recipientsOf = (campaignId: string) => database.db.campaignRecipient.findMany({ where: { campaignId }, orderBy: { contactId: 'asc' } });

describe('enrollCohort', () => {
  test('when an enrollment runs then the segment’s contacts are listed as its cohort, as a LIST stage would, with one PENDING run per stage', async () => {
    const db = database.db;
    const { campaignId, stageIds } = await evergreenCampaign('cohort');
    const acme = await seedAccount(db, { segment: 'cohort' }, [
      { name: 'Ann', email: 'ann@cohort.test', isPrimary: true },
      { name: 'Ann again', email: 'ANN@cohort.test' },
      { name: 'Bob', email: 'bob@cohort.test' },
      { name: 'Uma', email: 'uma@cohort.test', unsubscribedAt: new Date() },
      { name: 'Dan', email: 'dan@cohort.test', doNotContact: true },
    ]);

    const result = await activities.enrollCohort({ campaignId, scheduledFor: '2030-01-01T09:00:00.000Z' });

    const counts = { matched: 5, merged: 1, suppressed: 2, inOtherCampaigns: 0, alreadyListed: 0, listed: 2, target: 2, testCell: 0 };
    expect(result).toEqual({ enrollmentId: expect.any(String), number: 1, counts });
    const rows = await recipientsOf(campaignId);
    expect(rows.map((row) => row.contactId).sort()).toEqual([acme.contacts.Ann, acme.contacts.Bob].sort());
    // list_stage_id is NOT NULL: an enrollment's rows name the first stage, enrollment_id tells them apart.
    expect(rows.every((row) => row.enrollmentId === result.enrollmentId && row.listStageId === stageIds[0])).toBe(true);
    const enrollment = await db.campaignEnrollment.findUniqueOrThrow({ where: { id: result.enrollmentId }, include: { runs: true } });
    expect(enrollment).toMatchObject({ status: 'RUNNING', counts, scheduledFor: new Date('2030-01-01T09:00:00.000Z') });
    expect(enrollment.runs.map((run) => [run.stageId, run.status]).sort()).toEqual(stageIds.map((id) => [id, 'PENDING']).sort());
    const events = await db.campaignEvent.findMany({ where: { campaignId, kind: 'enrollment' } });
    expect(events.map((event) => event.message)).toEqual(['Enrollment 1: 2 contacts enrolled (5 matched: 1 merged, 2 suppressed)']);
  });

  test('when the same enrollment is asked again, after its commit or at the same time, then it answers the stored enrollment and lists nobody new', async () => {
    const db = database.db;
    const { campaignId } = await evergreenCampaign('again');
    await seedAccount(db, { segment: 'again' }, [{ name: 'A', email: 'a@again.test' }, { name: 'B', email: 'b@again.test' }]);
    const input = { campaignId, scheduledFor: '2030-01-01T09:00:00.000Z' };
    const both = await Promise.all([activities.enrollCohort(input), activities.enrollCohort(input)]);
    expect(both[1]).toEqual(both[0]);

    await seedAccount(db, { segment: 'again' }, [{ name: 'Late', email: 'late@again.test' }]);
    expect(await activities.enrollCohort(input)).toEqual(both[0]);
    expect(await recipientsOf(campaignId)).toHaveLength(2);
    expect(await db.campaignEnrollment.count({ where: { campaignId } })).toBe(1);
    expect(await db.campaignEnrollmentRun.count({ where: { campaignId } })).toBe(3);
  });

  test('when later enrollments run then only new contacts are enrolled, never one already enrolled (by contact or address), and an enrollment of nobody new ends at once', async () => {
    const db = database.db;
    const { campaignId } = await evergreenCampaign('waves');
    const first = await seedAccount(db, { segment: 'waves' }, [{ name: 'Ann', email: 'ann@waves.test' }, { name: 'Cy' }]);
    const one = await activities.enrollCohort({ campaignId, scheduledFor: '2030-01-01T09:00:00.000Z' });
    expect(one.counts).toMatchObject({ listed: 2 });

    // Ann's address comes back on a primary contact of another account: still the same person for the list.
    const later = await seedAccount(db, { segment: 'waves' }, [{ name: 'Ann elsewhere', email: 'ann@waves.test', isPrimary: true }, { name: 'Newt', email: 'newt@waves.test' }]);
    const two = await activities.enrollCohort({ campaignId, scheduledFor: '2030-01-02T09:00:00.000Z' });
    expect(two).toMatchObject({ number: 2, counts: { matched: 4, merged: 1, alreadyListed: 2, listed: 1 } });
    const rows = await recipientsOf(campaignId);
    expect(rows.map((row) => [row.contactId, row.enrollmentId]).sort()).toEqual(
      [
        [first.contacts.Ann, one.enrollmentId],
        [first.contacts.Cy, one.enrollmentId],
        [later.contacts.Newt, two.enrollmentId],
      ].sort(),
    );

    const three = await activities.enrollCohort({ campaignId, scheduledFor: '2030-01-03T09:00:00.000Z' });
    expect(three).toMatchObject({ number: 3, counts: { matched: 4, listed: 0, alreadyListed: 3 } });
    const quiet = await db.campaignEnrollment.findUniqueOrThrow({ where: { id: three.enrollmentId }, include: { runs: true } });
    expect(quiet).toMatchObject({ status: 'COMPLETED', completedAt: expect.any(Date) });
    expect(quiet.runs.map((run) => [run.status, run.result])).toEqual(Array(3).fill(['COMPLETED', { skipped: 'nobody new' }]));
  });

  test('when the settings ask for a test cell and to leave out contacts of running campaigns then enrollments do so', async () => {
    const db = database.db;
    const { campaignId } = await evergreenCampaign('cells', { testCell: { mode: 'everyNth', n: 2 }, excludeContactsInRunningCampaigns: true });
    const people = await seedAccount(db, { segment: 'cells' }, Array.from({ length: 6 }, (_, i) => ({ name: `P${i}`, email: `p${i}@cells.test` })));
    const other = await seedJourney(db, [{ type: 'LIST', status: 'COMPLETED' }], { status: 'RUNNING' });
    await db.campaignRecipient.create({ data: { campaignId: other.campaignId, contactId: people.contacts.P5, accountId: people.id, emailNormalized: 'p5@cells.test', listStageId: other.stageIds[0] } });

    const result = await activities.enrollCohort({ campaignId, scheduledFor: '2030-01-01T09:00:00.000Z' });

    expect(result.counts).toEqual({ matched: 6, merged: 0, suppressed: 0, inOtherCampaigns: 1, alreadyListed: 0, listed: 5, target: 3, testCell: 2 });
    const rows = await recipientsOf(campaignId);
    expect(rows.filter((row) => row.cell === 'TEST').map((row) => row.contactId)).toEqual([rows[1].contactId, rows[3].contactId]);
  });

  test('when the campaign is not evergreen, has ended or stopped enrolling then it is refused, yet an enrollment already made is still answered', async () => {
    const db = database.db;
    const classic = await seedJourney(db, [{ type: 'WAIT' }]);
    await expect(activities.enrollCohort({ campaignId: classic.campaignId, scheduledFor: '2030-01-01T09:00:00.000Z' })).rejects.toEqual(refusal('CONFLICT', /not an evergreen campaign/));

    const { campaignId } = await evergreenCampaign('refused');
    const made = await activities.enrollCohort({ campaignId, scheduledFor: '2030-01-01T09:00:00.000Z' });
    await db.campaign.update({ where: { id: campaignId }, data: { enrollmentStoppedAt: new Date() } });
    await expect(activities.enrollCohort({ campaignId, scheduledFor: '2030-01-02T09:00:00.000Z' })).rejects.toEqual(refusal('CONFLICT', /stopped enrolling/));
    expect(await activities.enrollCohort({ campaignId, scheduledFor: '2030-01-01T09:00:00.000Z' })).toEqual(made);

    const ended = await evergreenCampaign('ended');
    await db.campaign.update({ where: { id: ended.campaignId }, data: { status: 'CANCELLED' } });
    await expect(activities.enrollCohort({ campaignId: ended.campaignId, scheduledFor: '2030-01-01T09:00:00.000Z' })).rejects.toEqual(refusal('CONFLICT', /cancelled/));
  });
});
