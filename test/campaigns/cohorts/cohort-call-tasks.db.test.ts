import { createTestDatabase, type TestDatabase } from '../../support/test-database';
import { listActivities } from '../list/helpers';
import { addCohortStage, hoursAfter, seedEnrollment, seedJourney, T0, T1, type Journey } from './cohort-fixtures';

let database: TestDatabase;
let activities: ReturnType<typeof listActivities>;

beforeAll(async () => {
  database = await createTestDatabase();
  activities = listActivities(database.db);
});
afterAll(() => database.drop());

const tasksOf = (stageId: string) => database.db.task.findMany({ where: { campaignStageId: stageId }, orderBy: { accountId: 'asc' } });

describe('createCallTasks with a cohort', () => {
  /**
   * Ann (account A, with Hal), Bob (B, no owner), Cy (C, archived since), Dee (D, do-not-contact)
   * responded through WEB-SPRING after stage 2 started; Hal did not, nor did Kim (K); Eve (E) did,
   * but is in the test cell.
   */
  let journey: Journey;
  beforeAll(async () => {
    journey = await seedJourney(database.db, {
      accounts: [{ key: 'A' }, { key: 'B', owner: false }, { key: 'C', archived: true }, { key: 'D' }, { key: 'E' }, { key: 'K' }],
      contacts: [
        { name: 'Ann', account: 'A' },
        { name: 'Hal', account: 'A' },
        { name: 'Bob', account: 'B' },
        { name: 'Cy', account: 'C' },
        { name: 'Dee', account: 'D', doNotContact: true },
        { name: 'Eve', account: 'E', cell: 'TEST' },
        { name: 'Kim', account: 'K' },
      ],
      responses: ['Ann', 'Bob', 'Cy', 'Dee', 'Eve'].map((contact) => ({ contact, source: 'WEB-SPRING', at: hoursAfter(T1, 5) })),
    });
  });

  test('when the stage has a cohort then only its members’ accounts get a task (never archived or all do-not-contact), the why names the cohort, and a retry creates none twice', async () => {
    const cohort = { response: { responded: true, sourceCode: 'WEB-SPRING', window: { fromStage: 1 } } };
    const stageId = await addCohortStage(journey, 'CALL_TASKS', cohort, { name: 'Call the responders' });

    const counts = await activities.createCallTasks({ campaignId: journey.campaignId, stageId });

    expect(counts).toEqual({ tasksCreated: 2, unassigned: 1, cohort: { members: 4, accounts: 4, frozenAt: expect.any(String) } });
    const tasks = await tasksOf(stageId);
    expect(tasks.map((task) => task.accountId).sort()).toEqual([journey.accounts.A, journey.accounts.B].sort());
    const ann = tasks.find((task) => task.accountId === journey.accounts.A)!;
    expect(ann.assigneeId).toBe(journey.ownerId);
    expect(ann.why).toMatchObject({
      source: 'campaign',
      stageId,
      stageName: 'Call the responders',
      conditions: [
        'The contact is in the target cell of the campaign’s list',
        'The contact responded to the campaign through WEB-SPRING (“Spring web form”) since stage 2 (MAILING) started',
        'Assigned to the account’s owner',
      ],
    });
    expect((tasks.find((task) => task.accountId === journey.accounts.B)!.why as { conditions: string[] }).conditions.at(-1)).toMatch(/no owner/);

    expect(await activities.createCallTasks({ campaignId: journey.campaignId, stageId })).toEqual(counts);
    expect(await tasksOf(stageId)).toHaveLength(2);
    const stage = await database.db.campaignStage.findUniqueOrThrow({ where: { id: stageId } });
    expect(stage.result).toEqual({ tasksCreated: 2, unassigned: 1, tasksCreatedAt: expect.any(String), cohort: counts.cohort });
  });

  test('when the cohort is the non-responders then the responders’ accounts get no task, unless another contact of theirs did not respond', async () => {
    const stageId = await addCohortStage(journey, 'CALL_TASKS', { response: { responded: false } });

    expect(await activities.createCallTasks({ campaignId: journey.campaignId, stageId })).toMatchObject({ tasksCreated: 2, cohort: { members: 2, accounts: 2 } });
    expect((await tasksOf(stageId)).map((task) => task.accountId).sort()).toEqual([journey.accounts.A, journey.accounts.K].sort());
    const [task] = await tasksOf(stageId);
    expect((task.why as { conditions: string[] }).conditions[1]).toBe('The contact did not respond to the campaign');
  });
});

describe('createCallTasks for an enrollment of an evergreen campaign', () => {
  test('when each enrollment runs the stage then its recipients’ accounts get a task, an account already tasked by an earlier enrollment gets none, and the counts live in each run', async () => {
    const journey = await seedJourney(database.db, {
      evergreen: true,
      accounts: [{ key: 'A' }, { key: 'B' }, { key: 'D' }],
      contacts: [
        { name: 'Ann', account: 'A', enrollment: 'one' },
        { name: 'Bob', account: 'B', enrollment: 'one' },
        { name: 'Hal', account: 'A', enrollment: 'two' },
        { name: 'Dee', account: 'D', enrollment: 'two' },
      ],
    });
    const stageId = await addCohortStage(journey, 'CALL_TASKS', null);
    const one = await seedEnrollment(journey, 'one', 1, T0, [{ stageId, startedAt: hoursAfter(T1, 24) }]);
    const two = await seedEnrollment(journey, 'two', 2, hoursAfter(T0, 24), [{ stageId, startedAt: hoursAfter(T1, 48) }]);
    const run = (enrollmentId: string) => activities.createCallTasks({ campaignId: journey.campaignId, stageId, enrollmentId });

    expect(await run(one)).toEqual({ tasksCreated: 2, unassigned: 0 });
    expect(await run(two)).toEqual({ tasksCreated: 1, unassigned: 0 });
    expect(await run(two)).toEqual({ tasksCreated: 1, unassigned: 0 });

    const tasks = await tasksOf(stageId);
    expect(tasks.map((task) => task.accountId).sort()).toEqual([journey.accounts.A, journey.accounts.B, journey.accounts.D].sort());
    const dee = tasks.find((task) => task.accountId === journey.accounts.D)!;
    // Due two days after its enrollment's run started, not the stage's own start.
    expect(dee.dueAt.toISOString()).toBe(hoursAfter(T1, 96).toISOString());
    expect((dee.why as { trigger: string }).trigger).toContain(`started for enrollment ${two}`);
    const runs = await database.db.campaignEnrollmentRun.findMany({ where: { stageId } });
    expect(runs.map((row) => (row.result as { tasksCreated: number }).tasksCreated).sort()).toEqual([1, 2]);
    expect((await database.db.campaignStage.findUniqueOrThrow({ where: { id: stageId } })).result).toEqual({});
  });

  test('when an enrollment’s run has not started then the activity refuses for good and creates nothing', async () => {
    const journey = await seedJourney(database.db, { evergreen: true, accounts: [{ key: 'A' }], contacts: [{ name: 'Ann', account: 'A', enrollment: 'one' }] });
    const stageId = await addCohortStage(journey, 'CALL_TASKS', { response: { responded: false } });
    const one = await seedEnrollment(journey, 'one', 1, T0, [{ stageId, startedAt: null }]);

    await expect(activities.createCallTasks({ campaignId: journey.campaignId, stageId, enrollmentId: one })).rejects.toMatchObject({ name: 'AppError', code: 'CONFLICT' });
    expect(await tasksOf(stageId)).toEqual([]);
    expect(await database.db.campaignStageMember.count({ where: { stageId } })).toBe(0);
  });
});
