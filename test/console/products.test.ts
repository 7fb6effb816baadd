import { authAs, consoleHarnessForFile, saveScreenshot } from './support/console-browser';

const harness = consoleHarnessForFile();

test('a marketer keeps the catalog: adds a product with its price list, is told which field is wrong, edits a price and retires a product', async () => {
  const marketer = await harness.app.userWithKey('marketer');
  const page = await harness.openPage({ key: marketer.key, path: '/' });
  await page.getByRole('link', { name: 'Products' }).click();
  await page.getByRole('heading', { name: 'Products', level: 1 }).waitFor();

  const form = page.getByRole('form', { name: 'New product' });
  await form.getByLabel('Code').fill('CRM-PRO');
  await form.getByLabel('Product name').fill('CRM Professional');
  await form.getByLabel('Family').fill('Software');
  await form.getByLabel('Currency (price 1)').fill('EUR');
  await form.getByLabel('Unit price (price 1)').fill('100');
  await form.getByRole('button', { name: 'Add a price' }).click();
  await form.getByLabel('Currency (price 2)').fill('usd');
  await form.getByLabel('Unit price (price 2)').fill('120');
  await form.getByRole('button', { name: 'Add to the catalog' }).click();
  await page.getByText('“CRM Professional” added to the catalog.').waitFor();
  const row = page.getByRole('row', { name: /CRM Professional/ });
  await row.getByText(/USD\s120\.00/).waitFor();

  // The same code in another case: refused, named by its label, nothing added.
  await form.getByLabel('Code').fill('crm-pro');
  await form.getByLabel('Product name').fill('Copy');
  await form.getByLabel('Family').fill('Software');
  await form.getByLabel('Unit price (price 1)').fill('5');
  await form.getByRole('button', { name: 'Add to the catalog' }).click();
  await form.getByText(/is already the code of another product/).first().waitFor();
  expect(await harness.app.database.db.product.count({ where: { name: 'Copy' } })).toBe(0);

  await row.getByRole('button', { name: 'Edit CRM Professional' }).click();
  const edit = page.getByRole('form', { name: 'Edit CRM Professional' });
  await edit.getByLabel('Unit price (price 1)').fill('110');
  await edit.getByRole('button', { name: 'Save product' }).click();
  await page.getByText('“CRM Professional” saved.').waitFor();
  await page.getByRole('row', { name: /CRM Professional/ }).getByText('€110.00').waitFor();
  await saveScreenshot(page, 'products');

  await page.getByRole('button', { name: 'Retire CRM Professional' }).click();
  await page.getByText('“CRM Professional” retired: it stays on past deals.').waitFor();
  await page.getByText('No product matches these filters.').waitFor();
  await page.getByLabel('Show').selectOption('retired');
  await page.getByRole('row', { name: /CRM Professional/ }).waitFor();
});

test('a manager puts products on a deal from the account page: the price comes from the price list, the total updates as they type, and the won deal shows in the installed products', async () => {
  const manager = await harness.app.userWithKey('manager');
  const marketer = await harness.app.userWithKey('marketer');
  const request = harness.app.request;
  const created = await request.post('/api/v1/products').set(authAs(marketer)).send({ code: 'SEAT-1', name: 'Seat licence', family: 'Software', prices: [{ currency: 'EUR', unitPrice: 100 }] });
  expect(created.status).toBe(201);
  const account = await request.post('/api/v1/accounts').set(authAs(manager)).send({ name: 'Seat Buyer GmbH', contacts: [{ name: 'Dana Buyer' }] });
  const accountId = account.body.account.id as string;
  expect((await request.post(`/api/v1/accounts/${accountId}/take`).set(authAs(manager))).status).toBe(200);
  const deal = await request.post('/api/v1/opportunities').set(authAs(manager)).send({ accountId, name: 'Seats for the sales team', amount: 0, currency: 'EUR', stage: 'PROPOSAL' });
  expect(deal.status).toBe(201);

  const page = await harness.openPage({ key: manager.key, path: `/accounts/${accountId}` });
  const deals = page.getByRole('region', { name: 'Deals and their products' });
  const card = deals.getByRole('article', { name: /Seats for the sales team/ });
  await card.getByText('No product on this deal: its amount is set by hand.').waitFor();

  const add = card.getByRole('form', { name: 'Add a product to Seats for the sales team' });
  await add.getByLabel('Find a product').fill('SEAT');
  await add.getByLabel('Product to add').selectOption({ label: 'SEAT-1 · Seat licence' });
  await expectValue(add.getByLabel('Unit price, EUR'), '100');
  await add.getByLabel('Quantity').fill('3');
  await add.getByLabel('Discount, %').fill('10');
  await card.getByText('Deal total: €270.00').waitFor();
  await add.getByRole('button', { name: 'Add product' }).click();
  await card.getByText('Amount €270.00').waitFor();

  // A quantity that is no number of units: refused, said at the field.
  await card.getByLabel('Quantity of Seat licence').fill('0');
  await card.getByText('Deal total: €0.00').waitFor();
  await card.getByRole('button', { name: 'Save Seat licence' }).click();
  await card.getByText('must be more than 0').first().waitFor();
  await card.getByLabel('Quantity of Seat licence').fill('5');
  await card.getByText('Deal total: €450.00').waitFor();
  await card.getByRole('button', { name: 'Save Seat licence' }).click();
  await card.getByText('Amount €450.00').waitFor();
  expect((await request.get(`/api/v1/opportunities/${deal.body.id}`).set(authAs(manager))).body.amount).toBe(450);
  await saveScreenshot(page, 'deal-line-items');

  // Won through the API: the account's installed products show it.
  expect((await request.patch(`/api/v1/opportunities/${deal.body.id}`).set(authAs(manager)).send({ stage: 'WON' })).status).toBe(200);
  await page.reload();
  const installed = page.getByRole('region', { name: 'Installed products' });
  const line = installed.getByRole('row', { name: /Seat licence/ });
  await line.getByText('Seats for the sales team').waitFor();
  await line.getByRole('cell', { name: '5', exact: true }).waitFor();
});

async function expectValue(locator: import('playwright-core').Locator, value: string) {
  await locator.page().waitForFunction(([element, expected]) => (element as HTMLInputElement).value === expected, [await locator.elementHandle(), value] as const);
}

test('an objective names a product picked from the catalog, and the plan page reads the plan and the objective per product', async () => {
  const request = harness.app.request;
  const [marketer, manager, approver] = await Promise.all([harness.app.userWithKey('marketer'), harness.app.userWithKey('manager'), harness.app.userWithKey('admin')]);
  const kit = await request.post('/api/v1/products').set(authAs(marketer)).send({ code: 'SAMP-KIT', name: 'Sampling kit', family: 'Samples', prices: [{ currency: 'EUR', unitPrice: 40 }] });
  const plan = await request.post('/api/v1/plans').set(authAs(marketer)).send({ name: 'Sampling 2027', periodStart: '2027-01-01', periodEnd: '2027-12-31', revenueTarget: 1000, currency: 'EUR', approverIds: [approver.id] });
  expect([kit.status, plan.status]).toEqual([201, 201]);
  const account = await request.post('/api/v1/accounts').set(authAs(manager)).send({ name: 'Kit Buyer', contacts: [{ name: 'Kim Buyer' }] });
  const accountId = account.body.account.id as string;
  expect((await request.post(`/api/v1/accounts/${accountId}/take`).set(authAs(manager))).status).toBe(200);
  const deal = await request.post('/api/v1/opportunities').set(authAs(manager)).send({ accountId, name: 'Kits for the shops', amount: 0, currency: 'EUR', planId: plan.body.id });
  expect((await request.post(`/api/v1/opportunities/${deal.body.id}/line-items`).set(authAs(manager)).send({ productId: kit.body.id, quantity: 5 })).status).toBe(201);
  expect((await request.patch(`/api/v1/opportunities/${deal.body.id}`).set(authAs(manager)).send({ stage: 'WON' })).status).toBe(200);

  const page = await harness.openPage({ key: marketer.key, path: `/plans/${plan.body.id}` });
  const progress = page.getByRole('region', { name: 'Progress' });
  await progress.getByRole('table', { name: 'The plan per product' }).getByRole('row', { name: /Sampling kit/ }).getByText('€200.00').waitFor();

  await page.getByLabel('Objective name').fill('Place sampling kits');
  await page.getByLabel('What is counted').fill('KITS');
  await page.getByLabel('Target', { exact: true }).fill('20');
  await page.getByLabel('Unit', { exact: true }).fill('kits');
  await page.getByLabel('Find a product').fill('SAMP');
  await page.getByLabel('Products it is about').selectOption({ label: 'SAMP-KIT · Sampling kit' });
  await page.getByRole('list', { name: 'Chosen products' }).getByText('SAMP-KIT · Sampling kit').waitFor();
  await page.getByRole('button', { name: 'Add objective' }).click();
  await page.getByRole('heading', { level: 3, name: 'Place sampling kits' }).waitFor();
  const perProduct = page.getByRole('table', { name: 'Place sampling kits: per product' });
  await perProduct.getByRole('row', { name: /Sampling kit/ }).getByText('€200.00').waitFor();
  const objectives = (await request.get(`/api/v1/plans/${plan.body.id}/objectives`).set(authAs(marketer))).body.items;
  expect(objectives[0].products).toEqual([{ id: kit.body.id, code: 'SAMP-KIT', name: 'Sampling kit' }]);
  await saveScreenshot(page, 'plan-per-product');
});

test('a plan made on the console names products picked from the catalog', async () => {
  const request = harness.app.request;
  const approverEmail = `plan-approver-${Date.now()}@example.com`;
  const [marketer] = await Promise.all([harness.app.userWithKey('marketer'), harness.app.userWithKey('admin', approverEmail)]);
  expect((await request.post('/api/v1/products').set(authAs(marketer)).send({ code: 'PLAN-KIT', name: 'Planned kit', family: 'Samples', prices: [{ currency: 'EUR', unitPrice: 10 }] })).status).toBe(201);
  const page = await harness.openPage({ key: marketer.key, path: '/plans/new' });
  await page.getByLabel('Name', { exact: true }).fill('Kits 2028');
  await page.getByLabel('Period start').fill('2028-01-01');
  await page.getByLabel('Period end').fill('2028-12-31');
  await page.getByLabel('Find a product').fill('PLAN-KIT');
  await page.getByLabel('Products the plan is about').selectOption({ label: 'PLAN-KIT · Planned kit' });
  await page.getByRole('list', { name: 'Chosen products' }).getByText('PLAN-KIT · Planned kit').waitFor();
  await page.getByRole('group', { name: 'Approvers' }).getByLabel(new RegExp(approverEmail)).check();
  await page.getByLabel('Also create the four quarterly plans').uncheck();
  await page.getByRole('button', { name: 'Create plan' }).click();
  await page.getByRole('heading', { level: 1, name: 'Kits 2028' }).waitFor();
  await page.getByRole('definition').filter({ hasText: 'PLAN-KIT · Planned kit' }).waitFor();
  const planId = /\/plans\/([0-9a-f-]{36})/.exec(page.url())![1];
  const plan = (await request.get(`/api/v1/plans/${planId}`).set(authAs(marketer))).body as { name: string; products: { code: string }[] };
  expect([plan.name, plan.products.map((product) => product.code)]).toEqual(['Kits 2028', ['PLAN-KIT']]);
});
