import type { Page } from 'playwright-core';
import { authAs, consoleHarnessForFile, saveScreenshot } from './support/console-browser';

const harness = consoleHarnessForFile();

/** The English navigation labels an admin sees: none of them may show once the console is in Russian. */
const englishNav = ['Home', 'Approvals', 'My day', 'Accounts', 'Segments', 'Import', 'Campaigns', 'Events', 'Templates', 'Plans', 'Budgets', 'Collateral', 'Direct mail', 'Stock', 'Reports', 'Users', 'Rules', 'Settings', 'Audit log', 'My account'];
const cyrillic = /[А-Яа-яЁё]/;

const navLabels = (page: Page) => page.getByRole('navigation', { name: 'Основное меню' }).getByRole('link').allTextContents();

async function expectRussianNav(page: Page) {
  const labels = (await navLabels(page)).map((label) => label.replace(/\s*\(?\d+.*$/, '').trim());
  expect(labels.length).toBeGreaterThan(5);
  expect(labels.filter((label) => englishNav.includes(label) || !cyrillic.test(label))).toEqual([]);
}

test('an admin whose language is Russian sees my day, accounts, campaigns, plans and the admin pages in Russian, with Russian status names', async () => {
  const admin = await harness.app.userWithKey('admin');
  const { db } = harness.app.database;
  await db.user.update({ where: { id: admin.id }, data: { name: 'Анна Админова' } });
  await db.account.create({ data: { name: 'ООО Ромашка', ownerId: admin.id, status: 'POTENTIAL' } });
  // Signed in in English (the harness waits for "Sign out"), then Russian is chosen and the page reloaded.
  const page = await harness.openPage({ key: admin.key, path: '/my-day' });
  await page.getByRole('heading', { level: 1, name: 'My day' }).waitFor();
  const saved = await harness.app.request.put('/api/v1/me/preferences').set(authAs(admin)).send({ language: 'ru', timeZone: 'Europe/Moscow', dateFormat: 'dmy', currency: 'RUB' });
  expect(saved.status).toBe(200);
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Мой день' }).waitFor();
  await page.getByRole('heading', { name: 'Задачи на сегодня и просроченные' }).waitFor();
  await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe('ru');
  await expect(page.title()).resolves.toBe('Мой день · CRM');
  // The top bar: the role in Russian, the sign-out button, the skip link.
  await page.getByText('(администратор)').waitFor();
  await page.getByRole('button', { name: 'Выйти' }).waitFor();
  await expectRussianNav(page);

  await page.getByRole('navigation', { name: 'Основное меню' }).getByRole('link', { name: 'Клиенты' }).click();
  await page.getByRole('heading', { level: 1, name: 'Клиенты' }).waitFor();
  await page.getByRole('search', { name: 'Фильтр клиентов' }).waitFor();
  // humanize() of the enum code reads the status catalog.
  await expect(page.getByRole('row', { name: /ООО Ромашка/ }).textContent()).resolves.toContain('Потенциальный');
  await saveScreenshot(page, 'russian-accounts');

  await page.getByRole('navigation', { name: 'Основное меню' }).getByRole('link', { name: 'Кампании' }).click();
  await page.getByRole('heading', { level: 1, name: 'Кампании' }).waitFor();
  await expectRussianNav(page);

  // The campaign builder: its form labels, stage types and buttons.
  await page.getByRole('link', { name: 'Новая кампания' }).click();
  await page.getByRole('heading', { level: 1, name: 'Новая кампания' }).waitFor();
  await page.getByLabel('Название кампании').waitFor();
  await page.getByRole('button', { name: 'Сохранить черновик' }).waitFor();
  await saveScreenshot(page, 'russian-campaign-builder');

  await page.getByRole('navigation', { name: 'Основное меню' }).getByRole('link', { name: 'Планы' }).click();
  await page.getByRole('heading', { level: 1, name: 'Бизнес-планы' }).waitFor();

  await page.getByRole('navigation', { name: 'Основное меню' }).getByRole('link', { name: 'Пользователи' }).click();
  await page.getByRole('heading', { level: 1, name: 'Пользователи' }).waitFor();
  await expect(page.getByRole('row', { name: /Анна Админова/ }).textContent()).resolves.toContain('Администратор');

  await page.getByRole('navigation', { name: 'Основное меню' }).getByRole('link', { name: 'Правила' }).click();
  await page.getByRole('heading', { level: 1, name: 'Правила' }).waitFor();

  await page.getByRole('navigation', { name: 'Основное меню' }).getByRole('link', { name: 'Журнал аудита' }).click();
  await page.getByRole('heading', { level: 1, name: 'Журнал аудита' }).waitFor();
  await page.getByRole('button', { name: 'Применить фильтры' }).waitFor();
  await expectRussianNav(page);
  await saveScreenshot(page, 'russian-audit');

  expect(harness.pageErrors).toEqual([]);
}, 120_000);
