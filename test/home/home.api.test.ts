import { randomUUID } from 'node:crypto';
import { planSeeds } from '../plans/progress/plan-seeds';
import { startTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

const auth = (key: string) => ({ Authorization: `Bearer ${key}` });
const kinds = (tiles: { kind: string }[]) => tiles.map((tile) => tile.kind);

describe('the home page’s tiles', () => {
  test('when a user never saved then each role gets its own default', async () => {
    const defaults = await Promise.all(
      (['manager', 'marketer', 'admin'] as const).map(async (role) => {
        const { key } = await t.userWithKey(role);
        const answer = await t.request.get('/api/v1/me/home').set(auth(key));
        expect(answer.status).toBe(200);
        expect(answer.body.saved).toBe(false);
        return kinds(answer.body.tiles);
      }),
    );
    expect(defaults[0]).toEqual(['my-tasks', 'my-pipeline', 'notifications', 'approvals-waiting']);
    expect(defaults[1]).toEqual(['approvals-waiting', 'objectives-progress', 'notifications']);
    expect(defaults[2][0]).toBe('approvals-waiting');
  });

  test('when a user saves tiles then they come back in that order with their settings defaulted', async () => {
    const { key } = await t.userWithKey('manager');
    const query = await t.request.post('/api/v1/queries').set(auth(key)).send({ name: 'Big deals', entity: 'opportunities' });
    expect(query.status).toBe(201);
    const queryId: string = query.body.id;
    const tiles = [
      { kind: 'saved-query', settings: { queryId, display: 'count' } },
      { kind: 'notifications', settings: { limit: 3 } },
      { kind: 'my-pipeline' },
    ];
    const saved = await t.request.put('/api/v1/me/home').set(auth(key)).send({ tiles });
    expect(saved.status).toBe(200);
    const read = await t.request.get('/api/v1/me/home').set(auth(key));
    expect(read.body).toEqual({
      saved: true,
      tiles: [
        { kind: 'saved-query', settings: { queryId, display: 'count', limit: 5 } },
        { kind: 'notifications', settings: { limit: 3 } },
        { kind: 'my-pipeline', settings: {} },
      ],
    });
  });

  test('when a tile is bad then the 400 names its path and the saved page stays', async () => {
    const { key } = await t.userWithKey('manager');
    await t.request.put('/api/v1/me/home').set(auth(key)).send({ tiles: [{ kind: 'notifications' }] }).expect(200);
    const bad = await t.request
      .put('/api/v1/me/home')
      .set(auth(key))
      .send({ tiles: [{ kind: 'my-tasks', settings: { limit: 0 } }, { kind: 'saved-query', settings: { queryId: 'nope', display: 'chart', colour: 'red' } }, { kind: 'weather' }] });
    expect(bad.status).toBe(400);
    const paths = (bad.body.error.details as { path: string }[]).map((detail) => detail.path).sort();
    expect(paths).toEqual(['body.tiles.0.settings.limit', 'body.tiles.1.settings.colour', 'body.tiles.1.settings.display', 'body.tiles.1.settings.queryId', 'body.tiles.2.kind']);
    const read = await t.request.get('/api/v1/me/home').set(auth(key));
    expect(kinds(read.body.tiles)).toEqual(['notifications']);
  });

  test('when a tile names a saved query the user may not see then the 400 names its queryId', async () => {
    const owner = await t.userWithKey('manager');
    const stranger = await t.userWithKey('manager');
    const query = await t.request.post('/api/v1/queries').set(auth(owner.key)).send({ name: 'Private deals', entity: 'opportunities', visibility: 'private' });
    for (const queryId of [query.body.id, randomUUID()]) {
      const answer = await t.request.put('/api/v1/me/home').set(auth(stranger.key)).send({ tiles: [{ kind: 'saved-query', settings: { queryId, display: 'sum' } }] });
      expect(answer.status).toBe(400);
      expect(answer.body.error.details.map((detail: { path: string }) => detail.path)).toEqual(['body.tiles.0.settings.queryId']);
    }
  });

  test('when a sum is asked of a query without amounts then the 400 names its display', async () => {
    const { key } = await t.userWithKey('marketer');
    const query = await t.request.post('/api/v1/queries').set(auth(key)).send({ name: 'All accounts', entity: 'accounts' });
    expect(query.status).toBe(201);
    const answer = await t.request.put('/api/v1/me/home').set(auth(key)).send({ tiles: [{ kind: 'saved-query', settings: { queryId: query.body.id, display: 'sum' } }] });
    expect(answer.status).toBe(400);
    expect(answer.body.error.details).toEqual([{ path: 'body.tiles.0.settings.display', message: 'a query of accounts has no amounts to sum: show it as a list or a count' }]);
    await t.request.put('/api/v1/me/home').set(auth(key)).send({ tiles: [{ kind: 'saved-query', settings: { queryId: query.body.id, display: 'count' } }] }).expect(200);
  });

  test('when a marketer asks for a task tile then the 400 names the tile’s kind', async () => {
    const { key } = await t.userWithKey('marketer');
    const answer = await t.request.put('/api/v1/me/home').set(auth(key)).send({ tiles: [{ kind: 'notifications' }, { kind: 'my-tasks' }] });
    expect(answer.status).toBe(400);
    expect(answer.body.error.details).toEqual([{ path: 'body.tiles.1.kind', message: 'a marketer has no tasks: choose another kind of tile' }]);
  });
});

describe('the tiles’ data', () => {
  test('when a manager has deals in two currencies then the pipeline sums each stage in their currency and shows the other beside it', async () => {
    const manager = await t.userWithKey('manager');
    const other = await t.userWithKey('manager');
    const db = t.database.db;
    await t.request.put('/api/v1/me/preferences').set(auth(manager.key)).send({ currency: 'USD' }).expect(200);
    const mine = await db.account.create({ data: { name: 'Mine', ownerId: manager.id, status: 'POTENTIAL' } });
    const theirs = await db.account.create({ data: { name: 'Theirs', ownerId: other.id, status: 'POTENTIAL' } });
    const deal = (accountId: string, amount: number, currency: string, stage: 'PROPOSAL' | 'WON' | 'PROSPECTING') =>
      db.opportunity.create({ data: { accountId, name: `Deal ${amount}`, amount, currency, stage, createdById: manager.id } });
    await Promise.all([deal(mine.id, 1000, 'USD', 'PROPOSAL'), deal(mine.id, 250.5, 'USD', 'PROPOSAL'), deal(mine.id, 900, 'EUR', 'PROPOSAL'), deal(mine.id, 5000, 'USD', 'WON'), deal(theirs.id, 7, 'USD', 'PROSPECTING')]);

    const answer = await t.request.get('/api/v1/me/pipeline').set(auth(manager.key));
    expect(answer.status).toBe(200);
    expect(answer.body.currency).toBe('USD');
    const proposal = answer.body.stages.find((stage: { stage: string }) => stage.stage === 'PROPOSAL');
    expect(proposal).toEqual({ stage: 'PROPOSAL', count: 3, amount: 1250.5, otherCurrencies: [{ currency: 'EUR', count: 1, amount: 900 }] });
    expect(answer.body.stages.map((stage: { stage: string }) => stage.stage)).toEqual(['PROSPECTING', 'QUALIFICATION', 'PROPOSAL', 'NEGOTIATION']);
    expect(answer.body.stages[0].count).toBe(0);
  });

  test('when a manager has overdue tasks and tasks due later today in their zone then both are counted', async () => {
    const manager = await t.userWithKey('manager');
    const db = t.database.db;
    // Kiritimati is 14 hours ahead of UTC: "today" there ends at 10:00 UTC, whatever time it is, at most 24 h from now.
    await t.request.put('/api/v1/me/preferences').set(auth(manager.key)).send({ timeZone: 'Pacific/Kiritimati' }).expect(200);
    const account = await db.account.create({ data: { name: 'Tasks', ownerId: manager.id, status: 'POTENTIAL' } });
    const task = (dueAt: Date, state: 'OPEN' | 'DONE' = 'OPEN') => db.task.create({ data: { accountId: account.id, assigneeId: manager.id, type: 'CALL', title: 'Call', dueAt, state, why: {} } });
    const hour = 3_600_000;
    const endOfToday = new Date(new Date().toLocaleString('en-US', { timeZone: 'Pacific/Kiritimati' }));
    const hoursLeft = 24 - endOfToday.getHours();
    await Promise.all([task(new Date(Date.now() - 2 * hour)), task(new Date(Date.now() - 30 * hour)), task(new Date(Date.now() - hour), 'DONE'), task(new Date(Date.now() + (hoursLeft + 2) * hour))]);
    if (hoursLeft > 1) await task(new Date(Date.now() + 30 * 60_000));

    const answer = await t.request.get('/api/v1/me/task-counts').set(auth(manager.key));
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ overdue: 2, dueToday: hoursLeft > 1 ? 1 : 0, timeZone: 'Pacific/Kiritimati' });
  });

  test('when notifications are marked read then the unread list and count shrink', async () => {
    const user = await t.userWithKey('marketer');
    const db = t.database.db;
    const created = await Promise.all(
      ['first', 'second', 'third'].map((message) => db.notification.create({ data: { recipientId: user.id, message, why: {}, dedupeKey: randomUUID() }, select: { id: true } })),
    );
    const unread = await t.request.get('/api/v1/notifications?unread=true').set(auth(user.key));
    expect(unread.body.unread).toBe(3);
    const marked = await t.request.post('/api/v1/notifications/read').set(auth(user.key)).send({ ids: [created[0].id] });
    expect(marked.body).toEqual({ marked: 1, unread: 2 });
    const after = await t.request.get('/api/v1/notifications?unread=true').set(auth(user.key));
    expect(after.body.items.map((item: { message: string }) => item.message).sort()).toEqual(['second', 'third']);
    // Another user's notification cannot be marked by this one.
    const stranger = await t.userWithKey('marketer');
    await expect(t.request.post('/api/v1/notifications/read').set(auth(stranger.key)).send({ ids: [created[1].id] }).then((answer) => answer.body.marked)).resolves.toBe(0);
    await expect(t.request.post('/api/v1/notifications/read').set(auth(user.key)).send({}).then((answer) => answer.body)).resolves.toEqual({ marked: 2, unread: 0 });
  });

  test('when a user wrote a plan then its objectives and those they created come with their progress; expired plans do not', async () => {
    const author = await t.userWithKey('marketer');
    const stranger = await t.userWithKey('marketer');
    const seeds = planSeeds(t);
    const plan = await seeds.plan(author.id, { name: 'Northern push' });
    const expired = await seeds.plan(author.id, { status: 'EXPIRED' });
    const visits = await seeds.objective(plan.id, { name: 'Four visits', target: 4 });
    await seeds.objective(expired.id, { name: 'Old objective' });
    const strangersPlan = await seeds.plan(stranger.id);
    const created = await t.database.db.objective.create({ data: { planId: strangersPlan.id, name: 'Mine in their plan', kind: 'CALLS', target: 10, unit: 'calls', createdById: author.id } });
    await seeds.objective(strangersPlan.id, { name: 'Not mine' });
    const account = await seeds.ownedAccount(author.id);
    await seeds.appliedActivities(account.id, author.id, 3, { objectiveId: visits.id });

    const answer = await t.request.get('/api/v1/me/objectives').set(auth(author.key));
    expect(answer.status).toBe(200);
    expect(answer.body.total).toBe(2);
    expect(answer.body.items).toEqual([
      { objectiveId: created.id, name: 'Mine in their plan', planId: strangersPlan.id, planName: strangersPlan.name, target: 10, unit: 'calls', done: 0, ratio: 0 },
      { objectiveId: visits.id, name: 'Four visits', planId: plan.id, planName: 'Northern push', target: 4, unit: 'visits', done: 3, ratio: 0.75 },
    ]);
  });
});
