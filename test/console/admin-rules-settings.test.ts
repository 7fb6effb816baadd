import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { authAs, consoleHarnessForFile, saveScreenshot } from './support/console-browser';

const harness = consoleHarnessForFile();
type User = { id: string; key: string };
let admin: User, manager: User, marketer: User;
const RULE_KEY = 'follow-up-without-next-step';
const RULE_NAME = 'No next step planned after a contact or an attempt: a follow-up anyway';

beforeAll(async () => {
  [admin, manager, marketer] = await Promise.all([harness.app.userWithKey('admin'), harness.app.userWithKey('manager'), harness.app.userWithKey('marketer')]);
});

async function apiOk<T = any>(response: Promise<{ status: number; body: any }>, status = 200): Promise<T> {
  const answer = await response;
  if (answer.status !== status) throw new Error(`expected ${status}, got ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body;
}

/** A call that reached the client without a next step: the follow-up rule really created a task for it. */
async function accountWithFollowUp(name: string) {
  const { request } = harness.app;
  const account = (await apiOk(request.post('/api/v1/accounts').set(authAs(marketer)).send({ name }), 201)).account;
  await apiOk(request.post(`/api/v1/accounts/${account.id}/take`).set(authAs(manager)));
  const logged = await apiOk(request.post(`/api/v1/accounts/${account.id}/activities`).set(authAs(manager)).send({ type: 'CALL', outcome: 'CONTACT_MADE' }), 201);
  expect(JSON.stringify(logged)).toContain('Follow up and plan the next step');
  return account as { id: string; name: string };
}

/** The accessible name of the focused element, as near as the tests need: aria-label, its label, or its text. */
const focusedName = (page: Page) =>
  page.evaluate(() => {
    const element = document.activeElement as HTMLInputElement | null;
    if (!element) return '';
    return (element.getAttribute('aria-label') ?? (element.labels?.[0]?.textContent || element.textContent) ?? '').trim();
  });

/** Presses Tab (or Shift+Tab) until the focused element has this name: the keyboard path a person takes. */
async function tabTo(page: Page, name: string, { backwards = false, limit = 80 } = {}) {
  for (let presses = 0; presses < limit; presses++) {
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
    if ((await focusedName(page)) === name) return;
  }
  throw new Error(`${limit} presses of Tab did not reach "${name}" (now on "${await focusedName(page)}")`);
}

const ruleText = (page: Page) => page.getByLabel('Rule definition (JSON)');

test('an admin edits a rule: the dry run shows the differing account before Save is enabled for that exact text; the saved version is diffed against the previous one', async () => {
  const account = await accountWithFollowUp(`Quay Bakery ${Date.now()}`);
  const { request } = harness.app;
  const page = await harness.openPage({ key: admin.key });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Rules' }).click();
  await page.getByRole('heading', { level: 1, name: 'Rules' }).waitFor();
  // The current set in the engine's order, as GET /rules answers it.
  const current = (await apiOk(request.get('/api/v1/rules').set(authAs(admin)))).items as { name: string }[];
  await page.getByRole('link', { name: current[0]!.name }).waitFor();
  await expect(page.locator('tbody tr td:nth-child(2) a').allTextContents()).resolves.toEqual(current.map((rule) => rule.name));

  await page.getByRole('link', { name: RULE_NAME }).click();
  await page.getByRole('heading', { level: 1, name: RULE_NAME }).waitFor();
  await page.getByText('Only one version so far: nothing to compare.').waitFor();
  await page.getByRole('link', { name: 'Edit rule' }).click();
  const save = page.getByRole('button', { name: 'Save new version' });
  const original = await ruleText(page).inputValue();
  expect(JSON.parse(original)).toMatchObject({ key: RULE_KEY, enabled: true });
  await expect(save.isDisabled()).resolves.toBe(true);

  // Not JSON: said with its line, nothing sent.
  await ruleText(page).fill(original.replace('"enabled": true,', '"enabled": true'));
  await page.getByRole('button', { name: 'Dry run' }).click();
  await page.getByText(/^Line \d+ ?Not valid JSON/).waitFor();
  await expect(ruleText(page).getAttribute('aria-invalid')).resolves.toBe('true');

  // A field the API refuses: shown at its line, and "Show in the text" selects it.
  await ruleText(page).fill(original.replace('"after": "P2D"', '"after": "two days"'));
  await page.getByRole('button', { name: 'Dry run' }).click();
  const problem = page.locator('.rule-problems li').filter({ hasText: 'actions.0.due.after' });
  await problem.waitFor();
  const afterLine = original.split('\n').findIndex((line) => line.includes('"after"')) + 1;
  await expect(problem.textContent()).resolves.toContain(`Line ${afterLine}`);
  await problem.getByRole('button', { name: 'Show in the text' }).click();
  await expect(ruleText(page).evaluate((box: HTMLTextAreaElement) => [document.activeElement === box, box.value.slice(box.selectionStart, box.selectionEnd)])).resolves.toEqual([true, '"after": "two days"']);
  await expect(save.isDisabled()).resolves.toBe(true);

  // Disabled, the rule would not have created the follow-up: the dry run names the account.
  const disabled = original.replace('"enabled": true,', '"enabled": false,');
  await ruleText(page).fill(disabled);
  await page.getByRole('button', { name: 'Dry run' }).click();
  const result = page.getByRole('region', { name: 'Dry run of this text' });
  await result.waitFor();
  const row = result.getByRole('row', { name: new RegExp(account.name) });
  await expect(row.textContent()).resolves.toContain('1 → 0');
  await expect(result.locator('.figures div').filter({ hasText: 'Accounts that differ' }).locator('dd').textContent()).resolves.toBe('1');
  await expect(save.isDisabled()).resolves.toBe(false);
  await saveScreenshot(page, 'admin-rule-dry-run');

  // Any change to the text needs a new dry run; the same text again is the text that was measured.
  await ruleText(page).fill(`${disabled}\n`);
  await page.getByText('The rule changed after this dry run: run it again before saving.').waitFor();
  await expect(save.isDisabled()).resolves.toBe(true);
  await ruleText(page).fill(disabled);
  await expect(save.isDisabled()).resolves.toBe(false);
  await save.click();

  await page.getByText('Saved as version 2').waitFor();
  expect(await apiOk(request.get(`/api/v1/rules/${RULE_KEY}`).set(authAs(admin)))).toMatchObject({ version: 2, enabled: false });
  const diff = page.getByRole('figure');
  await diff.getByText('Version 1 → version 2: 1 line added, 1 removed.').waitFor();
  await expect(diff.locator('.diff-removed').allTextContents()).resolves.toEqual([expect.stringContaining('"enabled": true,')]);
  await expect(diff.locator('.diff-added').allTextContents()).resolves.toEqual([expect.stringContaining('"enabled": false,')]);
  await saveScreenshot(page, 'admin-rule-diff');
  await page.getByLabel('From', { exact: true }).selectOption('2');
  await page.getByLabel('To', { exact: true }).selectOption('1');
  await diff.getByText('Version 2 → version 1: 1 line added, 1 removed.').waitFor();
  await expect(diff.locator('.diff-added').allTextContents()).resolves.toEqual([expect.stringContaining('"enabled": true,')]);

  // A new rule starts from an example, checked by a dry run too.
  await page.getByRole('link', { name: 'All rules' }).click();
  await page.getByRole('link', { name: 'New rule' }).click();
  await page.getByRole('button', { name: 'Dry run' }).click();
  await page.getByRole('region', { name: 'Dry run of this text' }).waitFor();
  await page.getByRole('button', { name: 'Create rule' }).click();
  await page.getByText('Saved as version 1').waitFor();
  const keys = (await apiOk(request.get('/api/v1/rules').set(authAs(admin)))).items.map((rule: { key: string }) => rule.key);
  expect(keys).toContain('call-back-after-no-answer');
});

test('an admin changes the business calendar and the frequency cap (by keyboard only), sees the API refuse bad values at their fields, and finds each change in the audit log', async () => {
  const { request } = harness.app;
  const page = await harness.openPage({ key: admin.key });
  await page.getByRole('button', { name: 'Sign out' }).waitFor();

  // The whole mailing change by keyboard: the navigation, the checkbox, the fields and Save.
  await tabTo(page, 'Settings');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
  await page.getByText('Now: no cap').waitFor();
  await tabTo(page, 'Limit how many campaign e-mails a contact receives');
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  expect(await focusedName(page)).toBe('At most (e-mails)');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('2');
  await page.keyboard.press('Tab');
  expect(await focusedName(page)).toBe('In any window of (days)');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('400');
  await tabTo(page, 'Save mailing settings');
  await page.keyboard.press('Enter');
  await page.getByRole('alert').filter({ hasText: 'The mailing settings were not saved' }).waitFor();
  const windowDays = page.getByLabel('In any window of (days)');
  await expect(windowDays.getAttribute('aria-invalid')).resolves.toBe('true');
  await tabTo(page, 'In any window of (days)', { backwards: true });
  await page.keyboard.press('Control+A');
  await page.keyboard.type('7');
  await page.keyboard.press('Enter');
  await page.getByText(/^Mailing settings saved at/).waitFor();
  await page.getByText('Now: at most 2 campaign e-mails per contact in any 7 days').waitFor();
  expect((await apiOk(request.get('/api/v1/settings/mailing').set(authAs(admin)))).frequencyCap).toEqual({ maxMessages: 2, windowDays: 7 });

  // The calendar: a week without a working day is refused at the weekday boxes.
  const calendar = page.getByRole('region', { name: 'Business calendar' });
  for (const day of ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday']) await calendar.getByLabel(day).check();
  await calendar.getByRole('button', { name: 'Save calendar' }).click();
  await calendar.getByText('at least one day of the week must be a working day', { exact: true }).waitFor();
  await expect(calendar.getByRole('group', { name: 'Weekend days' }).getAttribute('aria-invalid')).resolves.toBe('true');
  for (const day of ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Sunday']) await calendar.getByLabel(day).uncheck();
  for (const day of ['2030-12-25', '2030-01-01']) {
    await calendar.getByLabel('Holiday date').fill(day);
    await calendar.getByRole('button', { name: 'Add holiday' }).click();
  }
  await calendar.getByLabel('Holiday date').fill('2030-12-25');
  await calendar.getByRole('button', { name: 'Add holiday' }).click();
  await calendar.getByText('is already a holiday').waitFor();
  await expect(calendar.locator('.holiday-list time').evaluateAll((times) => times.map((time) => time.getAttribute('datetime')))).resolves.toEqual(['2030-01-01', '2030-12-25']);
  await calendar.getByRole('button', { name: /^Remove holiday .*2030/ }).first().click();
  await calendar.getByText('Unsaved changes.').waitFor();
  await calendar.getByRole('button', { name: 'Save calendar' }).click();
  await calendar.getByText(/^Calendar saved at/).waitFor();
  await saveScreenshot(page, 'admin-settings');
  expect(await apiOk(request.get('/api/v1/calendar').set(authAs(admin)))).toMatchObject({ weekendDays: [5, 6], holidays: ['2030-12-25'] });

  // More mailing changes than a page of the audit log holds, made through the API.
  for (let max = 3; max < 3 + 55; max++) await apiOk(request.put('/api/v1/settings/mailing').set(authAs(admin)).send({ frequencyCap: { maxMessages: max, windowDays: 7 } }));

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit log' }).click();
  await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
  const filters = page.getByRole('search', { name: 'Filter the audit log' });
  await filters.getByLabel('Action').fill('calendar.update');
  await filters.getByRole('button', { name: 'Apply filters' }).click();
  const calendarRow = page.getByRole('row').filter({ hasText: 'calendar.update' });
  await calendarRow.waitFor();
  await expect(page.locator('tbody tr').count()).resolves.toBe(1);
  const calendarChange = await calendarRow.textContent();
  expect(calendarChange).toContain('weekendDays');
  expect(calendarChange).toContain('2030-12-25');
  await saveScreenshot(page, 'admin-audit');

  await filters.getByLabel('Action').fill('settings.mailing.update');
  await filters.getByRole('button', { name: 'Apply filters' }).click();
  await page.getByRole('button', { name: 'Load more' }).waitFor();
  await expect(page.locator('tbody tr').count()).resolves.toBe(50);
  // Newest first: the last change through the API heads the list.
  await expect(page.locator('tbody tr').first().locator('li').textContent()).resolves.toMatch(/^frequencyCap\.maxMessages: (was )?56 → (now )?57$/);
  await page.getByRole('button', { name: 'Load more' }).click();
  // The button leaves while the next page loads, before its rows are in: wait for the rows themselves.
  await page.locator('tbody tr').nth(55).waitFor();
  await page.getByRole('button', { name: 'Load more' }).waitFor({ state: 'detached' });
  await expect(page.locator('tbody tr').count()).resolves.toBe(56);
  // The oldest is the change made by keyboard: from no cap to 2 in 7 days.
  const oldest = await page.locator('tbody tr').last().locator('li').textContent();
  expect(oldest).toMatch(/^frequencyCap: (was )?none → (now )?\{/);
  expect(oldest).toContain('"maxMessages":2');
  expect(oldest).toContain('"windowDays":7');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download CSV (these filters)' }).click();
  const csv = fs.readFileSync((await (await download).path())!, 'utf8');
  expect(csv.match(/settings\.mailing\.update/g)).toHaveLength(56);

  // A day range: nothing was changed tomorrow.
  const tomorrow = new Date(Date.now() + 86_400_000);
  const day = `${tomorrow.getFullYear()}-${String(tomorrow.getMonth() + 1).padStart(2, '0')}-${String(tomorrow.getDate()).padStart(2, '0')}`;
  await filters.getByLabel('From (day)').fill(day);
  await filters.getByRole('button', { name: 'Apply filters' }).click();
  await page.getByText('No change matches these filters.').waitFor();

  // The rule edited in the test before, by whom.
  await page.goto('/console/#/audit?action=rule.update');
  const ruleRow = page.getByRole('row').filter({ hasText: RULE_KEY });
  await ruleRow.waitFor();
  await expect(ruleRow.textContent()).resolves.toContain('enabled');
});
