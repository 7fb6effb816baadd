import type { Page } from 'playwright-core';
import { eventually } from '../support/eventually';
import { authAs, consoleHarnessForFile, saveScreenshot } from './support/console-browser';

const harness = consoleHarnessForFile();
type User = { id: string; key: string };
let admin: User, director: User, marketer: User;
let directorLabel: string;

beforeAll(async () => {
  [admin, director, marketer] = await Promise.all([harness.app.userWithKey('admin'), harness.app.userWithKey('manager'), harness.app.userWithKey('marketer')]);
  const { db } = harness.app.database;
  await db.user.update({ where: { id: admin.id }, data: { name: 'Ada Admin' } });
  const { email } = await db.user.update({ where: { id: director.id }, data: { name: 'Dana Director' } });
  directorLabel = `Dana Director (${email})`;
});

async function apiOk<T = any>(response: Promise<{ status: number; body: any }>, status = 200): Promise<T> {
  const answer = await response;
  if (answer.status !== status) throw new Error(`expected ${status}, got ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body;
}

const statusWith = (key: string) => harness.app.request.get('/api/v1/me').set(authAs({ key })).then((answer) => answer.status);

/** The key in the "shown once" notice, after checking what it says. */
async function shownKey(page: Page, heading: string): Promise<string> {
  const region = page.getByRole('region', { name: heading });
  await region.getByText("Copy it now: you won't see it again.").waitFor();
  return region.getByLabel('API key').inputValue();
}

test('an admin creates a user (key shown once), sets their manager, is refused a cycle at the field, issues and revokes a key, deactivates them and reassigns their account in work', async () => {
  const { request } = harness.app;
  const page = await harness.openPage({ key: admin.key });
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: harness.baseUrl });
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'Users' }).click();
  await page.getByRole('heading', { level: 1, name: 'Users' }).waitFor();
  await page.getByRole('link', { name: 'Dana Director' }).waitFor();

  // A new user: the key is shown once, copied to the clipboard, and works.
  await page.getByRole('link', { name: 'New user' }).click();
  const email = `sam.seller.${Date.now()}@example.com`;
  await page.getByLabel('Name').fill('Sam Seller');
  await page.getByLabel('E-mail').fill('not an e-mail');
  await page.getByRole('button', { name: 'Create user' }).click();
  await page.getByRole('alert').filter({ hasText: 'The user was not created' }).waitFor();
  await expect(page.getByLabel('E-mail').getAttribute('aria-invalid')).resolves.toBe('true');
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Role').selectOption('manager');
  await page.getByRole('button', { name: 'Create user' }).click();
  const samKey = await shownKey(page, 'New API key for Sam Seller');
  await page.getByRole('button', { name: 'Copy' }).click();
  await page.getByText('Copied to the clipboard.').waitFor();
  await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(samKey);
  const sam = await apiOk(request.get('/api/v1/me').set(authAs({ key: samKey })));
  expect(sam).toMatchObject({ name: 'Sam Seller', email, role: 'manager', managerId: null });
  await saveScreenshot(page, 'admin-new-user');

  // Sam's manager is Dana.
  await page.getByRole('link', { name: "set Sam Seller's manager and see their page" }).click();
  await page.getByRole('heading', { level: 1, name: 'Sam Seller' }).waitFor();
  const profile = page.getByRole('form', { name: 'Profile' });
  await profile.getByLabel('Manager').selectOption({ label: directorLabel });
  await profile.getByRole('button', { name: 'Save changes' }).click();
  await profile.getByText('Saved.').waitFor();
  expect((await apiOk(request.get(`/api/v1/users/${sam.id}`).set(authAs(admin)))).managerId).toBe(director.id);

  // Dana under Sam would be a cycle: the API's 400 is shown at the manager picker and nothing changes.
  await page.getByRole('link', { name: 'Dana Director' }).click();
  await page.getByRole('heading', { level: 1, name: 'Dana Director' }).waitFor();
  await profile.getByLabel('Manager').selectOption({ label: `Sam Seller (${email})` });
  await profile.getByRole('button', { name: 'Save changes' }).click();
  await page.getByRole('alert').filter({ hasText: 'The changes were not saved' }).waitFor();
  const managerField = profile.getByLabel('Manager');
  await expect(managerField.getAttribute('aria-invalid')).resolves.toBe('true');
  const fieldError = await profile.locator('.field-invalid .field-error').textContent();
  expect(fieldError).toBeTruthy();
  expect((await apiOk(request.get(`/api/v1/users/${director.id}`).set(authAs(admin)))).managerId).toBeNull();
  await saveScreenshot(page, 'admin-manager-cycle');

  // A key for Sam, issued by the admin: shown once, works, then revoked and refused.
  await page.goto(`/console/#/users/${sam.id}`);
  const keys = page.getByRole('region', { name: 'API keys' });
  await keys.getByLabel('Key name').fill('ci export');
  await keys.getByRole('button', { name: 'Issue key' }).click();
  const ciKey = await shownKey(page, 'New API key for Sam Seller: “ci export”');
  await expect(statusWith(ciKey)).resolves.toBe(200);
  await keys.getByRole('button', { name: 'Revoke key “ci export”' }).click();
  await keys.getByRole('button', { name: 'Revoke key', exact: true }).click();
  await keys.getByText('Key “ci export” revoked').waitFor();
  await expect(statusWith(ciKey)).resolves.toBe(401);
  await expect(statusWith(samKey)).resolves.toBe(200);

  // Sam takes an account into work and gets a follow-up task on it.
  const account = (await apiOk(request.post('/api/v1/accounts').set(authAs(marketer)).send({ name: `Harbor Foods ${Date.now()}` }), 201)).account;
  await apiOk(request.post(`/api/v1/accounts/${account.id}/take`).set(authAs({ key: samKey })));
  await apiOk(request.post(`/api/v1/accounts/${account.id}/activities`).set(authAs({ key: samKey })).send({ type: 'CALL', outcome: 'CONTACT_MADE' }), 201);
  await page.reload();
  const work = page.getByRole('region', { name: 'Work in hand' });
  await work.getByRole('link', { name: account.name }).first().waitFor();
  await work.getByText('Follow up and plan the next step').waitFor();

  // Deactivated: asked first; Sam's key stops at once.
  const access = page.getByRole('region', { name: 'Access' });
  await access.getByRole('button', { name: 'Deactivate…' }).click();
  await access.getByLabel('Reason (optional)').fill('Left the company');
  await access.getByRole('button', { name: 'Deactivate Sam Seller' }).click();
  await access.getByText(/Sam Seller is deactivated: their keys stopped working, 0 sessions ended/).waitFor();
  await expect(statusWith(samKey)).resolves.toBe(401);
  await page.getByRole('region', { name: 'API keys' }).getByText('None of these keys works while Sam Seller is deactivated.').waitFor();

  // Everything Sam had goes to Dana in one step; the account's workflow keeps running.
  await work.getByRole('button', { name: "Reassign Sam Seller's work to…" }).click();
  await work.getByRole('button', { name: 'Reassign everything' }).click();
  await work.getByText('Pick who takes over').waitFor();
  await work.getByLabel('New owner').selectOption({ label: directorLabel });
  await work.getByLabel('Reason (optional)').fill('Sam left');
  await work.getByRole('button', { name: 'Reassign everything' }).click();
  await work.getByText(/^Moved to Dana Director: 1 account, 1 task, /).waitFor();
  await work.getByText('Nothing to reassign.').waitFor();
  await saveScreenshot(page, 'admin-user');
  const moved = await apiOk(request.get(`/api/v1/accounts/${account.id}`).set(authAs(director)));
  expect(moved.account).toMatchObject({ ownerId: director.id, status: 'CONTACT_ESTABLISHED' });
  await eventually(async () => {
    const tasks = await harness.app.database.db.task.findMany({ where: { accountId: account.id, state: 'OPEN' } });
    expect(tasks.map((task) => task.assigneeId)).toEqual([director.id]);
  });

  // The account's timeline tells who moved it, from whom (named although deactivated), to whom and why.
  await page.goto(`/console/#/accounts/${account.id}`);
  const timeline = page.getByRole('list', { name: 'Timeline, newest first' });
  await timeline.getByText('Owner: Sam Seller → Dana Director').waitFor();
  await expect(timeline.locator('li', { hasText: 'Owner: Sam Seller → Dana Director' }).textContent()).resolves.toContain('moved by you (Sam left)');
  await page.goto(`/console/#/users/${sam.id}`);
  await page.getByRole('heading', { level: 1, name: 'Sam Seller' }).waitFor();

  // Reactivated: the user is active again, the revoked key stays revoked.
  await access.getByRole('button', { name: 'Reactivate' }).click();
  await access.getByText('Sam Seller is active again.', { exact: false }).waitFor();
  await expect(statusWith(ciKey)).resolves.toBe(401);

  // The list filters by status, role and manager.
  await nav.getByRole('link', { name: 'Users' }).click();
  await page.getByLabel('Manager').selectOption({ label: directorLabel });
  await page.getByRole('link', { name: 'Sam Seller' }).waitFor();
  await expect(page.getByRole('link', { name: 'Dana Director' }).count()).resolves.toBe(0);
  await page.getByLabel('Manager').selectOption('');
  await page.getByLabel('Role').selectOption('marketer');
  await page.getByRole('link', { name: 'Sam Seller' }).waitFor({ state: 'detached' });

  // The audit log has what happened to Sam, newest first.
  await page.goto(`/console/#/users/${sam.id}`);
  await page.getByRole('main').getByRole('link', { name: 'Audit log', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
  await expect(page.getByLabel('Entity id').inputValue()).resolves.toBe(sam.id);
  const rows = page.getByRole('table').getByRole('row');
  await rows.filter({ hasText: 'user.reassign' }).waitFor();
  const actions = await page.locator('tbody tr td:nth-child(3)').allTextContents();
  expect(actions).toEqual(['user.reactivate', 'user.reassign', 'user.deactivate', 'user.update', 'user.create']);
  await expect(rows.filter({ hasText: 'user.deactivate' }).textContent()).resolves.toContain('Left the company');
  // The new manager's id is shown as their name.
  await expect(rows.filter({ hasText: 'user.update' }).locator('li', { hasText: 'managerId' }).textContent()).resolves.toMatch(/^managerId: (was )?none → (now )?Dana Director$/);
});

test('a manager is offered no admin page, and opening one by its address is refused', async () => {
  const manager = await harness.app.userWithKey('manager');
  const page = await harness.openPage({ key: manager.key });
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'My account' }).waitFor();
  for (const label of ['Users', 'Rules', 'Settings', 'Audit log']) await expect(nav.getByRole('link', { name: label, exact: true }).count()).resolves.toBe(0);
  for (const path of ['/users', `/users/${admin.id}`, '/rules', '/rules/follow-up-without-next-step/edit', '/settings', '/audit']) {
    await page.goto(`/console/#${path}`);
    await page.getByText('Your role (manager) may not open this page.').waitFor();
  }
});
