import { createSession } from '../../src/sessions/create-session';
import { DEFAULT_SESSION_SETTINGS } from '../../src/sessions/session-settings';
import { SESSION_COOKIE } from '../../src/sessions/session-cookie';
import { authAs, consoleHarnessForFile, PHONE, saveScreenshot } from './support/console-browser';

const harness = consoleHarnessForFile();

const CHROME_ON_LINUX = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';
const FIREFOX_ON_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:127.0) Gecko/20100101 Firefox/127.0';

const status = (key: string) => harness.app.request.get('/api/v1/me').set(authAs({ key })).then((answer) => answer.status);

test('a manager issues a key on My account (shown once), uses it, revokes it and the API refuses it; their sessions list marks this browser and revokes another', async () => {
  const manager = await harness.app.userWithKey('manager');
  const { db } = harness.app.database;
  await db.user.update({ where: { id: manager.id }, data: { name: 'Mona Manager' } });
  const here = await createSession(db, DEFAULT_SESSION_SETTINGS, { userId: manager.id, method: 'EMAIL_LINK', userAgent: CHROME_ON_LINUX, ipAddress: '192.0.2.10' });
  await createSession(db, DEFAULT_SESSION_SETTINGS, { userId: manager.id, method: 'OIDC', userAgent: FIREFOX_ON_WINDOWS, ipAddress: '198.51.100.7' });

  const page = await harness.openPage({ key: manager.key });
  // This browser holds the first session's cookie: the list marks that one as this browser's.
  await page.context().addCookies([{ name: SESSION_COOKIE, value: here.token, url: harness.baseUrl, httpOnly: true, sameSite: 'Lax' }]);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My account' }).click();
  await page.getByRole('heading', { level: 1, name: 'My account' }).waitFor();

  const sessions = page.getByRole('region', { name: 'Signed-in sessions' });
  const thisBrowser = sessions.getByRole('row', { name: /Chrome on Linux/ });
  await thisBrowser.getByText('This browser').waitFor();
  await expect(thisBrowser.textContent()).resolves.toContain('E-mail link');
  const other = sessions.getByRole('row', { name: /Firefox on Windows/ });
  await expect(other.getByText('This browser').count()).resolves.toBe(0);
  await other.getByRole('button', { name: /^Revoke session: Firefox on Windows/ }).click();
  await sessions.getByRole('button', { name: 'Revoke session', exact: true }).click();
  await sessions.getByText('Session revoked').waitFor();
  await other.waitFor({ state: 'detached' });
  expect(await db.session.count({ where: { userId: manager.id, revokedAt: { not: null } } })).toBe(1);

  const keys = page.getByRole('region', { name: 'API keys' });
  // The key this console signed in with is marked.
  await keys.getByRole('row', { name: /default/ }).getByText('This browser').waitFor();
  await keys.getByLabel('Key name').fill('nightly import');
  await keys.getByRole('button', { name: 'Issue key' }).click();
  const shownOnce = page.getByRole('region', { name: 'New API key for you: “nightly import”' });
  await shownOnce.getByText("Copy it now: you won't see it again.").waitFor();
  // Focus moved to the key's notice, so it is read first.
  await expect(shownOnce.evaluate((region) => region === document.activeElement)).resolves.toBe(true);
  const issued = await shownOnce.getByLabel('API key').inputValue();
  expect(issued).toMatch(/^crm_/);
  await expect(status(issued)).resolves.toBe(200);
  await saveScreenshot(page, 'my-account');

  await shownOnce.getByRole('button', { name: 'I have stored it' }).click();
  await shownOnce.waitFor({ state: 'detached' });
  await keys.getByRole('row', { name: /nightly import/ }).getByRole('button', { name: 'Revoke key “nightly import”' }).click();
  await keys.getByRole('button', { name: 'Revoke key', exact: true }).click();
  await keys.getByText('Key “nightly import” revoked').waitFor();
  await keys.getByRole('row', { name: /nightly import/ }).getByText(/^Revoked/).waitFor();
  await expect(status(issued)).resolves.toBe(401);
  // The manager's own key, which this console signed in with, still works.
  await expect(status(manager.key)).resolves.toBe(200);
});

test('every role has My account; a bad expiry is named at its field; the page fits a phone', async () => {
  const marketer = await harness.app.userWithKey('marketer');
  const page = await harness.openPage({ key: marketer.key, viewport: PHONE });
  await page.getByRole('button', { name: 'Menu' }).click();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My account' }).click();
  const keys = page.getByRole('region', { name: 'API keys' });
  await keys.getByRole('row', { name: /default/ }).waitFor();
  await keys.getByLabel('Key name').fill('old');
  await keys.getByLabel('Expires on (optional)').fill('2020-01-01');
  await keys.getByRole('button', { name: 'Issue key' }).click();
  await keys.getByRole('alert').filter({ hasText: 'The key was not issued' }).waitFor();
  await expect(keys.getByLabel('Expires on (optional)').getAttribute('aria-invalid')).resolves.toBe('true');
  await page.getByRole('region', { name: 'Signed-in sessions' }).getByText('You have no console sessions').waitFor();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
});
