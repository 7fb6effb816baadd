import { freezeStageCohort } from '../../../activities/campaign/list/freeze-stage-cohort';
import { CohortFilter } from '../../../src/campaigns/journey.schemas';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';
import { addCohortStage, freezeFor, hoursAfter, memberNames, seedEnrollment, seedJourney, T0, T1, type Journey } from './cohort-fixtures';

let database: TestDatabase;
let journey: Journey;

/**
 * Stage 1 LIST at T0, stage 2 MAILING at T1. Target cell: Ann and Hal (account A), Bob, Cy, Dee (no
 * address), Fay, Gus, Ivy, Jon; Eve is in the test cell.
 * - Responses: Ann through WEB-SPRING a day after T1; Dee's account, without a contact, through PHONE
 *   ten days after T1; Eve through WEB-SPRING; Ivy through WEB-SPRING an hour before T1; Jon only to
 *   another campaign.
 * - Statuses: F changed to CLIENT at T0 (as it was listed); G is MEETING_HELD now and was CLIENT before
 *   the list; J is CLIENT with no recorded change.
 * - The mailing: Ann, Hal, Gus, Ivy, Jon sent; Bob failed and bounced; Cy failed; Fay skipped.
 */
beforeAll(async () => {
  database = await createTestDatabase();
  journey = await seedJourney(database.db, {
    accounts: [
      { key: 'A' },
      { key: 'B' },
      { key: 'C' },
      { key: 'D' },
      { key: 'E' },
      { key: 'F', changes: [{ to: 'CLIENT', at: T0 }] },
      { key: 'G', status: 'MEETING_HELD', changes: [{ to: 'CLIENT', at: hoursAfter(T0, -24) }] },
      { key: 'I' },
      { key: 'J', status: 'CLIENT' },
    ],
    contacts: [
      { name: 'Ann', account: 'A', delivery: 'SENT' },
      { name: 'Hal', account: 'A', delivery: 'SENT' },
      { name: 'Bob', account: 'B', delivery: 'FAILED', bounced: true },
      { name: 'Cy', account: 'C', delivery: 'FAILED' },
      { name: 'Dee', account: 'D', email: false },
      { name: 'Eve', account: 'E', cell: 'TEST' },
      { name: 'Fay', account: 'F', delivery: 'SKIPPED' },
      { name: 'Gus', account: 'G', delivery: 'SENT' },
      { name: 'Ivy', account: 'I', delivery: 'SENT' },
      { name: 'Jon', account: 'J', delivery: 'SENT' },
    ],
    responses: [
      { contact: 'Ann', source: 'WEB-SPRING', at: hoursAfter(T1, 24) },
      { account: 'D', source: 'PHONE', at: hoursAfter(T1, 240) },
      { contact: 'Eve', source: 'WEB-SPRING', at: hoursAfter(T1, 24) },
      { contact: 'Ivy', source: 'WEB-SPRING', at: hoursAfter(T1, -1) },
      { contact: 'Jon', source: 'WEB-SPRING', at: hoursAfter(T1, 2), elsewhere: true },
    ],
  });
});
afterAll(() => database.drop());

const TARGET = ['Ann', 'Bob', 'Cy', 'Dee', 'Fay', 'Gus', 'Hal', 'Ivy', 'Jon'];
const since2 = { fromStage: 1 };

describe('freezeStageCohort', () => {
  test.each([
    ['the target cell by default', {}, TARGET],
    ['the test cell', { cell: 'TEST' }, ['Eve']],
    ['both cells', { cell: 'ALL' }, [...TARGET, 'Eve'].sort()],
  ])('when the cohort is %s then its members are that cell of the list', async (_, cohort, expected) => {
    const { counts, members } = await freezeFor(journey, cohort);
    expect(members).toEqual(expected);
    expect(counts).toEqual({ members: expected.length, accounts: new Set(expected.map((name) => (name === 'Hal' ? 'Ann' : name))).size, frozenAt: expect.any(String) });
  });

  test.each([
    ['responded (a response names the contact, or the account without a contact)', { responded: true }, ['Ann', 'Dee', 'Ivy']],
    ['did not respond (another contact of the account did; another campaign’s response never counts)', { responded: false }, ['Bob', 'Cy', 'Fay', 'Gus', 'Hal', 'Jon']],
    ['responded through one sub-source', { responded: true, sourceCode: 'WEB-SPRING' }, ['Ann', 'Ivy']],
    ['responded since stage 2 started', { responded: true, window: since2 }, ['Ann', 'Dee']],
    ['responded within 7 days after stage 2 started', { responded: true, window: { ...since2, duration: 'P7D' } }, ['Ann']],
    ['did not respond within 7 days after stage 2 started', { responded: false, window: { ...since2, duration: 'P7D' } }, ['Bob', 'Cy', 'Dee', 'Fay', 'Gus', 'Hal', 'Ivy', 'Jon']],
  ])('when the cohort is who %s then exactly those are members', async (_, response, expected) => {
    const { counts, members } = await freezeFor(journey, { response });
    expect(members).toEqual(expected);
    expect(counts).toMatchObject({ members: expected.length });
  });

  test.each([
    ['CLIENT: a change to it at or after the listing, or the current status (not a change before the listing)', ['CLIENT'], ['Fay', 'Jon']],
    ['MEETING_HELD, the current status', ['MEETING_HELD'], ['Gus']],
    ['either', ['CLIENT', 'MEETING_HELD'], ['Fay', 'Gus', 'Jon']],
  ])('when the cohort is the accounts that reached %s then exactly their contacts are members', async (_, accountStatus, expected) => {
    expect((await freezeFor(journey, { accountStatus })).members).toEqual(expected);
  });

  test.each([
    [['sent'], ['Ann', 'Gus', 'Hal', 'Ivy', 'Jon']],
    [['bounced'], ['Bob']],
    [['failed'], ['Cy']],
    [['skipped'], ['Fay']],
    [['failed', 'bounced'], ['Bob', 'Cy']],
  ])('when the cohort is the contacts whose message of stage 2 had outcome %j then exactly those are members', async (outcomes, expected) => {
    expect((await freezeFor(journey, { mailing: { stage: 1, outcomes } })).members).toEqual(expected);
  });

  test('when parts are combined then a member satisfies every part', async () => {
    const reminder = await freezeFor(journey, { response: { responded: false, window: since2 }, mailing: { stage: 1, outcomes: ['sent', 'failed', 'skipped'] } });
    expect(reminder.members).toEqual(['Cy', 'Fay', 'Gus', 'Hal', 'Ivy', 'Jon']);
    expect(reminder.counts).toMatchObject({ members: 6, accounts: 6 });

    expect((await freezeFor(journey, { accountStatus: ['CLIENT'], mailing: { stage: 1, outcomes: ['sent'] } })).members).toEqual(['Jon']);
    expect((await freezeFor(journey, { cell: 'ALL', response: { responded: true, sourceCode: 'WEB-SPRING', window: { ...since2, duration: 'P7D' } } })).members).toEqual(['Ann', 'Eve']);
  });

  test('when the freeze runs again, after its commit or at the same time, then it answers the same counts and adds no member', async () => {
    const { stageId, counts, members } = await freezeFor(journey, { response: { responded: true } });
    const again = () => database.db.$transaction((tx) => freezeStageCohort(tx, { campaignId: journey.campaignId, stageId, cohort: CohortFilter.parse({ response: { responded: true } }) }));
    // A response after the freeze must not reach the frozen cohort through a retry.
    await database.db.response.create({
      data: { campaignId: journey.campaignId, sourceId: (await database.db.campaignSource.findFirstOrThrow({ where: { campaignId: journey.campaignId } })).id, accountId: journey.accounts.B, contactId: journey.contacts.Bob, type: 'CALL', occurredAt: new Date(), createdById: journey.ownerId },
    });

    expect(await again()).toEqual(counts);
    expect(await memberNames(journey, stageId)).toEqual(members);
    const stage = await database.db.campaignStage.findUniqueOrThrow({ where: { id: stageId } });
    expect(stage.result).toEqual({ cohort: counts });

    const fresh = await addCohortStage(journey, 'CALL_TASKS', { cell: 'ALL' });
    const both = await Promise.all([0, 1].map(() => database.db.$transaction((tx) => freezeStageCohort(tx, { campaignId: journey.campaignId, stageId: fresh, cohort: CohortFilter.parse({ cell: 'ALL' }) }))));
    expect(both[1]).toEqual(both[0]);
    expect(both[0]).toMatchObject({ members: 10 });
    expect(await memberNames(journey, fresh)).toHaveLength(10);
  });

  test('when the cohort names a later stage, a stage of another type or an unknown sub-source then it is refused for good, naming the field, and nothing is frozen', async () => {
    const refused = async (cohort: object, path: string) => {
      const stageId = await addCohortStage(journey, 'CALL_TASKS', cohort);
      const own = (await database.db.campaignStage.findUniqueOrThrow({ where: { id: stageId } })).position;
      const withOwn = JSON.parse(JSON.stringify(cohort).replace('"OWN"', String(own)));
      await expect(database.db.$transaction((tx) => freezeStageCohort(tx, { campaignId: journey.campaignId, stageId, cohort: withOwn as CohortFilter }))).rejects.toMatchObject({
        name: 'AppError',
        code: 'VALIDATION_FAILED',
        details: [expect.objectContaining({ path })],
      });
      expect(await memberNames(journey, stageId)).toEqual([]);
    };
    await refused({ response: { responded: true, window: { fromStage: 'OWN' } } }, 'cohort.response.window.fromStage');
    await refused({ mailing: { stage: 0, outcomes: ['sent'] } }, 'cohort.mailing.stage');
    await refused({ response: { responded: true, sourceCode: 'BILLBOARD' } }, 'cohort.response.sourceCode');
  });
});

describe('freezeStageCohort for an enrollment of an evergreen campaign', () => {
  /**
   * Enrollment 1 (enrolled at T0; its run of stage 2 started at T1): Ann, Bob, Cy. Enrollment 2
   * (T0 + 1 day; its run of stage 2 at T1 + 1 day): Dee, Hal, Fay. Enrollment 3: Gus, whose run of
   * stage 2 has not started. Ann responded 2 h after T1, Dee 12 h after (before her enrollment's
   * run), Hal 30 h after. B and F changed to CLIENT 12 h after T0: after Bob's enrollment, before Fay's.
   */
  let evergreen: Journey;
  let stageId: string;
  const enrollment: Record<string, string> = {};
  beforeAll(async () => {
    evergreen = await seedJourney(database.db, {
      evergreen: true,
      accounts: [{ key: 'A' }, { key: 'B', changes: [{ to: 'CLIENT', at: hoursAfter(T0, 12) }] }, { key: 'C' }, { key: 'D' }, { key: 'F', changes: [{ to: 'CLIENT', at: hoursAfter(T0, 12) }] }, { key: 'G' }],
      contacts: [
        { name: 'Ann', account: 'A', enrollment: 'one' },
        { name: 'Bob', account: 'B', enrollment: 'one' },
        { name: 'Cy', account: 'C', enrollment: 'one' },
        { name: 'Dee', account: 'D', enrollment: 'two' },
        { name: 'Hal', account: 'A', enrollment: 'two' },
        { name: 'Fay', account: 'F', enrollment: 'two' },
        { name: 'Gus', account: 'G', enrollment: 'three' },
      ],
      responses: [
        { contact: 'Ann', source: 'WEB-SPRING', at: hoursAfter(T1, 2) },
        { contact: 'Dee', source: 'WEB-SPRING', at: hoursAfter(T1, 12) },
        { contact: 'Hal', source: 'WEB-SPRING', at: hoursAfter(T1, 30) },
      ],
    });
    stageId = await addCohortStage(evergreen, 'CALL_TASKS', { response: { responded: true, window: { fromStage: 1 } } });
    const mailingStage = evergreen.stageIds[1];
    enrollment.one = await seedEnrollment(evergreen, 'one', 1, T0, [{ stageId: mailingStage, startedAt: T1 }, { stageId, startedAt: hoursAfter(T1, 48) }]);
    enrollment.two = await seedEnrollment(evergreen, 'two', 2, hoursAfter(T0, 24), [{ stageId: mailingStage, startedAt: hoursAfter(T1, 24) }, { stageId, startedAt: hoursAfter(T1, 72) }]);
    enrollment.three = await seedEnrollment(evergreen, 'three', 3, hoursAfter(T0, 48), [{ stageId: mailingStage, startedAt: null }, { stageId, startedAt: hoursAfter(T1, 96) }]);
  });

  const freeze = (stage: string, enrollmentId: string, cohort: object) =>
    database.db.$transaction((tx) => freezeStageCohort(tx, { campaignId: evergreen.campaignId, stageId: stage, enrollmentId, cohort: CohortFilter.parse(cohort) }));

  test('when each enrollment freezes the cohort then only its recipients are members, windows count from its own run of the earlier stage, and the counts live in its run', async () => {
    const cohort = { response: { responded: true, window: { fromStage: 1 } } };
    expect(await freeze(stageId, enrollment.one, cohort)).toMatchObject({ members: 1, accounts: 1 });
    expect(await freeze(stageId, enrollment.two, cohort)).toMatchObject({ members: 1, accounts: 1 });
    // Its run of stage 2 never started: no response falls in the window.
    expect(await freeze(stageId, enrollment.three, cohort)).toMatchObject({ members: 0, accounts: 0 });

    expect(await memberNames(evergreen, stageId, enrollment.one)).toEqual(['Ann']);
    expect(await memberNames(evergreen, stageId, enrollment.two)).toEqual(['Hal']);
    const runs = await database.db.campaignEnrollmentRun.findMany({ where: { stageId }, orderBy: { enrollmentId: 'asc' } });
    expect(runs.map((run) => (run.result as { cohort?: { members: number } }).cohort?.members).sort()).toEqual([0, 1, 1]);
    expect((await database.db.campaignStage.findUniqueOrThrow({ where: { id: stageId } })).result).toEqual({});

    const first = await freeze(stageId, enrollment.one, cohort);
    expect(first).toEqual((runs.find((run) => run.enrollmentId === enrollment.one)!.result as { cohort: object }).cohort);
    expect(await database.db.campaignStageMember.count({ where: { stageId } })).toBe(2);
  });

  test('when the cohort asks for a status reached since listed then each contact counts from its enrollment', async () => {
    const statusStage = await addCohortStage(evergreen, 'CALL_TASKS', { accountStatus: ['CLIENT'] });
    await database.db.campaignEnrollmentRun.createMany({
      data: [enrollment.one, enrollment.two].map((id) => ({ enrollmentId: id, stageId: statusStage, campaignId: evergreen.campaignId, status: 'RUNNING' as const, startedAt: hoursAfter(T1, 72) })),
    });
    await freeze(statusStage, enrollment.one, { accountStatus: ['CLIENT'] });
    await freeze(statusStage, enrollment.two, { accountStatus: ['CLIENT'] });
    expect(await memberNames(evergreen, statusStage, enrollment.one)).toEqual(['Bob']);
    expect(await memberNames(evergreen, statusStage, enrollment.two)).toEqual([]);
  });
});
