import { createHash } from 'node:crypto';
import supertest from 'supertest';
import { signInLinkWorkflowId } from '../../workflows/sign-in-link.workflow';
import { eventually } from '../support/eventually';
import { recordHistory } from '../support/histories';
import { receivedMail, waitForMail } from '../support/mailbox';
import { startTestApp, TEST_PUBLIC_URL, type TestApp } from '../support/test-app';
import { appWithSignIn, recordingLogger, sessionCookieSet } from './support/sign-in-app';

let testApp: TestApp;

beforeAll(async () => {
  testApp = await startTestApp();
});
afterAll(() => testApp?.close());
// Every request here comes from 127.0.0.1: each test starts with that address's window of link requests empty.
beforeEach(() => testApp.database.db.rateLimitWindow.deleteMany({ where: { key: { startsWith: 'email-link:' } } }));

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
let people = 0;
const newUser = async (role: 'admin' | 'manager' | 'marketer' = 'manager') => {
  const email = `link-${++people}-${Date.now()}@example.com`;
  const { id, key } = await testApp.userWithKey(role, email);
  return { id, key, email };
};

/** Asks for a link as the console does, and answers the token of the link its e-mail carries. */
async function requestLink(email: string, request = testApp.request): Promise<string> {
  const address = email.toLowerCase();
  const before = (await receivedMail()).filter((message) => message.to.includes(address)).length;
  const answer = await request.post('/auth/email-link').send({ email });
  expect(answer.status).toBe(202);
  // Newest first: the e-mail of this request.
  const [mail] = await waitForMail((message) => message.to.includes(address), before + 1);
  const match = new RegExp(`${TEST_PUBLIC_URL}/auth/email-link/([A-Za-z0-9_-]{43})`).exec(mail.text ?? '');
  expect(match).not.toBeNull();
  return match![1];
}

describe('asking for a link', () => {
  test('answers 202 with the same body for an active user, an unknown address and a deactivated user, and e-mails only the active one', async () => {
    const { logger, lines } = recordingLogger();
    const app = supertest(appWithSignIn(testApp, {}, TEST_PUBLIC_URL, logger));
    const active = await newUser();
    const deactivated = await newUser();
    await testApp.database.db.user.update({ where: { id: deactivated.id }, data: { deactivatedAt: new Date() } });
    const answers = await Promise.all([active.email, `nobody-${Date.now()}@example.com`, deactivated.email].map((email) => app.post('/auth/email-link').send({ email })));
    expect(answers.map((answer) => answer.status)).toEqual([202, 202, 202]);
    expect(new Set(answers.map((answer) => JSON.stringify(answer.body))).size).toBe(1);
    expect(answers[0].body.message).toBe('If this address belongs to an active user, a sign-in link is on its way. It works once, for 15 minutes.');

    await eventually(async () => expect(lines().filter((line) => line.msg.startsWith('sign-in link')).map((line) => line.outcome).sort()).toEqual(['no-active-user', 'no-active-user', 'sent']));
    await waitForMail((message) => message.to.includes(active.email));
    expect(await testApp.database.db.signInLink.count({ where: { userId: { in: [active.id, deactivated.id] } } })).toBe(1);
  });

  test('the address is matched whatever its case, and bad input is a 400 naming the field or a 415', async () => {
    const user = await newUser();
    await requestLink(user.email.toUpperCase());

    const bad = await testApp.request.post('/auth/email-link').send({ email: 'not-an-address' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    expect(bad.body.error.details.map((detail: { path: string }) => detail.path)).toEqual(['body.email']);
    const extra = await testApp.request.post('/auth/email-link').send({ email: user.email, role: 'admin' });
    expect(extra.body.error.details.map((detail: { path: string }) => detail.path)).toEqual(['body.role']);
    const form = await testApp.request.post('/auth/email-link').type('form').send({ email: user.email });
    expect(form.status).toBe(415);
  });

  test('the link is written as a hash with its expiry, its e-mail keeps the token only until sent, and a workflow delivered it', async () => {
    const user = await newUser();
    const before = Date.now();
    const token = await requestLink(user.email);
    const link = await testApp.database.db.signInLink.findFirstOrThrow({ where: { userId: user.id } });
    expect(link.tokenHash).toBe(sha256(token));
    expect(link.usedAt).toBeNull();
    expect(link.expiresAt.getTime() - before).toBeGreaterThan(14 * 60_000);
    expect(link.expiresAt.getTime() - before).toBeLessThanOrEqual(15 * 60_000 + 5_000);

    const email = await eventually(async () => {
      const row = await testApp.database.db.outboundEmail.findUniqueOrThrow({ where: { signInLinkId: link.id } });
      expect(row.sentAt).not.toBeNull();
      return row;
    });
    expect(email).toMatchObject({ kind: 'SIGN_IN_LINK', secret: null, recipientEmail: user.email });

    const handle = testApp.temporal.client.workflow.getHandle(signInLinkWorkflowId(link.id));
    await expect(handle.result()).resolves.toEqual({ sent: 1, skipped: 0 });
    // The history holds the outbox row's id: neither the token nor the address.
    const history = JSON.stringify(await handle.fetchHistory());
    for (const secret of [token, user.email]) {
      expect(history).not.toContain(secret);
      expect(history).not.toContain(Buffer.from(JSON.stringify(secret)).toString('base64').slice(0, 20));
    }
    await recordHistory(handle, 'sign-in-link', 'sent');
  });

  test('past five links within a link lifetime, a user gets no more e-mails (the answer stays the same), even asked for all at once', async () => {
    const { logger, lines } = recordingLogger();
    const app = supertest(appWithSignIn(testApp, {}, TEST_PUBLIC_URL, logger));
    const user = await newUser();
    const answers = await Promise.all(Array.from({ length: 7 }, () => app.post('/auth/email-link').send({ email: user.email })));
    expect(answers.map((answer) => answer.status)).toEqual(Array(7).fill(202));
    // The work follows each answer: its outcome is logged.
    const outcomes = await eventually(async () => {
      const logged = lines().filter((line) => line.msg.startsWith('sign-in link')).map((line) => line.outcome);
      expect(logged).toHaveLength(7);
      return logged;
    });
    expect(outcomes.sort()).toEqual(['sent', 'sent', 'sent', 'sent', 'sent', 'too-many', 'too-many']);
    expect(await testApp.database.db.signInLink.count({ where: { userId: user.id } })).toBe(5);
  });

  test('one client address asking too often gets a 429 with Retry-After, whatever the addresses', async () => {
    const limited = supertest(appWithSignIn(testApp, { linkRequests: { limit: 3, windowMs: 60_000 } }));
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await limited.post('/auth/email-link').send({ email: `nobody-${i}@example.com` })).status);
    expect(statuses).toEqual([202, 202, 202, 429]);
    const refused = await limited.post('/auth/email-link').send({ email: 'nobody@example.com' });
    expect(refused.body.error.code).toBe('TOO_MANY_REQUESTS');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
  });
});

describe('opening the link', () => {
  test('GET shows a page whose button posts, and uses nothing (mail scanners follow links); the POST signs in with a session cookie', async () => {
    const user = await newUser();
    const token = await requestLink(user.email);
    for (let i = 0; i < 2; i++) {
      const page = await testApp.request.get(`/auth/email-link/${token}`);
      expect(page.status).toBe(200);
      expect(page.headers['cache-control']).toBe('no-store');
      expect(page.text).toContain(`<form method="post" action="/auth/email-link/${token}">`);
      expect(page.text).toContain('<button type="submit" autofocus>Sign in</button>');
    }
    expect((await testApp.database.db.signInLink.findFirstOrThrow({ where: { userId: user.id } })).usedAt).toBeNull();

    const signedIn = await testApp.request.post(`/auth/email-link/${token}`).set('User-Agent', 'Jest browser').set('Origin', TEST_PUBLIC_URL);
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.location).toBe('/console/');
    const cookie = sessionCookieSet(signedIn.headers['set-cookie']);
    expect(cookie).toMatch(/^crm_session=[A-Za-z0-9_-]{43}; Max-Age=43200; Path=\/; Expires=.+; HttpOnly; SameSite=Lax$/);
    const value = /^crm_session=([^;]+)/.exec(cookie!)![1];

    const session = await testApp.database.db.session.findFirstOrThrow({ where: { userId: user.id } });
    expect(session).toMatchObject({ tokenHash: sha256(value), method: 'EMAIL_LINK', userAgent: 'Jest browser', revokedAt: null });
    expect(session.expiresAt.getTime() - session.createdAt.getTime()).toBe(12 * 3_600_000);
    expect((await testApp.database.db.signInLink.findFirstOrThrow({ where: { userId: user.id } })).usedAt).not.toBeNull();

    const current = await testApp.request.get('/auth/session').set('Cookie', `crm_session=${value}`);
    expect(current.status).toBe(200);
    expect(current.body).toEqual({ user: { id: user.id, email: user.email, name: 'Test manager', role: 'manager' }, csrfToken: session.csrfToken, expiresAt: expect.any(String) });
    const me = await testApp.request.get('/api/v1/me').set('Cookie', `crm_session=${value}`);
    expect(me.status).toBe(200);
    expect(me.body.id).toBe(user.id);
  });

  test('a link signs in once: a second use, and the loser of two at once, get the "already used" page and no session', async () => {
    const user = await newUser();
    const token = await requestLink(user.email);
    const both = await Promise.all([testApp.request.post(`/auth/email-link/${token}`), testApp.request.post(`/auth/email-link/${token}`)]);
    expect(both.map((answer) => answer.status).sort()).toEqual([303, 410]);
    const again = await testApp.request.post(`/auth/email-link/${token}`);
    expect(again.status).toBe(410);
    expect(again.text).toContain('This sign-in link was already used');
    expect(sessionCookieSet(again.headers['set-cookie'])).toBeUndefined();
    expect((await testApp.request.get(`/auth/email-link/${token}`)).status).toBe(410);
    expect(await testApp.database.db.session.count({ where: { userId: user.id } })).toBe(1);
  });

  test('an expired link (SIGN_IN_LINK_TTL of 3 s) gets the "expired" page, 410, and no session', async () => {
    const shortLived = supertest(appWithSignIn(testApp, { linkTtlMs: 3_000 }));
    const user = await newUser();
    expect((await shortLived.post('/auth/email-link').send({ email: user.email })).status).toBe(202);
    const link = await eventually(() => testApp.database.db.signInLink.findFirstOrThrow({ where: { userId: user.id } }));
    // The token is on the outbox row until the e-mail is sent, then in the e-mail: one of them holds it
    // whenever the worker gets to it, even after the link's 3 s (it would then skip it).
    const token = await eventually(async () => {
      const row = await testApp.database.db.outboundEmail.findUniqueOrThrow({ where: { signInLinkId: link.id } });
      if (row.secret) return row.secret;
      expect(row.sentAt).not.toBeNull();
      const [mail] = await waitForMail((message) => message.to.includes(user.email));
      return /auth\/email-link\/([A-Za-z0-9_-]{43})/.exec(mail.text ?? '')![1];
    });
    expect(link.tokenHash).toBe(sha256(token));
    await eventually(async () => expect(Date.now()).toBeGreaterThan(link.expiresAt.getTime() + 100), 10_000);
    for (const answer of [await shortLived.get(`/auth/email-link/${token}`), await shortLived.post(`/auth/email-link/${token}`)]) {
      expect(answer.status).toBe(410);
      expect(answer.text).toContain('This sign-in link has expired');
    }
    expect(await testApp.database.db.session.count({ where: { userId: user.id } })).toBe(0);
    expect((await testApp.database.db.signInLink.findFirstOrThrow({ where: { userId: user.id } })).usedAt).toBeNull();
  });

  test('an unknown or malformed token gets the "not valid" page, 400', async () => {
    for (const token of ['A'.repeat(43), 'short', '..%2F..%2Fetc']) {
      for (const answer of [await testApp.request.get(`/auth/email-link/${token}`), await testApp.request.post(`/auth/email-link/${token}`)]) {
        expect(answer.status).toBe(400);
        expect(answer.text).toContain('This sign-in link is not valid');
      }
    }
  });

  test("a user deactivated after the link was sent is refused, and the link is spent", async () => {
    const user = await newUser();
    const token = await requestLink(user.email);
    await testApp.database.db.user.update({ where: { id: user.id }, data: { deactivatedAt: new Date() } });
    expect((await testApp.request.get(`/auth/email-link/${token}`)).status).toBe(403);
    const refused = await testApp.request.post(`/auth/email-link/${token}`);
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('deactivated');
    await testApp.database.db.user.update({ where: { id: user.id }, data: { deactivatedAt: null } });
    expect((await testApp.request.post(`/auth/email-link/${token}`)).status).toBe(410);
    expect(await testApp.database.db.session.count({ where: { userId: user.id } })).toBe(0);
  });

  test('a form posted from another site is refused and leaves the link usable', async () => {
    const user = await newUser();
    const token = await requestLink(user.email);
    const forged = await testApp.request.post(`/auth/email-link/${token}`).set('Origin', 'https://evil.example');
    expect(forged.status).toBe(403);
    expect(forged.text).toContain('This request came from another site');
    expect((await testApp.request.post(`/auth/email-link/${token}`).set('Sec-Fetch-Site', 'cross-site').set('Origin', 'null')).status).toBe(403);
    expect((await testApp.request.post(`/auth/email-link/${token}`).set('Sec-Fetch-Site', 'same-origin').set('Origin', 'null')).status).toBe(303);
  });

  test('behind an https PUBLIC_URL the cookie is Secure', async () => {
    const user = await newUser();
    const token = await requestLink(user.email);
    const https = supertest(appWithSignIn(testApp, {}, 'https://crm.example.com'));
    const signedIn = await https.post(`/auth/email-link/${token}`);
    expect(signedIn.status).toBe(303);
    expect(sessionCookieSet(signedIn.headers['set-cookie'])).toMatch(/; HttpOnly; Secure; SameSite=Lax$/);
  });

  test('the request log keeps no link token nor OIDC code', async () => {
    const { logger, lines } = recordingLogger();
    const logged = supertest(appWithSignIn(testApp, {}, TEST_PUBLIC_URL, logger));
    const user = await newUser();
    const token = await requestLink(user.email);
    expect((await logged.get(`/auth/email-link/${token}`)).status).toBe(200);
    expect((await logged.post(`/auth/email-link/${token}`)).status).toBe(303);
    expect((await logged.get('/auth/oidc/callback?code=secret-code&state=secret-state')).status).toBe(404);
    const log = JSON.stringify(lines());
    expect(log).toContain('/auth/email-link/…');
    expect(log).not.toContain(token);
    expect(log).not.toContain('secret-code');
  });

  test('signing in again in the same browser ends the session it held', async () => {
    const user = await newUser();
    const first = sessionCookieSet((await testApp.request.post(`/auth/email-link/${await requestLink(user.email)}`)).headers['set-cookie'])!.split(';')[0];
    const token = await requestLink(user.email);
    const second = await testApp.request.post(`/auth/email-link/${token}`).set('Cookie', first);
    expect(second.status).toBe(303);
    expect((await testApp.request.get('/auth/session').set('Cookie', first)).status).toBe(401);
    expect(await testApp.database.db.session.count({ where: { userId: user.id, revokedAt: null } })).toBe(1);
  });
});
