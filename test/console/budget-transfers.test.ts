import type { Locator, Page } from 'playwright-core';
import { eventually } from '../support/eventually';
import { authAs, consoleHarnessForFile, saveScreenshot } from './support/console-browser';

const harness = consoleHarnessForFile();
type User = { id: string; key: string };
// marketer asks; Print is Olivia's (her manager is Bob), Fairs is Theo's; the root is the marketer's.
let marketer: User, olivia: User, bob: User, theo: User, admin: User;
const budgets: Record<'root' | 'print' | 'fairs', string> = { root: '', print: '', fairs: '' };

async function apiOk<T = any>(response: Promise<{ status: number; body: any }>, status = 200): Promise<T> {
  const answer = await response;
  if (answer.status !== status) throw new Error(`expected ${status}, got ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body;
}

async function named(role: 'marketer' | 'manager' | 'admin', name: string): Promise<User> {
  const user = await harness.app.userWithKey(role);
  await harness.app.database.db.user.update({ where: { id: user.id }, data: { name } });
  return user;
}

const createBudget = async (body: object) =>
  (await apiOk<{ id: string }>(harness.app.request.post('/api/v1/budgets').set(authAs(marketer)).send({ periodStart: '2027-01-01', periodEnd: '2027-12-31', ...body }), 201)).id;

const askByApi = (amount: number, reason: string) =>
  apiOk<{ id: string }>(harness.app.request.post('/api/v1/budget-transfers').set(authAs(marketer)).send({ fromBudgetId: budgets.print, toBudgetId: budgets.fairs, amount, reason }), 201);

beforeAll(async () => {
  [marketer, olivia, bob, theo, admin] = await Promise.all([named('marketer', 'Mia Marketing'), named('manager', 'Olivia Owner'), named('manager', 'Bob Boss'), named('manager', 'Theo Other'), named('admin', 'Ada Admin')]);
  await harness.app.database.db.user.update({ where: { id: olivia.id }, data: { managerId: bob.id } });
  budgets.root = await createBudget({ name: 'Marketing 2027', ownerId: marketer.id, currency: 'EUR', amount: 10_000 });
  budgets.print = await createBudget({ name: 'Print', parentId: budgets.root, ownerId: olivia.id, amount: 5_000 });
  budgets.fairs = await createBudget({ name: 'Fairs', parentId: budgets.root, ownerId: theo.id, amount: 2_000 });
});

const openBudget = async (user: User, key: keyof typeof budgets, name: string) => {
  const page = await harness.openPage({ key: user.key, path: `/budgets/${budgets[key]}` });
  await page.getByRole('heading', { name: `Budget: ${name}`, level: 1 }).waitFor();
  return page;
};

/** Waits until a figure of the budget page ("Amount", "Unallocated") reads `text`: the page reloads them after a change. */
const figureReads = (page: Page, label: string, text: string) =>
  eventually(async () => expect(await page.locator('dl[aria-label="Budget figures"]').locator('div', { has: page.locator('dt', { hasText: new RegExp(`^${label}$`) }) }).locator('dd').textContent()).toBe(text));

const transfers = (page: Page) => page.getByRole('region', { name: 'Transfers' });
const transferTitle = (amount: string) => `transfer of ${amount} EUR from "Print" to "Fairs"`;

/** Opens the approvals inbox as `user` and decides the one transfer card; the inbox tells what became of it. */
async function decideInInbox(user: User, amount: string, decide: (card: Locator) => Promise<void>, outcome: string) {
  const page = await harness.openPage({ key: user.key, path: '/approvals' });
  const card = page.getByRole('article', { name: `${amount} EUR from Print to Fairs` });
  await card.waitFor();
  await expect(card.textContent()).resolves.toContain('Mia Marketing');
  await decide(card);
  await page.getByRole('status').filter({ hasText: outcome }).waitFor();
  await card.waitFor({ state: 'detached' });
  return page;
}

test('a marketer asks for a transfer on the budget page (refused first at the amount, nothing written); both sides approve in the inbox and the page shows it applied with the new figures', async () => {
  const db = harness.app.database.db;
  const page = await openBudget(marketer, 'print', 'Print');
  await transfers(page).getByText('No transfer from or to this budget.').waitFor();

  const form = page.getByRole('form', { name: 'Transfer funds' });
  await form.getByLabel('To budget').selectOption({ label: 'Fairs' });
  await form.getByLabel('Amount to transfer').fill('6000');
  await form.getByLabel('Reason').fill('The spring fair grew');
  await form.getByRole('button', { name: 'Ask for the transfer' }).click();
  await form.getByText('1000.00 over what "Print" has left', { exact: true }).waitFor();
  await expect(form.getByLabel('Amount to transfer').getAttribute('aria-invalid')).resolves.toBe('true');
  expect(await db.budgetTransfer.count()).toBe(0);

  await form.getByLabel('Amount to transfer').fill('1500.50');
  await form.getByRole('button', { name: 'Ask for the transfer' }).click();
  await page.getByRole('status').filter({ hasText: 'Transfer asked: it waits for Olivia Owner or Bob Boss to approve for “Print” and Theo Other to approve for “Fairs”.' }).waitFor();
  const item = transfers(page).getByRole('article', { name: 'To Fairs: 1,500.50 EUR' });
  await item.getByText('Waits for Olivia Owner or Bob Boss').waitFor();
  await expect(item.textContent()).resolves.toMatch(/Pending.*Asked byMia Marketing.*ReasonThe spring fair grew.*Receiving “Fairs”Waits for Theo Other/);
  // Who asked does not approve, but may withdraw.
  await expect(item.getByRole('button', { name: `Approve ${transferTitle('1,500.50')}` }).count()).resolves.toBe(0);
  await item.getByRole('button', { name: `Withdraw the ${transferTitle('1,500.50')}` }).waitFor();

  const approve = (card: Locator) => card.getByRole('button', { name: `Approve ${transferTitle('1,500.50')}` }).click();
  const inbox = await decideInInbox(theo, '1,500.50', async (card) => {
    await expect(card.textContent()).resolves.toContain('The receiving side (“Fairs”)');
    await saveScreenshot(card.page(), 'approvals-budget-transfer');
    await approve(card);
  }, `Approved ${transferTitle('1,500.50')}: it waits for Olivia Owner or Bob Boss to approve for “Print”.`);
  await inbox.getByText('Nothing waits for your decision.').waitFor();
  await decideInInbox(bob, '1,500.50', approve, `Approved ${transferTitle('1,500.50')}: the funds moved.`);

  await page.reload();
  await item.getByText('Applied', { exact: true }).waitFor();
  await item.getByText(/^Approved by Bob Boss, /).waitFor();
  await item.getByText(/^Approved by Theo Other, /).waitFor();
  await figureReads(page, 'Amount', '3,499.50 EUR');
  await expect(item.getByRole('button').count()).resolves.toBe(0);
  // Dates read as dates, people and budgets by name: no ISO timestamp or id on show.
  const shown = (await transfers(page).textContent()) ?? '';
  expect(shown).not.toMatch(/\d{4}-\d{2}-\d{2}T|[0-9a-f]{8}-[0-9a-f]{4}-/);
  await saveScreenshot(page, 'budget-transfers');

  const fairs = await openBudget(marketer, 'fairs', 'Fairs');
  await transfers(fairs).getByRole('article', { name: 'From Print: 1,500.50 EUR' }).getByText('Applied', { exact: true }).waitFor();
  await figureReads(fairs, 'Amount', '3,500.50 EUR');
  const applied = await db.budgetTransfer.findFirstOrThrow();
  expect([applied.status, applied.amount.toFixed(2)]).toEqual(['APPLIED', '1500.50']);
});

test('an approver rejects with a reason from the inbox, and who asked withdraws another from the budget page; the funds stay', async () => {
  const rejected = await askByApi(200, 'Banners');
  await decideInInbox(olivia, '200.00', async (card) => {
    const reject = card.getByRole('button', { name: `Reject ${transferTitle('200.00')}` });
    await reject.click();
    await card.getByText('Give a reason to reject').waitFor();
    await card.getByLabel('Comment or reason').fill('Not this quarter');
    await reject.click();
  }, `Rejected ${transferTitle('200.00')}: it is rejected.`);

  // Olivia keeps no budgets: she reads the outcome but is offered no transfer form.
  const oliviaPage = await openBudget(olivia, 'print', 'Print');
  const rejectedItem = transfers(oliviaPage).getByRole('article', { name: 'To Fairs: 200.00 EUR' });
  await rejectedItem.getByText('Rejected', { exact: true }).waitFor();
  await expect(rejectedItem.textContent()).resolves.toMatch(/by Olivia Owner, .*Why rejectedNot this quarter/);
  await expect(oliviaPage.getByRole('form', { name: 'Transfer funds' }).count()).resolves.toBe(0);

  const page = await openBudget(marketer, 'print', 'Print');
  const form = page.getByRole('form', { name: 'Transfer funds' });
  await form.getByLabel('To budget').selectOption({ label: 'Fairs' });
  await form.getByLabel('Amount to transfer').fill('300');
  await form.getByLabel('Reason').fill('Stands');
  await form.getByRole('button', { name: 'Ask for the transfer' }).click();
  const item = transfers(page).getByRole('article', { name: 'To Fairs: 300.00 EUR' });
  await item.getByText('Pending', { exact: true }).waitFor();
  await item.getByRole('button', { name: `Withdraw the ${transferTitle('300.00')}` }).click();
  await item.getByLabel('Comment (optional)').fill('Found the money elsewhere');
  await item.getByRole('button', { name: 'Withdraw the request' }).click();
  await page.getByRole('status').filter({ hasText: `Withdrew the ${transferTitle('300.00')}: it is withdrawn.` }).waitFor();
  await item.getByText('Cancelled', { exact: true }).waitFor();
  await expect(item.textContent()).resolves.toMatch(/by Mia Marketing, .*CommentFound the money elsewhere/);
  await figureReads(page, 'Amount', '3,499.50 EUR');

  const db = harness.app.database.db;
  expect(await db.budgetTransfer.findUniqueOrThrow({ where: { id: rejected.id } })).toMatchObject({ status: 'REJECTED', comment: 'Not this quarter' });
  expect(await db.budgetTransfer.findFirstOrThrow({ where: { reason: 'Stands' } })).toMatchObject({ status: 'CANCELLED', comment: 'Found the money elsewhere' });
  expect((await db.budget.findUniqueOrThrow({ where: { id: budgets.print } })).amount.toFixed(2)).toBe('3499.50');
});

test('an admin finds a transfer waiting for others in the inbox, marked on behalf, and approves it on behalf of the approvers from the budget page', async () => {
  await askByApi(100, 'Flyers');
  const inbox = await harness.openPage({ key: admin.key, path: '/approvals' });
  await inbox.getByText('Nothing waits for your decision.').waitFor();
  await inbox.getByLabel('Kind').selectOption('budget-transfer');
  await inbox.getByLabel('Waiting for').selectOption('all');
  const card = inbox.getByRole('article', { name: '100.00 EUR from Print to Fairs' });
  await card.getByText('You are not an approver: as an admin you decide on behalf of Olivia Owner, Bob Boss, Theo Other').waitFor();
  await card.getByText('The giving side (“Print”) and the receiving side (“Fairs”)').waitFor();

  const page = await openBudget(admin, 'print', 'Print');
  const item = transfers(page).getByRole('article', { name: 'To Fairs: 100.00 EUR' });
  await item.getByText('As an admin you decide on behalf of the approvers, for the giving side (“Print”) and the receiving side (“Fairs”).').waitFor();
  await item.getByRole('button', { name: `Approve ${transferTitle('100.00')}` }).click();
  await page.getByRole('status').filter({ hasText: `Approved ${transferTitle('100.00')}: the funds moved.` }).waitFor();
  await item.getByText(/by Ada Admin \(an admin, on behalf of the approvers\), /).waitFor();
  await figureReads(page, 'Amount', '3,399.50 EUR');
});
