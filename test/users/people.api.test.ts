import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from '../support/test-app';
import { as, auditOf, detailPaths, openSession, type Person } from './helpers';

let t: TestApp;
let admin: Person;

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.userWithKey('admin');
});
afterAll(() => t.close());

const patch = (id: string, body: object) => t.request.patch(`/api/v1/users/${id}`).set(as(admin)).send(body);
// Everything a user edit could change; the welcome e-mail's workflow stamps welcomeEmailSentAt on its own time.
const users = () => t.database.db.user.findMany({ orderBy: { id: 'asc' }, omit: { welcomeEmailSentAt: true } });
const directory = async (status?: string) =>
  (await t.request.get('/api/v1/users').query(status ? { status } : {}).set(as(admin)).expect(200)).body.items.map((user: { id: string }) => user.id);

// First in the file: the caller is then the only admin there is.
test('when the last active admin would stop being admin, or an admin deactivates themselves, then 409 and nothing changes', async () => {
  expect(await t.database.db.user.count({ where: { role: 'admin', deactivatedAt: null } })).toBe(1);
  const before = await users();
  const demoted = await patch(admin.id, { role: 'manager' });
  expect(demoted.status).toBe(409);
  expect(demoted.body.error).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('last active admin') });
  const self = await t.request.post(`/api/v1/users/${admin.id}/deactivate`).set(as(admin)).send({});
  expect(self.status).toBe(409);
  expect(self.body.error.message).toMatch(/yourself/);
  expect(await users()).toEqual(before);
  expect(await t.database.db.auditEntry.count()).toBe(0);

  // With a second admin, the first may step down.
  const second = await t.request.post('/api/v1/users').set(as(admin)).send({ email: `second.admin.${Date.now()}@example.com`, name: 'Second Admin', role: 'admin' });
  expect(second.status).toBe(201);
  const demotedNow = await patch(second.body.user.id, { role: 'manager' });
  expect(demotedNow.status).toBe(200);
  expect(demotedNow.body.role).toBe('manager');
});

test('when an admin renames a user, changes their role and names their manager then the view and the directory show it, and the audit keeps before and after of the changed fields only', async () => {
  const boss = await t.userWithKey('manager');
  const user = await t.userWithKey('manager');
  const changed = await patch(user.id, { name: 'Rita Renamed', role: 'marketer', managerId: boss.id });
  expect(changed.status).toBe(200);
  expect(changed.body).toEqual({ id: user.id, email: expect.any(String), name: 'Rita Renamed', role: 'marketer', managerId: boss.id, deactivatedAt: null, createdAt: expect.any(String) });
  expect((await t.request.get('/api/v1/users').query({ role: 'marketer' }).set(as(admin))).body.items).toContainEqual(changed.body);
  expect((await t.request.get('/api/v1/me').set(as(user))).body).toEqual(changed.body);

  // Nothing that differs: nothing written.
  expect((await patch(user.id, { name: 'Rita Renamed', managerId: boss.id })).status).toBe(200);
  expect((await patch(user.id, {})).body).toEqual(changed.body);
  const removed = await patch(user.id, { managerId: null });
  expect(removed.body.managerId).toBeNull();

  const audit = await auditOf(t, user.id);
  expect(audit.map(({ action, actorId, before, after }) => ({ action, actorId, before, after }))).toEqual([
    { action: 'user.update', actorId: admin.id, before: { name: 'Test manager', role: 'manager', managerId: null }, after: { name: 'Rita Renamed', role: 'marketer', managerId: boss.id } },
    { action: 'user.update', actorId: admin.id, before: { managerId: boss.id }, after: { managerId: null } },
  ]);
});

describe('a manager who cannot be', () => {
  let top: Person;
  let middle: Person;
  let low: Person;
  let gone: Person;

  beforeAll(async () => {
    [top, middle, low, gone] = await Promise.all([t.userWithKey('manager'), t.userWithKey('manager'), t.userWithKey('manager'), t.userWithKey('manager')]);
    expect((await patch(middle.id, { managerId: top.id })).status).toBe(200);
    expect((await patch(low.id, { managerId: middle.id })).status).toBe(200);
    await t.database.db.user.update({ where: { id: gone.id }, data: { deactivatedAt: new Date() } });
  });

  test.each([
    ['the user themselves', () => [top.id, top.id], /another user/],
    ['someone they manage directly (a cycle)', () => [middle.id, low.id], /cycle/],
    ['someone they manage through another (a cycle)', () => [top.id, low.id], /cycle/],
    ['nobody', () => [low.id, randomUUID()], /names no user/],
    ['a deactivated user', () => [low.id, gone.id], /deactivated/],
  ])('when the manager named is %s then 400 names body.managerId and nothing changes', async (_case, ids, message) => {
    const [userId, managerId] = ids();
    const before = await users();
    const audits = await t.database.db.auditEntry.count();
    const response = await patch(userId, { name: 'Should Not Stick', managerId });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('VALIDATION_FAILED');
    expect(detailPaths(response.body)).toEqual(['body.managerId']);
    expect(response.body.error.details[0].message).toMatch(message);
    expect(await users()).toEqual(before);
    expect(await t.database.db.auditEntry.count()).toBe(audits);
  });

  test('when the manager moves sideways in the chain then it is accepted', async () => {
    const moved = await patch(low.id, { managerId: top.id });
    expect(moved.status).toBe(200);
    expect(moved.body.managerId).toBe(top.id);
  });
});

test.each([
  ['an unknown field', { nickname: 'x' }, ['body.nickname']],
  ['an unknown role', { role: 'owner' }, ['body.role']],
  ['an empty name', { name: '  ' }, ['body.name']],
  ['a managerId that is not a uuid', { managerId: 'boss' }, ['body.managerId']],
])('when PATCH /users/:id has %s then 400 names it', async (_case, body, paths) => {
  const response = await patch(admin.id, body);
  expect(response.status).toBe(400);
  expect(detailPaths(response.body)).toEqual(paths);
});

test('when an admin deactivates a manager then their key fails at its next request, their sessions end, they leave the directory and their pending approvals go to their manager; reactivated, their key works again', async () => {
  const boss = await t.userWithKey('manager');
  const leaver = await t.userWithKey('manager');
  const author = await t.userWithKey('marketer');
  expect((await patch(leaver.id, { managerId: boss.id })).status).toBe(200);
  expect((await t.request.get('/api/v1/me').set(as(leaver))).status).toBe(200);
  const live = await openSession(t, leaver.id);
  const ended = await openSession(t, leaver.id);
  await t.database.db.session.update({ where: { id: ended.id }, data: { revokedAt: new Date(Date.now() - 60_000) } });
  const year = new Date().getUTCFullYear() + 1;
  const plan = await t.request.post('/api/v1/plans').set(as(author)).send({ name: `Leaver's plan ${Date.now()}`, periodStart: `${year}-01-01`, periodEnd: `${year}-12-31`, approverIds: [leaver.id] });
  expect(plan.status).toBe(201);
  expect((await t.request.post(`/api/v1/plans/${plan.body.id}/submit`).set(as(author))).status).toBe(200);

  const deactivated = await t.request.post(`/api/v1/users/${leaver.id}/deactivate`).set(as(admin)).send({ reason: 'left the company' });
  expect(deactivated.status).toBe(200);
  expect(deactivated.body).toEqual({
    user: expect.objectContaining({ id: leaver.id, deactivatedAt: expect.any(String) }),
    sessionsEnded: 1,
    approvalsRerouted: { campaignStages: 0, plans: 1 },
  });

  const refused = await t.request.get('/api/v1/me').set(as(leaver));
  expect(refused.status).toBe(401);
  expect(refused.body.error).toEqual({ code: 'UNAUTHENTICATED', message: 'The user of this API key is deactivated', details: [] });
  expect(await t.database.db.session.findUniqueOrThrow({ where: { id: live.id } })).toMatchObject({ revokedAt: expect.any(Date), revokedById: admin.id });
  expect(await directory()).not.toContain(leaver.id);
  expect(await directory('deactivated')).toContain(leaver.id);
  expect(await directory('all')).toEqual(expect.arrayContaining([leaver.id, boss.id]));
  const rerouted = await t.request.get(`/api/v1/plans/${plan.body.id}`).set(as(author));
  expect(rerouted.body.approverIds).toEqual([boss.id]);

  // Nobody makes them a manager, nor gives them work, while they are away.
  const asManager = await patch(boss.id, { managerId: leaver.id });
  expect(detailPaths(asManager.body)).toEqual(['body.managerId']);
  const asTarget = await t.request.post(`/api/v1/users/${boss.id}/reassign`).set(as(admin)).send({ toUserId: leaver.id });
  expect(asTarget.status).toBe(400);
  expect(detailPaths(asTarget.body)).toEqual(['body.toUserId']);
  expect((await t.request.post(`/api/v1/users/${leaver.id}/deactivate`).set(as(admin)).send({})).status).toBe(409);

  const reactivated = await t.request.post(`/api/v1/users/${leaver.id}/reactivate`).set(as(admin));
  expect(reactivated.status).toBe(200);
  expect(reactivated.body.user).toMatchObject({ id: leaver.id, deactivatedAt: null });
  expect((await t.request.get('/api/v1/me').set(as(leaver))).status).toBe(200);
  expect((await t.database.db.session.findUniqueOrThrow({ where: { id: live.id } })).revokedAt).not.toBeNull();
  expect((await t.request.post(`/api/v1/users/${leaver.id}/reactivate`).set(as(admin))).status).toBe(409);

  const audit = (await auditOf(t, leaver.id)).filter((entry) => entry.action !== 'user.update');
  expect(audit.map(({ action, actorId, before, after, reason }) => ({ action, actorId, before, after, reason }))).toEqual([
    { action: 'user.deactivate', actorId: admin.id, before: { deactivatedAt: null }, after: { deactivatedAt: deactivated.body.user.deactivatedAt, sessionsEnded: 1 }, reason: 'left the company' },
    { action: 'user.reactivate', actorId: admin.id, before: { deactivatedAt: deactivated.body.user.deactivatedAt }, after: { deactivatedAt: null }, reason: null },
  ]);
});

test.each([
  ['get', ''],
  ['patch', ''],
  ['post', '/deactivate'],
  ['post', '/reactivate'],
  ['post', '/reassign'],
] as const)('when %s /users/:id%s names no user then 404', async (method, suffix) => {
  const request = t.request[method](`/api/v1/users/${randomUUID()}${suffix}`).set(as(admin));
  const response = await (method === 'get' ? request : request.send(suffix === '/reassign' ? { toUserId: admin.id } : {}));
  expect(response.status).toBe(404);
  expect(response.body.error.code).toBe('NOT_FOUND');
});
