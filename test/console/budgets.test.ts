import { consoleHarnessForFile, saveScreenshot } from './support/console-browser';

const harness = consoleHarnessForFile();

test('a marketer starts a budget tree, is refused a sub-budget over what is left (named at the amount), funds a campaign, enters an order and marks it spent, and merges two sub-budgets', async () => {
  const marketer = await harness.app.userWithKey('marketer');
  const db = harness.app.database.db;
  await db.campaign.create({ data: { name: 'Budgeted mailing', currency: 'EUR', sources: { create: [{ code: 'POST', name: 'Post', cost: '250.00' }] } } });

  const page = await harness.openPage({ key: marketer.key, path: '/' });
  await page.getByRole('link', { name: 'Budgets' }).click();
  await page.getByRole('heading', { name: 'Budgets', level: 1 }).waitFor();
  await page.getByText('No budget yet.').waitFor();

  const form = page.getByRole('form', { name: 'New budget' });
  const fill = async (name: string, parent: string | null, amount: string) => {
    await form.getByLabel('Budget name').fill(name);
    if (parent) await form.getByLabel('Funded from').selectOption({ label: parent });
    await form.getByLabel('Starts').fill('2027-01-01');
    await form.getByLabel('Ends').fill('2027-12-31');
    await form.getByLabel('Amount').fill(amount);
    await form.getByRole('button', { name: 'Create the budget' }).click();
  };
  await fill('Marketing 2027', null, '10000');
  await page.getByRole('heading', { name: 'Budget: Marketing 2027' }).waitFor();
  await page.locator('dl[aria-label="Budget figures"]').getByText('10,000.00 EUR').first().waitFor();

  await page.goto('/console/#/budgets');
  await fill('Print', '  Marketing 2027 (10,000.00 EUR left)'.trim(), '12000');
  await form.getByText('2000.00 over what "Marketing 2027" has left', { exact: true }).waitFor();
  expect(await db.budget.count()).toBe(1);
  await form.getByLabel('Amount').fill('6000');
  await form.getByRole('button', { name: 'Create the budget' }).click();
  await page.getByRole('heading', { name: 'Budget: Print' }).waitFor();

  // Funding the campaign: its sub-source cost is spent from this budget.
  const funding = page.getByRole('form', { name: 'Fund a campaign or event' });
  await funding.getByLabel('Campaign').selectOption({ label: 'Budgeted mailing' });
  await funding.getByLabel('Funds').fill('3000');
  await funding.getByRole('button', { name: 'Fund it' }).click();
  await page.getByText('Funding saved.').waitFor();
  await page.getByRole('region', { name: 'Campaigns and events funded' }).getByText('Budgeted mailing: 3,000.00 EUR').waitFor();

  // An order for the campaign, then its invoice.
  const entry = page.getByRole('form', { name: 'New entry' });
  await entry.getByLabel('Supplier').fill('PrintCo');
  await entry.getByLabel('Entry amount').fill('400.50');
  await entry.getByLabel('State').selectOption('COMMITTED');
  await entry.getByLabel('For').selectOption({ label: 'Budgeted mailing' });
  await entry.getByRole('button', { name: 'Add the entry' }).click();
  await page.getByText('Entry added to the checkbook.').waitFor();
  const figures = page.locator('dl[aria-label="Budget figures"]');
  const figure = (label: string) => figures.locator('div', { has: page.locator('dt', { hasText: new RegExp(`^${label}$`) }) }).locator('dd');
  // The figures and the checkbook reload apart: wait for the figures themselves.
  const shown = (label: string, value: string) => figure(label).filter({ hasText: value }).waitFor();
  await shown('Committed', '400.50 EUR');
  expect(await figure('Spent').textContent()).toBe('250.00 EUR');
  await page.getByRole('button', { name: 'Mark PrintCo spent' }).click();
  await page.getByText('Marked as spent.').waitFor();
  await shown('Spent', '650.50 EUR');
  expect(await figure('Committed').textContent()).toBe('0.00 EUR');
  expect(await figure('Remaining').textContent()).toBe('5,349.50 EUR');
  await saveScreenshot(page, 'budget');

  // A sibling, then the merge: everything moves to it.
  await page.goto('/console/#/budgets');
  await fill('Print and post', 'Marketing 2027 (4,000.00 EUR left)', '1000');
  await page.getByRole('heading', { name: 'Budget: Print and post' }).waitFor();
  await page.goto('/console/#/budgets');
  await page.getByRole('link', { name: 'Print', exact: true }).click();
  await page.getByRole('heading', { name: 'Budget: Print' }).waitFor();
  await page.getByLabel('Merge into').selectOption({ label: 'Print and post' });
  await page.getByRole('button', { name: 'Merge “Print” into it' }).click();
  await page.getByRole('heading', { name: 'Budget: Print and post' }).waitFor();
  await shown('Amount', '7,000.00 EUR');
  expect(await figure('Spent').textContent()).toBe('650.50 EUR');
});
