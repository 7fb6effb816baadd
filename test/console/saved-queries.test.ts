import fs from 'node:fs';
import { authAs, consoleHarnessForFile, saveScreenshot } from './support/console-browser';

const harness = consoleHarnessForFile();
let nina: { id: string; key: string };
let omar: { id: string; key: string };
const day = (offset: number) => new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate() + offset));

beforeAll(async () => {
  [nina, omar] = await Promise.all([harness.app.userWithKey('manager'), harness.app.userWithKey('manager')]);
  const db = harness.app.database.db;
  const account = await db.account.create({ data: { name: 'Builder Ltd', ownerId: nina.id, status: 'POTENTIAL' } });
  const other = await db.account.create({ data: { name: 'Elsewhere Ltd', ownerId: omar.id, status: 'POTENTIAL' } });
  const deal = (accountId: string, ownerId: string, name: string, amount: number, closeIn: number, stage: 'PROPOSAL' | 'WON' = 'PROPOSAL') =>
    db.opportunity.create({ data: { accountId, ownerId, createdById: ownerId, name, amount, currency: 'EUR', stage, expectedCloseDate: day(closeIn) } });
  await deal(account.id, nina.id, 'Soon deal', 1200, 3);
  await deal(account.id, nina.id, 'Later deal', 54000.5, 20);
  await deal(account.id, nina.id, '=Formula deal', 10, 25);
  await deal(account.id, nina.id, 'Far deal', 99, 90);
  await deal(other.id, omar.id, 'Omar deal', 5, 3);
});

test('a manager builds "deals closing in the next 30 days" with a live count, fixes a bad amount shown at its field, saves it, runs it and downloads the CSV', async () => {
  const page = await harness.openPage({ key: nina.key, path: '/queries' });
  await page.getByRole('heading', { name: 'Saved queries' }).waitFor();
  await page.getByRole('link', { name: 'New saved query' }).click();
  await page.getByRole('heading', { name: 'New saved query' }).waitFor();
  await page.getByLabel('List').selectOption('opportunities');
  // No condition: every deal the manager may see (her own account's four).
  await page.waitForFunction(() => document.querySelector('[data-testid="live-count"]')?.textContent === '4 rows');

  await page.getByRole('button', { name: 'Add a condition' }).click();
  const first = page.getByRole('group', { name: 'Condition 1' });
  await first.getByLabel('Field').selectOption('expectedCloseDate');
  await first.getByLabel('Operator').selectOption('between');
  const from = first.getByRole('group', { name: 'From' });
  await from.getByLabel('How many').fill('0');
  const to = first.getByRole('group', { name: 'To (included)' });
  await to.getByLabel('How many').fill('30');
  await to.getByLabel('Direction').selectOption('ahead');
  await page.waitForFunction(() => document.querySelector('[data-testid="live-count"]')?.textContent === '3 rows');

  // A condition on the amount with no amount: the live count says what is wrong, next to the field.
  await page.getByRole('button', { name: 'Add a condition' }).click();
  const second = page.getByRole('group', { name: 'Condition 2' });
  await second.getByLabel('Field').selectOption('amount');
  await second.getByLabel('Operator').selectOption('gte');
  const amountField = second.locator('.field').filter({ has: page.getByLabel('Amount') });
  await expect(amountField.locator('.field-error').textContent()).resolves.toBe('required: give a value to compare with');
  await expect(page.getByRole('alert').filter({ hasText: 'The conditions cannot be counted yet' }).textContent()).resolves.toContain('Amount');
  await second.getByLabel('Amount').fill('1000');
  await page.waitForFunction(() => document.querySelector('[data-testid="live-count"]')?.textContent === '2 rows');
  await expect(amountField.locator('.field-error').count()).resolves.toBe(0);

  await page.getByRole('button', { name: 'Add a sort' }).click();
  await page.getByLabel('Sort by (1)').selectOption('expectedCloseDate');
  await page.getByLabel('Query name').fill('Big deals closing soon');
  await page.getByLabel('Who sees it').selectOption('team');
  await saveScreenshot(page, 'saved-query-builder');
  await page.getByRole('button', { name: 'Save query' }).click();

  await page.getByRole('heading', { name: 'Big deals closing soon' }).waitFor();
  const rows = page.locator('table.query-rows tbody tr');
  await rows.nth(1).waitFor();
  await expect(rows.count()).resolves.toBe(2);
  const cells = await rows.nth(0).getByRole('cell').allTextContents();
  expect(cells[0]).toBe('Soon deal');
  expect(cells[1]).toBe('Builder Ltd');
  expect(cells[3]).toMatch(/^€\s?1,200\.00$/);
  expect(cells.join(' ')).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  await saveScreenshot(page, 'saved-query-run');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
  expect(download.suggestedFilename()).toBe('Big deals closing soon.csv');
  const csv = fs.readFileSync((await download.path())!, 'utf8').split('\r\n');
  expect(csv[0]).toBe('Deal,Account,Stage,Amount,Expected close');
  expect(csv.slice(1, 3)).toEqual([`Soon deal,Builder Ltd,PROPOSAL,1200,${day(3).toISOString().slice(0, 10)}`, `Later deal,Builder Ltd,PROPOSAL,54000.5,${day(20).toISOString().slice(0, 10)}`]);

  const saved = await harness.app.request.get('/api/v1/queries').set(authAs(nina));
  expect(saved.body.items).toEqual([expect.objectContaining({ name: 'Big deals closing soon', entity: 'opportunities', visibility: 'team' })]);
});

test('a query shared by another team member is listed with its owner and runs, but offers no edit', async () => {
  const boss = await harness.app.userWithKey('manager');
  await harness.app.database.db.user.updateMany({ where: { id: { in: [nina.id, omar.id] } }, data: { managerId: boss.id } });
  const shared = await harness.app.request.post('/api/v1/queries').set(authAs(nina)).send({ name: 'Nina’s open deals', entity: 'opportunities', visibility: 'team', filters: [{ field: 'owner', op: 'eq', value: 'me' }] });
  expect(shared.status).toBe(201);
  const page = await harness.openPage({ key: omar.key, path: '/queries' });
  const row = page.getByRole('row').filter({ hasText: 'Nina’s open deals' });
  await expect(row.getByRole('cell').nth(3).textContent()).resolves.toBe('Shared with the team');
  await row.getByRole('link', { name: 'Nina’s open deals' }).click();
  await page.getByRole('heading', { name: 'Nina’s open deals' }).waitFor();
  // "me" is whoever runs it: Omar's own deal.
  await page.locator('table.query-rows tbody tr').first().waitFor();
  await expect(page.locator('table.query-rows tbody tr').allTextContents()).resolves.toEqual([expect.stringContaining('Omar deal')]);
  await expect(page.getByRole('link', { name: 'Edit query' }).count()).resolves.toBe(0);
});
