import { createMailingActivities } from '../../../activities/campaign/mailing-activities';
import type { Mailer } from '../../../src/mail/mailer';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';
import { addCohortStage, hoursAfter, namesOf, seedEnrollment, seedJourney, T0, T1, type Journey } from './cohort-fixtures';

let database: TestDatabase;
let activities: ReturnType<typeof createMailingActivities>;

/** prepareMailing sends nothing: a mailer that fails loudly if it ever does. */
const noMailer: Mailer = {
  send: async () => {
    throw new Error('prepareMailing must not send mail');
  },
  maxConnections: 1,
  close: () => undefined,
};

beforeAll(async () => {
  database = await createTestDatabase();
  activities = createMailingActivities({ db: database.db, mailer: noMailer, publicUrl: 'http://crm.test' });
});
afterAll(() => database.drop());

async function deliveredTo(journey: Journey, stageId: string) {
  const rows = await database.db.mailDelivery.findMany({ where: { stageId }, select: { contactId: true, state: true } });
  expect(rows.every((row) => row.state === 'PENDING')).toBe(true);
  return namesOf(journey, rows.map((row) => row.contactId));
}

describe('prepareMailing with a cohort', () => {
  test('when the reminder goes to who did not respond and was not bounced then only those members with an address get a delivery, and a retry adds none', async () => {
    const journey = await seedJourney(database.db, {
      accounts: [{ key: 'A' }, { key: 'B' }, { key: 'C' }, { key: 'D' }, { key: 'E' }],
      contacts: [
        { name: 'Ann', account: 'A', delivery: 'SENT' },
        { name: 'Hal', account: 'A', delivery: 'SENT' },
        { name: 'Bob', account: 'B', delivery: 'FAILED', bounced: true },
        { name: 'Cy', account: 'C', delivery: 'SKIPPED' },
        { name: 'Dee', account: 'D', email: false },
        { name: 'Eve', account: 'E', cell: 'TEST' },
      ],
      responses: [{ contact: 'Ann', source: 'PHONE', at: hoursAfter(T1, 3) }],
    });
    const cohort = { response: { responded: false, window: { fromStage: 1, duration: 'P7D' } }, mailing: { stage: 1, outcomes: ['sent', 'skipped'] } };
    const stageId = await addCohortStage(journey, 'MAILING', cohort);
    const input = { campaignId: journey.campaignId, stageId };

    const answer = await activities.prepareMailing(input);

    expect(answer).toEqual({ recipients: 2, cohort: { members: 2, frozenAt: expect.any(String) } });
    expect(await deliveredTo(journey, stageId)).toEqual(['Cy', 'Hal']);
    expect(await activities.prepareMailing(input)).toEqual(answer);
    expect(await deliveredTo(journey, stageId)).toEqual(['Cy', 'Hal']);
    expect((await database.db.campaignStage.findUniqueOrThrow({ where: { id: stageId } })).result).toEqual({ cohort: answer.cohort });
  });

  test('when a member has no address then the member counts in the cohort but gets no delivery', async () => {
    const journey = await seedJourney(database.db, {
      accounts: [{ key: 'A' }, { key: 'D' }],
      contacts: [
        { name: 'Ann', account: 'A' },
        { name: 'Dee', account: 'D', email: false },
      ],
      responses: [
        { contact: 'Ann', source: 'PHONE', at: hoursAfter(T1, 3) },
        { account: 'D', source: 'PHONE', at: hoursAfter(T1, 3) },
      ],
    });
    const stageId = await addCohortStage(journey, 'MAILING', { response: { responded: true } });

    expect(await activities.prepareMailing({ campaignId: journey.campaignId, stageId })).toMatchObject({ recipients: 1, cohort: { members: 2 } });
    expect(await deliveredTo(journey, stageId)).toEqual(['Ann']);
  });
});

describe('prepareMailing for an enrollment of an evergreen campaign', () => {
  test('when each enrollment prepares the stage then only its recipients get deliveries (with or without a cohort) and each answers its own count', async () => {
    const journey = await seedJourney(database.db, {
      evergreen: true,
      accounts: [{ key: 'A' }, { key: 'B' }, { key: 'C' }, { key: 'D' }],
      contacts: [
        { name: 'Ann', account: 'A', enrollment: 'one' },
        { name: 'Bob', account: 'B', enrollment: 'one' },
        { name: 'Cy', account: 'C', enrollment: 'two' },
        { name: 'Dee', account: 'D', enrollment: 'two', email: false },
      ],
      responses: [{ contact: 'Bob', source: 'WEB-SPRING', at: hoursAfter(T1, 30) }],
    });
    const plain = await addCohortStage(journey, 'MAILING', null);
    const reminder = await addCohortStage(journey, 'MAILING', { response: { responded: false } });
    const runs = (at: Date) => [plain, reminder].map((stageId) => ({ stageId, startedAt: at }));
    const one = await seedEnrollment(journey, 'one', 1, T0, runs(hoursAfter(T1, 48)));
    const two = await seedEnrollment(journey, 'two', 2, hoursAfter(T0, 24), runs(hoursAfter(T1, 72)));
    const prepare = (stageId: string, enrollmentId: string) => activities.prepareMailing({ campaignId: journey.campaignId, stageId, enrollmentId });

    expect(await prepare(plain, one)).toEqual({ recipients: 2 });
    expect(await deliveredTo(journey, plain)).toEqual(['Ann', 'Bob']);
    expect(await prepare(plain, two)).toEqual({ recipients: 1 });
    expect(await prepare(plain, one)).toEqual({ recipients: 2 });
    expect(await deliveredTo(journey, plain)).toEqual(['Ann', 'Bob', 'Cy']);

    expect(await prepare(reminder, one)).toMatchObject({ recipients: 1, cohort: { members: 1 } });
    expect(await prepare(reminder, two)).toMatchObject({ recipients: 1, cohort: { members: 2 } });
    expect(await deliveredTo(journey, reminder)).toEqual(['Ann', 'Cy']);
    const stored = await database.db.campaignEnrollmentRun.findMany({ where: { stageId: reminder } });
    expect(stored.map((run) => (run.result as { cohort: { members: number } }).cohort.members).sort()).toEqual([1, 2]);
  });
});
