import { consoleHarnessForFile, PHONE, saveScreenshot } from './support/console-browser';

const harness = consoleHarnessForFile();

test('a wrong key is refused with a message, a valid key signs in and the key is not kept after sign-out', async () => {
  const { key } = await harness.app.userWithKey('manager');
  const page = await harness.openPage();
  await page.getByLabel('API key').fill('crm_not-a-real-key-at-all-000000');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert').textContent()).resolves.toContain('not valid');
  await saveScreenshot(page, 'sign-in');

  await page.getByLabel('API key').fill(key);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByLabel('API key').waitFor();
  await expect(page.evaluate(() => [sessionStorage.length, localStorage.length])).resolves.toEqual([0, 0]);
});

test('"keep me signed in" survives a reload; the console answers the root path', async () => {
  const { key } = await harness.app.userWithKey('marketer');
  const page = await harness.openPage();
  await page.goto('/');
  await page.getByLabel('API key').fill(key);
  await page.getByLabel('Keep me signed in on this device').check();
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
  await page.reload();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
  await expect(page.getByText('(Marketer)').count()).resolves.toBe(1);
});

test('on a phone-width screen the navigation folds behind a menu button that the keyboard opens', async () => {
  const { key } = await harness.app.userWithKey('admin');
  const page = await harness.openPage({ key, viewport: PHONE });
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.isVisible()).resolves.toBe(false);
  await page.getByRole('button', { name: 'Menu' }).focus();
  await page.keyboard.press('Enter');
  await nav.waitFor({ state: 'visible' });
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(PHONE.width);
});
