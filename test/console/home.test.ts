import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { authAs, consoleHarnessForFile, PHONE, saveScreenshot } from './support/console-browser';

const harness = consoleHarnessForFile();

/** Why a task or notification exists, as a rule leaves it (the pages explain it). */
const why = { ruleId: randomUUID(), ruleKey: 'follow-up-without-next-step', ruleVersion: 1, trigger: 'activity logged', conditions: [], dueExplanation: 'due 2 business days later' };

/** Waits until the focused element is the button named `label` (the focus moves after the re-render). */
const focusOn = (page: Page, label: string) => page.waitForFunction((name) => document.activeElement?.getAttribute('aria-label') === name, label);

/** The headings of the home page's tiles, in the order shown. */
const tileHeadings = (page: Page) => page.locator('.home-tiles h2').allTextContents();

async function managerWithWork(name: string) {
  const manager = await harness.app.userWithKey('manager');
  const { db } = harness.app.database;
  await db.user.update({ where: { id: manager.id }, data: { name } });
  const account = await db.account.create({ data: { name: 'Orion Logistics', ownerId: manager.id, status: 'POTENTIAL' } });
  await db.task.create({ data: { accountId: account.id, assigneeId: manager.id, type: 'CALL', title: 'Call back Orion', dueAt: new Date(Date.now() - 3_600_000), why } });
  await db.opportunity.create({ data: { accountId: account.id, name: 'Orion fleet', amount: 1200, currency: 'EUR', stage: 'PROPOSAL', createdById: manager.id } });
  return { ...manager, account };
}

test('a manager lands on their home page, adds, removes and reorders tiles by keyboard, and a reload keeps them', async () => {
  const manager = await managerWithWork('Mona Home');
  const query = await harness.app.request.post('/api/v1/queries').set(authAs(manager)).send({ name: 'Deals in proposal', entity: 'opportunities' });
  expect(query.status).toBe(201);

  const page = await harness.openPage({ key: manager.key });
  await page.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
  expect(page.url()).toMatch(/#\/home$/);
  // The manager's default: tasks, pipeline, notifications, approvals.
  const tasks = page.getByRole('region', { name: 'My tasks due today and overdue' });
  await tasks.getByText('Call back Orion').waitFor();
  await tasks.getByRole('link', { name: 'Orion Logistics' }).waitFor();
  const pipeline = page.getByRole('region', { name: 'My pipeline' });
  await expect(pipeline.getByRole('row', { name: /Proposal/ }).textContent()).resolves.toContain('€1,200.00');
  await expect(tileHeadings(page)).resolves.toEqual(['My tasks due today and overdue', 'My pipeline', 'Unread notifications', 'Approvals waiting for me']);

  await page.getByRole('button', { name: 'Edit home' }).click();
  const editor = page.getByRole('form', { name: 'Edit home' });
  await editor.getByRole('button', { name: 'Remove tile 4 “Approvals waiting for me”' }).click();
  // By keyboard: the notifications go up twice, to the top; the focus follows the tile.
  await editor.getByRole('button', { name: 'Move tile 3 “Unread notifications” up' }).focus();
  await page.keyboard.press('Enter');
  await focusOn(page, 'Move tile 2 “Unread notifications” up');
  await page.keyboard.press('Enter');
  // At the top its Move up is gone: the focus is on its Move down.
  await focusOn(page, 'Move tile 1 “Unread notifications” down');

  await editor.getByLabel('Add a tile').selectOption({ label: 'Saved query' });
  await editor.getByRole('button', { name: 'Add tile' }).click();
  const added = editor.getByRole('listitem').filter({ has: page.getByRole('heading', { name: '4. Saved query' }) });
  await added.getByLabel('Saved query', { exact: true }).selectOption({ label: 'Deals in proposal' });
  await added.getByLabel('Show', { exact: true }).selectOption({ label: 'How many it finds' });
  await editor.getByRole('button', { name: 'Save home page' }).click();
  await page.getByText('Your home page is saved.').waitFor();

  const expected = ['Unread notifications', 'My tasks due today and overdue', 'My pipeline', 'Deals in proposal'];
  await page.getByRole('region', { name: 'Deals in proposal' }).getByText('found now').waitFor();
  await expect(page.getByRole('region', { name: 'Deals in proposal' }).locator('.figure').textContent()).resolves.toBe('1');
  await expect(tileHeadings(page)).resolves.toEqual(expected);
  await saveScreenshot(page, 'home');

  await page.reload();
  await page.getByRole('region', { name: 'Deals in proposal' }).getByText('found now').waitFor();
  await expect(tileHeadings(page)).resolves.toEqual(expected);
  const saved = await harness.app.request.get('/api/v1/me/home').set(authAs(manager));
  expect(saved.body.tiles.map((tile: { kind: string }) => tile.kind)).toEqual(['notifications', 'my-tasks', 'my-pipeline', 'saved-query']);
  // /my-day still works beside the home page.
  await page.getByRole('link', { name: 'Open My day' }).click();
  await page.getByRole('heading', { level: 1, name: 'My day' }).waitFor();
}, 120_000);

test('a manager switches to Russian, Moscow time and day-first dates: the home page re-renders in Russian at once and after a reload', async () => {
  const manager = await managerWithWork('Олег Петров');
  // 22:15 UTC on 1 March is 01:15 on 2 March in Moscow (UTC+3).
  await harness.app.database.db.notification.create({ data: { recipientId: manager.id, message: 'Late order', why, dedupeKey: randomUUID(), createdAt: new Date('2026-03-01T22:15:00Z') } });

  const page = await harness.openPage({ key: manager.key, path: '/account' });
  const form = page.getByRole('form', { name: 'Preferences' });
  await form.getByLabel('Language').selectOption('ru');
  await form.getByLabel('Time zone').fill('Europe/Moscow');
  await form.getByLabel('Date format').selectOption('dmy');
  // The live example follows the choice before it is saved.
  await form.getByText(/^Example: \d{2}\.\d{2}\.\d{4} \d{2}:\d{2}$/).waitFor();
  await form.getByRole('button', { name: 'Save preferences' }).click();

  // No reload: the same page is now in Russian.
  await page.getByRole('form', { name: 'Настройки' }).getByText('Настройки сохранены.').waitFor();
  await page.getByRole('form', { name: 'Настройки' }).getByRole('button', { name: 'Сохранить настройки' }).waitFor();
  await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe('ru');
  await expect(harness.app.request.get('/api/v1/me/preferences').set(authAs(manager)).then((answer) => answer.body)).resolves.toEqual({ language: 'ru', timeZone: 'Europe/Moscow', dateFormat: 'dmy', currency: 'EUR', saved: true });

  await page.getByRole('navigation').getByRole('link', { name: 'Главная' }).click();
  await page.getByRole('heading', { level: 1, name: 'Главная' }).waitFor();
  const notifications = page.getByRole('region', { name: 'Непрочитанные уведомления' });
  await notifications.getByText('Late order').waitFor();
  await notifications.getByText('02.03.2026 01:15').waitFor();
  await page.getByRole('region', { name: 'Мои задачи на сегодня и просроченные' }).getByText('Call back Orion').waitFor();
  await expect(page.getByRole('region', { name: 'Моя воронка' }).getByRole('row', { name: /Предложение/ }).textContent()).resolves.toMatch(/1\s200,00\s€/);
  await saveScreenshot(page, 'home-russian');

  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Главная' }).waitFor();
  await page.getByRole('region', { name: 'Непрочитанные уведомления' }).getByText('02.03.2026 01:15').waitFor();
  await page.getByRole('button', { name: 'Настроить главную' }).waitFor();
  // The tiles fit a phone, Russian words and all.
  await page.setViewportSize(PHONE);
  await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(PHONE.width);
}, 120_000);
