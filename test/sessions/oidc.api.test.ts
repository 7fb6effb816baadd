import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import supertest from 'supertest';
import { startTestApp, TEST_PUBLIC_URL, type TestApp } from '../support/test-app';
import { HttpBrowser } from './support/http-browser';
import { startOidcProvider, type OidcProviderProcess } from './support/oidc-provider-process';
import { appWithSignIn } from './support/sign-in-app';

// The app as the provider knows it (PUBLIC_URL, the redirect URI's origin) and where it really listens.
let testApp: TestApp;
let provider: OidcProviderProcess;
let server: Server;
let appUrl: string;

beforeAll(async () => {
  testApp = await startTestApp();
  provider = await startOidcProvider(`${TEST_PUBLIC_URL}/auth/oidc/callback`);
  const app = appWithSignIn(testApp, { oidc: { issuerUrl: provider.issuer, clientId: provider.clientId, clientSecret: provider.clientSecret, label: 'Test IdP' } });
  server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  appUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await provider?.stop();
  await testApp?.close();
});

const newBrowser = () => new HttpBrowser({ [TEST_PUBLIC_URL]: appUrl });
const atConsole = (url: URL) => url.pathname !== '/console/';

/**
 * Presses the console's OIDC button and types `login` into the provider's login form; follows the
 * redirects while `follow` says so (by default up to the console): answers where the flow stopped.
 */
async function signInAtProvider(browser: HttpBrowser, login: string, follow: (next: URL) => boolean = atConsole) {
  const form = await browser.open(`${TEST_PUBLIC_URL}/auth/oidc`);
  expect(form.url.origin).toBe(provider.issuer);
  const action = /<form[^>]*action="([^"]+)"[^>]*method="post"/.exec(form.text)?.[1];
  expect(action).toBeDefined();
  return browser.open(new URL(action!.replace(/&amp;/g, '&'), form.url).href, { method: 'POST', form: { prompt: 'login', login, password: 'any' }, follow });
}

/** The provider's redirect back to the app, not followed: the callback URL with its code and state. */
const callbackOf = async (browser: HttpBrowser, login: string) => new URL((await signInAtProvider(browser, login, (next) => next.pathname !== '/auth/oidc/callback')).location!);

const userWithEmail = async (email: string, role: 'manager' | 'marketer' = 'manager') => (await testApp.userWithKey(role, email)).id;

test('the first sign-in links the active user whose e-mail the provider verified; the session works like an e-mailed one', async () => {
  const email = `oidc-first-${Date.now()}@example.com`;
  const userId = await userWithEmail(email);
  const browser = newBrowser();
  const end = await signInAtProvider(browser, email);
  expect(end.status).toBe(303);
  expect(end.location).toBe(`${TEST_PUBLIC_URL}/console/`);
  const cookie = browser.cookie(TEST_PUBLIC_URL, 'crm_session');
  expect(cookie).toMatch(/^[A-Za-z0-9_-]{43}$/);
  // The short-lived cookie of the request is gone.
  expect(browser.cookie(TEST_PUBLIC_URL, 'crm_oidc')).toBeUndefined();

  expect((await testApp.database.db.user.findUniqueOrThrow({ where: { id: userId } })).oidcSubject).toBe(email);
  const session = await supertest(appUrl).get('/auth/session').set('Cookie', `crm_session=${cookie}`);
  expect(session.status).toBe(200);
  expect(session.body.user).toMatchObject({ id: userId, email });
  const sessions = await supertest(appUrl).get('/api/v1/me/sessions').set('Cookie', `crm_session=${cookie}`);
  expect(sessions.body.items).toEqual([expect.objectContaining({ method: 'OIDC', current: true })]);
});

test('a linked user is found by subject, even after their e-mail changed in the CRM', async () => {
  const email = `oidc-again-${Date.now()}@example.com`;
  const userId = await userWithEmail(email);
  expect((await signInAtProvider(newBrowser(), email)).status).toBe(303);
  await testApp.database.db.user.update({ where: { id: userId }, data: { email: `renamed-${Date.now()}@example.com` } });
  const browser = newBrowser();
  expect((await signInAtProvider(browser, email)).status).toBe(303);
  const session = await supertest(appUrl).get('/auth/session').set('Cookie', `crm_session=${browser.cookie(TEST_PUBLIC_URL, 'crm_session')}`);
  expect(session.body.user.id).toBe(userId);
});

test('an unknown address, an unverified one and a deactivated user get a refusal page and no session', async () => {
  const unverified = `oidc-unverified-${Date.now()}@example.com`;
  const unverifiedId = await userWithEmail(unverified);
  const deactivated = `oidc-deactivated-${Date.now()}@example.com`;
  const deactivatedId = await userWithEmail(deactivated);
  await testApp.database.db.user.update({ where: { id: deactivatedId }, data: { deactivatedAt: new Date() } });

  const cases = [
    { login: `oidc-nobody-${Date.now()}@example.com`, says: 'no active CRM user has this e-mail address' },
    { login: `unverified:${unverified}`, says: 'did not confirm an e-mail address' },
    { login: deactivated, says: 'deactivated' },
  ];
  for (const { login, says } of cases) {
    const browser = newBrowser();
    const end = await signInAtProvider(browser, login);
    expect({ login, status: end.status, says: end.text.includes(says) }).toEqual({ login, status: 403, says: true });
    expect(browser.cookie(TEST_PUBLIC_URL, 'crm_session')).toBeUndefined();
  }
  expect(await testApp.database.db.session.count({ where: { userId: { in: [unverifiedId, deactivatedId] } } })).toBe(0);
  expect((await testApp.database.db.user.findUniqueOrThrow({ where: { id: unverifiedId } })).oidcSubject).toBeNull();

  // Once linked, a deactivated user is refused by subject too.
  const linked = `oidc-linked-${Date.now()}@example.com`;
  const linkedId = await userWithEmail(linked);
  expect((await signInAtProvider(newBrowser(), linked)).status).toBe(303);
  await testApp.database.db.user.update({ where: { id: linkedId }, data: { deactivatedAt: new Date() } });
  expect((await signInAtProvider(newBrowser(), linked)).status).toBe(403);
});

test('a callback without the browser’s own request, with another state, or after the user cancelled at the provider signs nobody in', async () => {
  const email = `oidc-checks-${Date.now()}@example.com`;
  await userWithEmail(email);

  // A code delivered to a browser that did not start this sign-in (login CSRF): it has no crm_oidc cookie.
  const victim = newBrowser();
  const withoutRequest = await victim.open((await callbackOf(newBrowser(), email)).href);
  expect(withoutRequest.status).toBe(400);
  expect(withoutRequest.text).toContain('did not start this sign-in');
  expect(victim.cookie(TEST_PUBLIC_URL, 'crm_session')).toBeUndefined();

  // The browser that started it, but the state altered on the way.
  const altered = newBrowser();
  const forged = await callbackOf(altered, email);
  forged.searchParams.set('state', 'another-state');
  const refused = await altered.open(forged.href);
  expect(refused.status).toBe(400);
  expect(refused.text).toContain('could not be verified');
  expect(altered.cookie(TEST_PUBLIC_URL, 'crm_session')).toBeUndefined();

  // Cancelled at the provider: it answers access_denied.
  const cancelling = newBrowser();
  const cancelForm = await cancelling.open(`${TEST_PUBLIC_URL}/auth/oidc`);
  const cancelled = await cancelling.open(new URL(`${cancelForm.url.pathname}/abort`, cancelForm.url).href, { follow: atConsole });
  expect(cancelled.status).toBe(400);
  expect(cancelled.text).toContain('access_denied');
  expect(cancelling.cookie(TEST_PUBLIC_URL, 'crm_session')).toBeUndefined();
});

test('the console is told the provider’s label; without OIDC settings the routes answer 404 and the console gets no button', async () => {
  const options = await supertest(appUrl).get('/auth/sign-in-options');
  expect(options.body).toEqual({ emailLink: true, oidc: { label: 'Test IdP', url: '/auth/oidc' } });

  expect((await testApp.request.get('/auth/sign-in-options')).body).toEqual({ emailLink: true, oidc: null });
  const unreachable = appWithSignIn(testApp, { oidc: { issuerUrl: 'http://127.0.0.1:9', clientId: 'x', clientSecret: 'y', label: 'Down IdP' } });
  const down = await supertest(unreachable).get('/auth/oidc');
  expect(down.status).toBe(503);
  expect(down.text).toContain('Your identity provider could not be reached.');

  for (const path of ['/auth/oidc', '/auth/oidc/callback?code=x&state=y']) {
    const answer = await testApp.request.get(path);
    expect(answer.status).toBe(404);
    expect(answer.body.error.code).toBe('NOT_FOUND');
  }
});
