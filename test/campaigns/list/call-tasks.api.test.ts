import { startTestApp, type TestApp } from '../../support/test-app';
import { auth } from '../../accounts/helpers';
import { enroll, listActivities, seedAccount, seedCampaign } from './helpers';

let t: TestApp;
let activities: ReturnType<typeof listActivities>;
let admin: { id: string; key: string };
let nina: { id: string; key: string };
let omar: { id: string; key: string };
const accounts: Record<string, string> = {};
let campaignId: string;
let stageId: string;

const STARTED_AT = new Date('2030-01-07T08:00:00.000Z');
const TITLE = 'Call about the spring offer';

/**
 * A campaign whose list (LIST stage 1) holds: Acme (Nina's, two contacts), Bolt (Omar's), Cove (no
 * owner), and accounts that must get no task: Dune (only in the test cell), Echo (archived since),
 * Fern (its listed contact became do-not-contact). Gale is Nina's but only in another campaign's list.
 */
beforeAll(async () => {
  t = await startTestApp();
  activities = listActivities(t.database.db);
  [admin, nina, omar] = await Promise.all([t.userWithKey('admin'), t.userWithKey('manager'), t.userWithKey('manager')]);
  const db = t.database.db;
  const seeded = {
    acme: await seedAccount(db, { name: 'Acme', status: 'POTENTIAL', ownerId: nina.id }, [{ name: 'Ann', email: 'ann@acme.com' }, { name: 'Abe', email: 'abe@acme.com' }]),
    bolt: await seedAccount(db, { name: 'Bolt', status: 'POTENTIAL', ownerId: omar.id }, [{ name: 'Bea', email: 'bea@bolt.com' }]),
    cove: await seedAccount(db, { name: 'Cove' }, [{ name: 'Cy' }]),
    dune: await seedAccount(db, { name: 'Dune', status: 'POTENTIAL', ownerId: nina.id }, [{ name: 'Dan', email: 'dan@dune.com' }]),
    echo: await seedAccount(db, { name: 'Echo', status: 'POTENTIAL', ownerId: nina.id }, [{ name: 'Eve', email: 'eve@echo.com' }]),
    fern: await seedAccount(db, { name: 'Fern', status: 'POTENTIAL', ownerId: nina.id }, [{ name: 'Fay', email: 'fay@fern.com' }]),
    gale: await seedAccount(db, { name: 'Gale', status: 'POTENTIAL', ownerId: nina.id }, [{ name: 'Gus', email: 'gus@gale.com' }]),
  };
  for (const [key, value] of Object.entries(seeded)) accounts[key] = value.id;
  const member = (account: { id: string; contacts: Record<string, string> }, name: string, cell: 'TARGET' | 'TEST' = 'TARGET') => ({ id: account.contacts[name], accountId: account.id, cell });

  const campaign = await seedCampaign(db, [
    { type: 'LIST', settings: { segmentId: '00000000-0000-4000-8000-000000000000' }, status: 'COMPLETED' },
    { type: 'CALL_TASKS', name: 'Telemarketing', settings: { title: TITLE, dueAfter: 'P2D' }, startedAt: STARTED_AT },
  ]);
  ({ campaignId } = campaign);
  stageId = campaign.stageIds[1];
  const { acme, bolt, cove, dune, echo, fern, gale } = seeded;
  await enroll(db, campaignId, campaign.stageIds[0], [
    member(acme, 'Ann'), member(acme, 'Abe'), member(bolt, 'Bea'), member(cove, 'Cy'), member(dune, 'Dan', 'TEST'), member(echo, 'Eve'), member(fern, 'Fay'),
  ]);
  await db.account.update({ where: { id: echo.id }, data: { archivedAt: new Date(), archivedReason: 'junk' } });
  await db.contact.update({ where: { id: fern.contacts.Fay }, data: { doNotContact: true } });
  const other = await seedCampaign(db, [{ type: 'LIST', settings: { segmentId: '00000000-0000-4000-8000-000000000000' } }], 'RUNNING', 'Other');
  await enroll(db, other.campaignId, other.stageIds[0], [member(gale, 'Gus')]);
});
afterAll(() => t.close());

const stageTasks = () => t.database.db.task.findMany({ where: { campaignStageId: stageId }, orderBy: { accountId: 'asc' } });

describe('createCallTasks', () => {
  test('when the stage runs then each target account gets one open call task for its owner, and an account without owner one unassigned task', async () => {
    const counts = await activities.createCallTasks({ campaignId, stageId });

    expect(counts).toEqual({ tasksCreated: 3, unassigned: 1 });
    const tasks = await stageTasks();
    const byAccount = Object.fromEntries(tasks.map((task) => [task.accountId, task]));
    expect(Object.keys(byAccount).sort()).toEqual([accounts.acme, accounts.bolt, accounts.cove].sort());
    expect(byAccount[accounts.acme].assigneeId).toBe(nina.id);
    expect(byAccount[accounts.bolt].assigneeId).toBe(omar.id);
    expect(byAccount[accounts.cove].assigneeId).toBeNull();
    for (const task of tasks) {
      expect(task).toMatchObject({ type: 'CALL', title: TITLE, state: 'OPEN', dueAt: new Date('2030-01-09T08:00:00.000Z'), ruleKey: null, activityId: null, timerId: null });
    }
    expect(byAccount[accounts.acme].why).toEqual({
      source: 'campaign',
      campaignId,
      campaignName: 'Spring offer',
      stageId,
      stagePosition: 1,
      stageName: 'Telemarketing',
      trigger: expect.stringMatching(/campaign “Spring offer”, stage 2 “Telemarketing” \(CALL_TASKS\), started 2030-01-07T08:00:00.000Z/),
      conditions: [expect.stringContaining('target list'), 'Assigned to the account’s owner'],
      dueExplanation: 'P2D after the stage started (2030-01-07T08:00:00.000Z): 2030-01-09T08:00:00.000Z',
    });
    expect(byAccount[accounts.cove].why).toMatchObject({ conditions: [expect.any(String), expect.stringContaining('no owner')] });
    const stage = await t.database.db.campaignStage.findUniqueOrThrow({ where: { id: stageId } });
    expect(stage.result).toEqual({ tasksCreated: 3, unassigned: 1, tasksCreatedAt: expect.any(String) });
  });

  test('when the activity runs again, after its commit or after a crash before it, then no task is created twice', async () => {
    const before = (await stageTasks()).map((task) => task.id);
    expect(await activities.createCallTasks({ campaignId, stageId })).toEqual({ tasksCreated: 3, unassigned: 1 });
    // As if the first attempt's counts were never stored: the unique (stage, account) still holds.
    await t.database.db.campaignStage.update({ where: { id: stageId }, data: { result: {} } });
    const [a, b] = await Promise.all([activities.createCallTasks({ campaignId, stageId }), activities.createCallTasks({ campaignId, stageId })]);
    expect(a).toEqual({ tasksCreated: 3, unassigned: 1 });
    expect(b).toEqual(a);
    expect((await stageTasks()).map((task) => task.id)).toEqual(before);
  });

  test('when the owner lists their tasks or opens the account then the call task says which campaign stage made it', async () => {
    const mine = await t.request.get('/api/v1/tasks').query({ assignee: 'me' }).set(auth(nina.key));
    expect(mine.status).toBe(200);
    expect(mine.body.items).toHaveLength(1);
    const [task] = mine.body.items;
    expect(task).toMatchObject({
      accountId: accounts.acme,
      assigneeId: nina.id,
      type: 'CALL',
      title: TITLE,
      state: 'OPEN',
      dueAt: '2030-01-09T08:00:00.000Z',
      campaignStageId: stageId,
      createdBy: { activityId: null, timerId: null, ruleKey: null, ruleVersion: null },
      why: { source: 'campaign', campaignId, stageId, stagePosition: 1, stageName: 'Telemarketing', campaignName: 'Spring offer' },
    });

    const page = await t.request.get(`/api/v1/accounts/${accounts.acme}`).set(auth(nina.key));
    expect(page.status).toBe(200);
    expect(page.body.openTasks).toEqual([task]);
    const one = await t.request.get(`/api/v1/tasks/${task.id}`).set(auth(nina.key));
    expect(one.body).toEqual(task);
    const omars = await t.request.get('/api/v1/tasks').query({ assignee: omar.id }).set(auth(admin.key));
    expect(omars.body.items.map((item: { accountId: string }) => item.accountId)).toEqual([accounts.bolt]);
    // The unassigned task shows on its account's page.
    const cove = await t.request.get(`/api/v1/accounts/${accounts.cove}`).set(auth(admin.key));
    expect(cove.body.openTasks).toMatchObject([{ assigneeId: null, campaignStageId: stageId, why: { source: 'campaign' } }]);
  });

  test('when the owner completes the call task then it is done and leaves their open tasks', async () => {
    const [task] = (await t.request.get('/api/v1/tasks').set(auth(nina.key))).body.items;
    const done = await t.request.post(`/api/v1/tasks/${task.id}/complete`).set(auth(nina.key));
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ id: task.id, state: 'DONE', campaignStageId: stageId, why: { source: 'campaign' } });
    expect((await t.request.get('/api/v1/tasks').query({ state: 'open' }).set(auth(nina.key))).body.items).toEqual([]);
  });
});
