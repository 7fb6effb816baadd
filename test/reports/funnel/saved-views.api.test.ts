import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from '../../support/test-app';

let t: TestApp;
let nina: { id: string; key: string };
let omar: { id: string; key: string };

const auth = (key: string) => ({ Authorization: `Bearer ${key}` });
const paths = (body: { error: { details: { path: string }[] } }) => body.error.details.map((detail) => detail.path).sort();
const save = (key: string, body: object) => t.request.post('/api/v1/views').set(auth(key)).send(body);
const run = (key: string, id: string) => t.request.get(`/api/v1/views/${id}/run`).set(auth(key));
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  t = await startTestApp();
  [nina, omar] = await Promise.all([t.userWithKey('manager'), t.userWithKey('manager')]);
});
afterAll(() => t.close());

/** An account owned by `ownerId` in `status`, written straight into the database. */
const account = (ownerId: string, status: 'POTENTIAL' | 'REFUSED' | 'LOST' | 'CLIENT' = 'POTENTIAL', name = `Account ${randomUUID().slice(0, 6)}`) =>
  t.database.db.account.create({ data: { name, ownerId, status } });

test('when a manager saves "deals closing" then running it lists their open deals expected within the days, soonest first', async () => {
  const mine = await account(nina.id, 'POTENTIAL', 'Nina Deals');
  const omars = await account(omar.id, 'POTENTIAL', 'Omar Deals');
  const deal = async (key: string, accountId: string, name: string, expectedCloseDate: string, stage = 'PROPOSAL') => {
    const response = await t.request.post('/api/v1/opportunities').set(auth(key)).send({ accountId, name, amount: 1250.5, currency: 'EUR', stage, expectedCloseDate });
    expect(response.status).toBe(201);
    return response.body.id as string;
  };
  const soon = await deal(nina.key, mine.id, 'Soon', day(3));
  const later = await deal(nina.key, mine.id, 'Later', day(20));
  await deal(nina.key, mine.id, 'Too late', day(40));
  await deal(nina.key, mine.id, 'Already won', day(2), 'WON');
  await deal(omar.key, omars.id, 'Not mine', day(2));

  const saved = await save(nina.key, { name: 'Closing this month', kind: 'deals-closing' });
  expect(saved.status).toBe(201);
  expect(saved.body).toMatchObject({ name: 'Closing this month', kind: 'deals-closing', params: { days: 30 } });
  const result = await run(nina.key, saved.body.id);
  expect(result.status).toBe(200);
  expect(result.body.view).toEqual(saved.body);
  expect(result.body.total).toBe(2);
  expect(result.body.items).toEqual([
    { id: soon, name: 'Soon', accountId: mine.id, accountName: 'Nina Deals', amount: 1250.5, currency: 'EUR', stage: 'PROPOSAL', expectedCloseDate: day(3), ownerId: nina.id },
    expect.objectContaining({ id: later, expectedCloseDate: day(20) }),
  ]);

  const week = await save(nina.key, { name: 'This week', kind: 'deals-closing', params: { days: 7 } });
  expect((await run(nina.key, week.body.id)).body).toMatchObject({ total: 1, items: [{ id: soon }] });
});

test('when a manager saves "overdue tasks" then running it lists their open tasks past due', async () => {
  const mine = await account(nina.id, 'POTENTIAL', 'Nina Tasks');
  const task = (assigneeId: string, title: string, dueInHours: number, state: 'OPEN' | 'DONE' = 'OPEN') =>
    t.database.db.task.create({ data: { accountId: mine.id, assigneeId, type: 'CALL', title, dueAt: new Date(Date.now() + dueInHours * 3_600_000), state, why: {} } });
  const oldest = await task(nina.id, 'Call back', -48);
  const recent = await task(nina.id, 'Send offer', -1);
  await task(nina.id, 'Tomorrow', 24);
  await task(nina.id, 'Done already', -5, 'DONE');
  await task(omar.id, 'Omar overdue', -5);

  const saved = await save(nina.key, { name: 'Overdue', kind: 'overdue-tasks', params: {} });
  expect(saved.body).toMatchObject({ kind: 'overdue-tasks', params: {} });
  const result = await run(nina.key, saved.body.id);
  expect(result.body.total).toBe(2);
  expect(result.body.items).toEqual([
    { id: oldest.id, accountId: mine.id, accountName: 'Nina Tasks', type: 'CALL', title: 'Call back', dueAt: oldest.dueAt.toISOString() },
    expect.objectContaining({ id: recent.id, title: 'Send offer' }),
  ]);
  // Omar's own run sees his task only.
  const omars = await save(omar.key, { name: 'Overdue', kind: 'overdue-tasks' });
  expect(omars.status).toBe(201);
  expect((await run(omar.key, omars.body.id)).body).toMatchObject({ total: 1, items: [{ title: 'Omar overdue' }] });
});

test('when a manager saves "re-contact due" then running it lists their refused and lost accounts whose re-contact timer fires in the period', async () => {
  const now = new Date();
  const monthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1, 0, 0, 1));
  const inTenDays = new Date(now.getTime() + 10 * 86_400_000);
  const timer = (accountId: string, fireAt: Date, state: 'PENDING' | 'CANCELLED' = 'PENDING', kind = 'recontact') =>
    t.database.db.timer.create({ data: { accountId, kind, fireAt, state, onFire: {}, why: {} } });
  const refused = await account(nina.id, 'REFUSED', 'Refused Early');
  const lost = await account(nina.id, 'LOST', 'Lost Soon');
  const client = await account(nina.id, 'CLIENT', 'Client Again');
  const omars = await account(omar.id, 'REFUSED', 'Omar Refused');
  const early = await timer(refused.id, monthStart);
  const soon = await timer(lost.id, inTenDays);
  await timer(refused.id, new Date(now.getTime() + 40 * 86_400_000));
  await timer(lost.id, new Date(now.getTime() + 86_400_000), 'CANCELLED');
  await timer(lost.id, new Date(now.getTime() + 86_400_000), 'PENDING', 'escalation');
  await timer(client.id, new Date(now.getTime() + 86_400_000));
  await timer(omars.id, new Date(now.getTime() + 86_400_000));

  const thisMonth = await save(nina.key, { name: 'Re-contact this month', kind: 'recontact-due' });
  expect(thisMonth.body.params).toEqual({ period: 'this-month' });
  const sameMonth = inTenDays.getUTCMonth() === now.getUTCMonth();
  const monthRun = await run(nina.key, thisMonth.body.id);
  expect(monthRun.body.items).toEqual([
    { timerId: early.id, accountId: refused.id, accountName: 'Refused Early', status: 'REFUSED', fireAt: monthStart.toISOString() },
    ...(sameMonth ? [{ timerId: soon.id, accountId: lost.id, accountName: 'Lost Soon', status: 'LOST', fireAt: inTenDays.toISOString() }] : []),
  ]);
  expect(monthRun.body.total).toBe(sameMonth ? 2 : 1);

  const next30 = await save(nina.key, { name: 'Re-contact next 30 days', kind: 'recontact-due', params: { period: 'next-30-days' } });
  expect((await run(nina.key, next30.body.id)).body).toMatchObject({ total: 1, items: [{ timerId: soon.id, status: 'LOST' }] });
});

test('when a view is saved with bad params then it answers 400 naming each bad field, and nothing is saved', async () => {
  const before = await t.database.db.savedView.count();
  const bad = async (body: object, expected: string[]) => {
    const response = await save(nina.key, body);
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('VALIDATION_FAILED');
    expect(paths(response.body)).toEqual(expected);
  };
  await bad({ name: 'Zero', kind: 'deals-closing', params: { days: 0 } }, ['body.params.days']);
  await bad({ name: 'Too far', kind: 'deals-closing', params: { days: 366 } }, ['body.params.days']);
  await bad({ name: 'Text', kind: 'deals-closing', params: { days: '30' } }, ['body.params.days']);
  await bad({ name: 'Extra', kind: 'overdue-tasks', params: { days: 3 } }, ['body.params.days']);
  await bad({ name: 'Yesterday', kind: 'recontact-due', params: { period: 'yesterday' } }, ['body.params.period']);
  await bad({ name: 'Unknown', kind: 'hot-leads' }, ['body.kind']);
  await bad({ kind: 'overdue-tasks', colour: 'red' }, ['body.colour', 'body.name']);
  expect(await t.database.db.savedView.count()).toBe(before);
});

test("when a user saves a name twice then 409; another user's views are invisible and cannot be run or deleted", async () => {
  const first = await save(nina.key, { name: 'Mine only', kind: 'overdue-tasks' });
  expect(first.status).toBe(201);
  const twice = await save(nina.key, { name: 'Mine only', kind: 'deals-closing', params: { days: 10 } });
  expect(twice.status).toBe(409);
  expect(twice.body.error.code).toBe('CONFLICT');
  expect(paths(twice.body)).toEqual(['body.name']);
  // The same name is free for another user.
  expect((await save(omar.key, { name: 'Mine only', kind: 'overdue-tasks' })).status).toBe(201);

  const ninas = (await t.request.get('/api/v1/views').set(auth(nina.key))).body.items.map((view: { name: string }) => view.name);
  expect(ninas).toContain('Mine only');
  const omars = (await t.request.get('/api/v1/views').set(auth(omar.key))).body.items;
  expect(omars.map((view: { id: string }) => view.id)).not.toContain(first.body.id);
  expect(omars.map((view: { name: string }) => view.name)).toEqual([...omars.map((view: { name: string }) => view.name)].sort());

  expect((await run(omar.key, first.body.id)).status).toBe(404);
  expect((await t.request.delete(`/api/v1/views/${first.body.id}`).set(auth(omar.key))).status).toBe(404);
  expect((await run(nina.key, first.body.id)).status).toBe(200);
  expect((await t.request.delete(`/api/v1/views/${first.body.id}`).set(auth(nina.key))).status).toBe(204);
  expect((await run(nina.key, first.body.id)).status).toBe(404);
  expect((await t.request.delete(`/api/v1/views/${first.body.id}`).set(auth(nina.key))).status).toBe(404);
  expect((await run(nina.key, 'not-a-uuid')).status).toBe(400);
});
