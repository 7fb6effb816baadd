import supertest from 'supertest';
import { startTestApp, type TestApp } from '../support/test-app';
import { appWithSignIn, sessionOf, type TestSession } from './support/sign-in-app';

let testApp: TestApp;

beforeAll(async () => {
  testApp = await startTestApp();
});
afterAll(() => testApp?.close());

/** Waits until the clock has passed `time` (a session's end): the condition here is time itself. */
const timeReaches = (time: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, time - Date.now() + 50)));
const withSession = (session: TestSession, csrf = true) => ({ Cookie: session.cookie, ...(csrf ? { 'X-CSRF-Token': session.csrfToken } : {}) });
const newAccount = (session: TestSession, headers: Record<string, string> = withSession(session)) =>
  testApp.request.post('/api/v1/accounts').set(headers).send({ name: `Session account ${Date.now()}` });

describe('CSRF protection', () => {
  test('a state-changing request with a session cookie needs the CSRF token in X-CSRF-Token; reads do not', async () => {
    const user = await testApp.userWithKey('manager');
    const session = await sessionOf(testApp, user.id);

    const missing = await newAccount(session, { Cookie: session.cookie });
    expect(missing.status).toBe(403);
    expect(missing.body.error.code).toBe('FORBIDDEN');
    expect(missing.body.error.message).toContain('X-CSRF-Token');
    // Same length, last character changed (to one it surely is not: a random token may end in A).
    const wrongLast = session.csrfToken.endsWith('A') ? 'B' : 'A';
    const wrong = await newAccount(session, { Cookie: session.cookie, 'X-CSRF-Token': `${session.csrfToken.slice(0, -1)}${wrongLast}` });
    expect(wrong.status).toBe(403);
    const otherLength = await newAccount(session, { Cookie: session.cookie, 'X-CSRF-Token': 'short' });
    expect(otherLength.status).toBe(403);
    expect(await testApp.database.db.account.count()).toBe(0);

    const accepted = await newAccount(session);
    expect(accepted.status).toBe(201);
    expect((await testApp.request.get('/api/v1/accounts').set('Cookie', session.cookie)).status).toBe(200);
  });

  test("the CSRF token of another session does not do, and API keys need none", async () => {
    const user = await testApp.userWithKey('manager');
    const [one, two] = [await sessionOf(testApp, user.id), await sessionOf(testApp, user.id)];
    expect((await newAccount(one, { Cookie: one.cookie, 'X-CSRF-Token': two.csrfToken })).status).toBe(403);
    const withKey = await testApp.request.post('/api/v1/accounts').set('Authorization', `Bearer ${user.key}`).send({ name: 'By key' });
    expect(withKey.status).toBe(201);
  });
});

describe('GET /auth/session', () => {
  test("answers the cookie's user, CSRF token and end; without a cookie or with a dead one, 401 (and the dead cookie is cleared)", async () => {
    const user = await testApp.userWithKey('marketer');
    const session = await sessionOf(testApp, user.id);
    const answer = await testApp.request.get('/auth/session').set('Cookie', session.cookie);
    expect(answer.status).toBe(200);
    expect(answer.headers['cache-control']).toBe('no-store');
    expect(answer.body).toMatchObject({ user: { id: user.id, role: 'marketer' }, csrfToken: session.csrfToken });
    // Idle timeout first: 2 h after the last request.
    expect(new Date(answer.body.expiresAt).getTime() - Date.now()).toBeGreaterThan(2 * 3_600_000 - 60_000);
    expect(new Date(answer.body.expiresAt).getTime() - Date.now()).toBeLessThanOrEqual(2 * 3_600_000);

    const none = await testApp.request.get('/auth/session');
    expect(none.status).toBe(401);
    expect(none.body.error.code).toBe('UNAUTHENTICATED');
    for (const cookie of ['crm_session=not-a-token', `crm_session=${'x'.repeat(43)}`]) {
      const dead = await testApp.request.get('/auth/session').set('Cookie', cookie);
      expect(dead.status).toBe(401);
      expect(dead.headers['set-cookie']?.[0]).toMatch(/^crm_session=; Path=\/; Expires=Thu, 01 Jan 1970/);
    }
  });
});

describe('lifetimes', () => {
  test('a session ends SESSION_TTL after sign-in however busy it is (4 s here)', async () => {
    const settings = { ttlMs: 4_000, idleTimeoutMs: 3_600_000 };
    const app = supertest(appWithSignIn(testApp, { sessions: settings }));
    const user = await testApp.userWithKey('manager');
    const session = await sessionOf(testApp, user.id, settings);
    const row = await testApp.database.db.session.findUniqueOrThrow({ where: { id: session.id } });
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBe(4_000);
    expect((await app.get('/api/v1/me').set('Cookie', session.cookie)).status).toBe(200);
    await timeReaches(row.expiresAt.getTime());
    const ended = await app.get('/api/v1/me').set('Cookie', session.cookie);
    expect(ended.status).toBe(401);
    expect(ended.body.error.message).toContain('session has ended');
  });

  test('a session ends SESSION_IDLE_TIMEOUT after its last request (4 s here); lastSeenAt is written at most once a minute', async () => {
    const settings = { ttlMs: 3_600_000, idleTimeoutMs: 4_000 };
    const app = supertest(appWithSignIn(testApp, { sessions: settings }));
    const user = await testApp.userWithKey('manager');
    const session = await sessionOf(testApp, user.id, settings);
    const lastSeen = async () => (await testApp.database.db.session.findUniqueOrThrow({ where: { id: session.id } })).lastSeenAt;
    const created = await lastSeen();
    expect((await app.get('/api/v1/me').set('Cookie', session.cookie)).status).toBe(200);
    expect(await lastSeen()).toEqual(created);

    // Last seen two minutes ago (within the idle timeout of an app that allows an hour): the next request writes it.
    const patient = supertest(appWithSignIn(testApp, { sessions: { ttlMs: 3_600_000, idleTimeoutMs: 3_600_000 } }));
    await testApp.database.db.session.update({ where: { id: session.id }, data: { lastSeenAt: new Date(Date.now() - 120_000) } });
    expect((await patient.get('/api/v1/me').set('Cookie', session.cookie)).status).toBe(200);
    const touched = await lastSeen();
    expect(Date.now() - touched.getTime()).toBeLessThan(5_000);
    expect((await patient.get('/api/v1/me').set('Cookie', session.cookie)).status).toBe(200);
    expect(await lastSeen()).toEqual(touched);

    await timeReaches(touched.getTime() + settings.idleTimeoutMs);
    expect((await app.get('/api/v1/me').set('Cookie', session.cookie)).status).toBe(401);
  });

  test("a deactivated user's session is refused at its next request", async () => {
    const user = await testApp.userWithKey('manager');
    const session = await sessionOf(testApp, user.id);
    expect((await testApp.request.get('/api/v1/me').set('Cookie', session.cookie)).status).toBe(200);
    await testApp.database.db.user.update({ where: { id: user.id }, data: { deactivatedAt: new Date() } });
    expect((await testApp.request.get('/api/v1/me').set('Cookie', session.cookie)).status).toBe(401);
    expect((await testApp.request.get('/auth/session').set('Cookie', session.cookie)).status).toBe(401);
  });
});

describe('listing and revoking', () => {
  test('a user lists their live sessions, the current one marked, and revokes another: its next request is refused', async () => {
    const user = await testApp.userWithKey('marketer');
    const [current, other, ended] = [await sessionOf(testApp, user.id), await sessionOf(testApp, user.id), await sessionOf(testApp, user.id)];
    await testApp.database.db.session.update({ where: { id: ended.id }, data: { revokedAt: new Date() } });
    const someoneElses = await sessionOf(testApp, (await testApp.userWithKey('marketer')).id);

    const list = await testApp.request.get('/api/v1/me/sessions').set('Cookie', current.cookie);
    expect(list.status).toBe(200);
    expect(list.body.items.map((item: { id: string }) => item.id).sort()).toEqual([current.id, other.id].sort());
    expect(list.body.items.find((item: { id: string }) => item.id === current.id)).toMatchObject({ current: true, method: 'EMAIL_LINK', userAgent: 'jest', ipAddress: '127.0.0.1', revokedAt: null });
    expect(list.body.items.find((item: { id: string }) => item.id === other.id).current).toBe(false);
    expect(JSON.stringify(list.body)).not.toContain(current.csrfToken);
    const all = await testApp.request.get('/api/v1/me/sessions?status=all').set('Cookie', current.cookie);
    expect(all.body.items).toHaveLength(3);
    // By API key: the same list, none of them current.
    const byKey = await testApp.request.get('/api/v1/me/sessions').set('Authorization', `Bearer ${user.key}`);
    expect(byKey.body.items.every((item: { current: boolean }) => !item.current)).toBe(true);

    const revoked = await testApp.request.post(`/api/v1/me/sessions/${other.id}/revoke`).set(withSession(current));
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ id: other.id, current: false, revokedAt: expect.any(String) });
    expect((await testApp.request.get('/api/v1/me').set('Cookie', other.cookie)).status).toBe(401);
    expect((await testApp.request.get('/api/v1/me').set('Cookie', current.cookie)).status).toBe(200);

    expect((await testApp.request.post(`/api/v1/me/sessions/${other.id}/revoke`).set(withSession(current))).status).toBe(409);
    expect((await testApp.request.post(`/api/v1/me/sessions/${someoneElses.id}/revoke`).set(withSession(current))).status).toBe(404);
    const badId = await testApp.request.post('/api/v1/me/sessions/not-a-uuid/revoke').set(withSession(current));
    expect(badId.status).toBe(400);
    expect(badId.body.error.details[0].path).toBe('path.sessionId');
    const badQuery = await testApp.request.get('/api/v1/me/sessions?status=dead').set('Cookie', current.cookie);
    expect(badQuery.body.error.details[0].path).toBe('query.status');

    // Revoking the current session signs this browser out.
    expect((await testApp.request.post(`/api/v1/me/sessions/${current.id}/revoke`).set(withSession(current))).body.current).toBe(true);
    expect((await testApp.request.get('/api/v1/me').set('Cookie', current.cookie)).status).toBe(401);
    expect(await testApp.database.db.auditEntry.count({ where: { action: 'session.revoke' } })).toBe(0);
  });

  test("an admin lists and revokes someone's sessions, which the audit log records", async () => {
    const admin = await testApp.userWithKey('admin');
    const user = await testApp.userWithKey('manager');
    const session = await sessionOf(testApp, user.id);
    const list = await testApp.request.get(`/api/v1/users/${user.id}/sessions`).set('Authorization', `Bearer ${admin.key}`);
    expect(list.status).toBe(200);
    expect(list.body.items.map((item: { id: string }) => item.id)).toEqual([session.id]);
    expect((await testApp.request.get(`/api/v1/users/${crypto.randomUUID()}/sessions`).set('Authorization', `Bearer ${admin.key}`)).status).toBe(404);

    const revoked = await testApp.request.post(`/api/v1/users/${user.id}/sessions/${session.id}/revoke`).set('Authorization', `Bearer ${admin.key}`);
    expect(revoked.status).toBe(200);
    expect((await testApp.request.get('/api/v1/me').set('Cookie', session.cookie)).status).toBe(401);
    const row = await testApp.database.db.session.findUniqueOrThrow({ where: { id: session.id } });
    expect(row.revokedById).toBe(admin.id);
    const audit = await testApp.database.db.auditEntry.findMany({ where: { action: 'session.revoke', entityId: session.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: admin.id, entityType: 'session', before: { userId: user.id, revokedAt: null }, after: { userId: user.id, method: 'EMAIL_LINK' } });
    expect(JSON.stringify(audit[0])).not.toContain(session.cookie.split('=')[1]);

    const otherUser = await testApp.userWithKey('manager');
    expect((await testApp.request.post(`/api/v1/users/${otherUser.id}/sessions/${session.id}/revoke`).set('Authorization', `Bearer ${admin.key}`)).status).toBe(404);
    expect((await testApp.request.post(`/api/v1/users/${user.id}/sessions/${session.id}/revoke`).set('Authorization', `Bearer ${admin.key}`)).status).toBe(409);
  });
});

describe('signing out', () => {
  test('needs the CSRF token, revokes the session and clears the cookie; a dead or missing session signs out all the same', async () => {
    const user = await testApp.userWithKey('manager');
    const session = await sessionOf(testApp, user.id);
    expect((await testApp.request.post('/auth/sign-out').set('Cookie', session.cookie)).status).toBe(403);
    expect((await testApp.request.get('/api/v1/me').set('Cookie', session.cookie)).status).toBe(200);

    const out = await testApp.request.post('/auth/sign-out').set(withSession(session));
    expect(out.status).toBe(204);
    expect(out.headers['set-cookie']?.[0]).toMatch(/^crm_session=; Path=\/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Lax$/);
    expect((await testApp.database.db.session.findUniqueOrThrow({ where: { id: session.id } })).revokedById).toBe(user.id);
    expect((await testApp.request.get('/api/v1/me').set('Cookie', session.cookie)).status).toBe(401);

    expect((await testApp.request.post('/auth/sign-out').set('Cookie', session.cookie)).status).toBe(204);
    expect((await testApp.request.post('/auth/sign-out')).status).toBe(204);
  });
});
