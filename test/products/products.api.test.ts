import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from '../support/test-app';
import { planSeeds } from '../plans/progress/plan-seeds';

let t: TestApp;
let seeds: ReturnType<typeof planSeeds>;
let admin: { id: string; key: string };
let marketer: { id: string; key: string };
let nina: { id: string; key: string };
let omar: { id: string; key: string };

beforeAll(async () => {
  t = await startTestApp();
  seeds = planSeeds(t);
  [admin, marketer, nina, omar] = await Promise.all([t.userWithKey('admin'), t.userWithKey('marketer'), t.userWithKey('manager'), t.userWithKey('manager')]);
});
afterAll(() => t.close());

const as = (user: { key: string }) => ({ Authorization: `Bearer ${user.key}` });
const paths = (body: { error: { details: { path: string }[] } }) => body.error.details.map((detail) => detail.path).sort();
const unique = () => randomUUID().slice(0, 8).toUpperCase();

const createProduct = (body: object, user = marketer) => t.request.post('/api/v1/products').set(as(user)).send(body);
async function product(body: Partial<{ code: string; name: string; family: string; prices: object[] }> = {}) {
  const response = await createProduct({ code: `P-${unique()}`, name: 'Widget', family: 'Hardware', prices: [{ currency: 'EUR', unitPrice: 100 }], ...body });
  expect(response.status).toBe(201);
  return response.body as { id: string; code: string; name: string };
}
async function deal(accountId: string, body: object = {}, user = nina) {
  const response = await t.request.post('/api/v1/opportunities').set(as(user)).send({ accountId, name: 'Deal', amount: 0, currency: 'EUR', ...body });
  expect(response.status).toBe(201);
  return response.body as { id: string };
}
const addItem = (dealId: string, body: object, user = nina) => t.request.post(`/api/v1/opportunities/${dealId}/line-items`).set(as(user)).send(body);
const patchDeal = (dealId: string, body: object, user = nina) => t.request.patch(`/api/v1/opportunities/${dealId}`).set(as(user)).send(body);
const installed = async (accountId: string, query: object = {}) => {
  const response = await t.request.get(`/api/v1/accounts/${accountId}/installed-products`).query(query).set(as(nina));
  expect(response.status).toBe(200);
  return response.body as { items: { productCode: string; quantity: number; since: string; sourceOpportunityId: string }[]; nextCursor: string | null };
};

describe('the catalog', () => {
  test('when a marketer adds a product with its price list then it is audited, every role reads it and the list filters by family, text and active', async () => {
    const code = `crm-${unique()}`;
    const created = await createProduct({
      code, name: 'CRM Professional', family: 'Software', description: 'Per seat and year',
      prices: [{ currency: 'USD', unitPrice: 120 }, { currency: 'EUR', unitPrice: 99.5 }, { currency: 'EUR', unitPrice: 109, validFrom: '2027-01-01' }],
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(String), code, name: 'CRM Professional', family: 'Software', description: 'Per seat and year', active: true, retiredAt: null,
      prices: [{ currency: 'EUR', unitPrice: 99.5, validFrom: null }, { currency: 'EUR', unitPrice: 109, validFrom: '2027-01-01' }, { currency: 'USD', unitPrice: 120, validFrom: null }],
      createdAt: expect.any(String), updatedAt: expect.any(String),
    });
    const audit = await t.database.db.auditEntry.findFirst({ where: { entityType: 'product', entityId: created.body.id } });
    expect(audit).toMatchObject({ action: 'product.create', actorId: marketer.id, after: { code, name: 'CRM Professional', family: 'Software' } });
    expect((await t.request.get(`/api/v1/products/${created.body.id}`).set(as(nina))).body).toEqual(created.body);

    // The same code in another case is the same code.
    const twice = await createProduct({ code: code.toUpperCase(), name: 'Copy', family: 'Software' });
    expect(twice.status).toBe(409);
    expect(paths(twice.body)).toEqual(['body.code']);

    const other = await product({ family: 'Services', name: 'Onboarding day' });
    const list = (query: object) => t.request.get('/api/v1/products').query(query).set(as(nina));
    expect((await list({ family: 'software', q: code.slice(4) })).body.items.map((item: { id: string }) => item.id)).toEqual([created.body.id]);
    expect((await list({ q: other.code.toLowerCase() })).body.items.map((item: { id: string }) => item.id)).toEqual([other.id]);

    const retired = await t.request.post(`/api/v1/products/${other.id}/retire`).set(as(admin));
    expect(retired.body).toMatchObject({ active: false, retiredAt: expect.any(String) });
    expect((await list({ q: other.code, active: 'true' })).body.items).toEqual([]);
    expect((await list({ q: other.code, active: 'false' })).body.items.map((item: { id: string }) => item.id)).toEqual([other.id]);
    expect((await t.request.post(`/api/v1/products/${other.id}/reactivate`).set(as(marketer))).body.active).toBe(true);
    expect((await t.database.db.auditEntry.findMany({ where: { entityId: other.id }, orderBy: { at: 'asc' } })).map((entry) => entry.action)).toEqual(['product.create', 'product.retire', 'product.reactivate']);

    // Pages by cursor.
    const first = await list({ limit: 1 });
    expect(first.body.items).toHaveLength(1);
    const second = await list({ limit: 1, cursor: first.body.nextCursor });
    expect(second.body.items[0].id).not.toBe(first.body.items[0].id);
    expect((await t.request.get('/api/v1/product-families').set(as(nina))).body.items).toEqual(expect.arrayContaining(['Services', 'Software']));
  });

  test('when the price list is changed then it is replaced whole and audited; bad bodies are 400s naming their fields and managers may not change the catalog', async () => {
    const item = await product();
    const changed = await t.request.patch(`/api/v1/products/${item.id}`).set(as(admin)).send({ name: 'Widget 2', prices: [{ currency: 'GBP', unitPrice: 80 }] });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ name: 'Widget 2', prices: [{ currency: 'GBP', unitPrice: 80, validFrom: null }] });
    const audit = await t.database.db.auditEntry.findFirst({ where: { entityId: item.id, action: 'product.update' } });
    expect(audit).toMatchObject({ before: { name: 'Widget', prices: [{ currency: 'EUR', unitPrice: 100 }] }, after: { name: 'Widget 2', prices: [{ currency: 'GBP', unitPrice: 80 }] } });

    const before = await t.database.db.product.count();
    const refusals: [object, string[]][] = [
      [{ code: 'bad code!', name: 'X', family: 'F' }, ['body.code']],
      [{ code: 'OK-1', family: 'F', extra: 1 }, ['body.extra', 'body.name']],
      [{ code: 'OK-2', name: 'X', family: 'F', prices: [{ currency: 'EURO', unitPrice: -1 }] }, ['body.prices.0.currency', 'body.prices.0.unitPrice']],
      [{ code: 'OK-3', name: 'X', family: 'F', prices: [{ currency: 'EUR', unitPrice: 1 }, { currency: 'EUR', unitPrice: 2 }] }, ['body.prices.1']],
      [{ code: 'OK-4', name: 'X', family: 'F', prices: [{ currency: 'EUR', unitPrice: 1.005, validFrom: '2026-02-30' }] }, ['body.prices.0.unitPrice', 'body.prices.0.validFrom']],
    ];
    for (const [body, expected] of refusals) {
      const response = await createProduct(body);
      expect([response.status, paths(response.body)]).toEqual([400, expected.sort()]);
    }
    expect(await t.database.db.product.count()).toBe(before);
    expect((await createProduct({ code: `M-${unique()}`, name: 'Mine', family: 'F' }, nina)).status).toBe(403);
    expect((await t.request.patch(`/api/v1/products/${item.id}`).set(as(marketer)).send({})).status).toBe(400);
    expect((await t.request.get(`/api/v1/products/${randomUUID()}`).set(as(nina))).status).toBe(404);
    expect(paths((await t.request.get('/api/v1/products').query({ active: 'maybe', limit: 0 }).set(as(nina))).body)).toEqual(['query.active', 'query.limit']);
  });
});

describe('line items', () => {
  test("when products are added to a deal then the unit price comes from the price list in the deal's currency and the amount is the total", async () => {
    const account = await seeds.ownedAccount(nina.id);
    const seat = await product({ name: 'Seat', prices: [{ currency: 'EUR', unitPrice: 99.99 }, { currency: 'EUR', unitPrice: 500, validFrom: '2999-01-01' }] });
    const day = await product({ name: 'Training day', family: 'Services', prices: [{ currency: 'EUR', unitPrice: 800 }] });
    const { id } = await deal(account.id, { amount: 1234 });

    const first = await addItem(id, { productId: seat.id, quantity: 3, discountPercent: 10 });
    expect(first.status).toBe(201);
    // 3 × 99.99 × 0.9 = 269.973: 269.97
    expect(first.body).toMatchObject({ opportunityId: id, currency: 'EUR', amount: 269.97, items: [{ productId: seat.id, productName: 'Seat', quantity: 3, unitPrice: 99.99, discountPercent: 10, total: 269.97, position: 1 }] });
    const second = await addItem(id, { productId: day.id, quantity: 1.5, unitPrice: 750 });
    expect(second.body.amount).toBe(1394.97);
    expect((await t.request.get(`/api/v1/opportunities/${id}`).set(as(nina))).body.amount).toBe(1394.97);

    const [seatLine, dayLine] = second.body.items as { id: string }[];
    const moved = await t.request.patch(`/api/v1/opportunities/${id}/line-items/${dayLine!.id}`).set(as(nina)).send({ position: 1, quantity: 2 });
    expect(moved.status).toBe(200);
    expect(moved.body.items.map((item: { productName: string; position: number }) => [item.productName, item.position])).toEqual([['Training day', 1], ['Seat', 2]]);
    expect(moved.body.amount).toBe(1769.97);

    // The amount is no longer set by hand, nor the currency changed under priced lines; the same amount is no change.
    const refused = await patchDeal(id, { amount: 10, currency: 'USD' });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details).toEqual([
      { path: 'body.amount', message: 'the deal has 2 line items: its amount is their total (1769.97 EUR); change the line items instead' },
      { path: 'body.currency', message: "the deal's line items are priced in EUR: remove them before changing the currency" },
    ]);
    expect((await patchDeal(id, { amount: 1769.97, name: 'Renamed' })).status).toBe(200);

    // Removing every line leaves 0, and the amount is the user's again.
    await t.request.delete(`/api/v1/opportunities/${id}/line-items/${seatLine!.id}`).set(as(nina)).expect(200);
    const empty = await t.request.delete(`/api/v1/opportunities/${id}/line-items/${dayLine!.id}`).set(as(nina));
    expect(empty.body).toMatchObject({ amount: 0, items: [] });
    expect((await patchDeal(id, { amount: 50, currency: 'USD' })).body).toMatchObject({ amount: 50, currency: 'USD' });
  });

  test('when a line item is bad then it is a 400 naming the field and why, and nothing changes; other managers do not see the deal', async () => {
    const account = await seeds.ownedAccount(nina.id);
    const eurOnly = await product({ name: 'Euro gadget' });
    const retired = await product({ name: 'Old gadget' });
    await t.request.post(`/api/v1/products/${retired.id}/retire`).set(as(marketer)).expect(200);
    const { id } = await deal(account.id, { currency: 'USD', amount: 10 });

    const noPrice = await addItem(id, { productId: eurOnly.id, quantity: 1 });
    expect(noPrice.status).toBe(400);
    expect(noPrice.body.error.details).toEqual([
      { path: 'body.productId', message: `product ${eurOnly.code} "Euro gadget" has no price in USD, the deal's currency: give a unit price, or add a USD price to the product` },
    ]);
    expect((await addItem(id, { productId: retired.id, quantity: 1, unitPrice: 5 })).body.error.details[0].message).toMatch(/is retired and no longer offered/);
    expect(paths((await addItem(id, { productId: randomUUID(), quantity: 1 })).body)).toEqual(['body.productId']);
    expect(paths((await addItem(id, { productId: eurOnly.id, quantity: 0, discountPercent: 101, unitPrice: -1 })).body)).toEqual(['body.discountPercent', 'body.quantity', 'body.unitPrice']);
    expect(paths((await addItem(id, { productId: eurOnly.id, quantity: 1_000_000, unitPrice: 999_999_999 })).body)).toEqual(['body.quantity']);
    expect((await t.database.db.opportunityLineItem.count({ where: { opportunityId: id } }))).toBe(0);
    expect((await t.request.get(`/api/v1/opportunities/${id}`).set(as(nina))).body.amount).toBe(10);

    // With an explicit price, a product without a list price in that currency is fine.
    expect((await addItem(id, { productId: eurOnly.id, quantity: 2, unitPrice: 7.5 })).body.amount).toBe(15);
    expect((await addItem(id, { productId: eurOnly.id, quantity: 1 }, omar)).status).toBe(404);
    expect((await t.request.get(`/api/v1/opportunities/${id}/line-items`).set(as(omar))).status).toBe(404);
    expect((await addItem(id, { productId: eurOnly.id, quantity: 1, unitPrice: 1 }, marketer)).status).toBe(403);
    expect((await t.request.get(`/api/v1/opportunities/${id}/line-items`).set(as(marketer))).body.items).toHaveLength(1);
    expect((await t.request.patch(`/api/v1/opportunities/${id}/line-items/${randomUUID()}`).set(as(nina)).send({ quantity: 1 })).status).toBe(404);

    // The lines of one product add up in the installed base: their sum must fit a quantity too.
    await addItem(id, { productId: eurOnly.id, quantity: 9_000_000_000, unitPrice: 0 }).expect(201);
    expect((await addItem(id, { productId: eurOnly.id, quantity: 9_000_000_000, unitPrice: 0 })).body.error.details).toEqual([
      { path: 'body.quantity', message: 'the lines of one product would add up to more than 9,999,999,999.99 units: lower the quantity' },
    ]);
    expect(await t.database.db.opportunityLineItem.count({ where: { opportunityId: id } })).toBe(2);
  });
});

describe('the installed base', () => {
  test("when a deal is won then its line items become the account's installed products, once, whatever is saved again", async () => {
    const account = await seeds.ownedAccount(nina.id);
    const seat = await product({ name: 'Seat' });
    const box = await product({ name: 'Box' });
    const { id } = await deal(account.id, { stage: 'NEGOTIATION' });
    await addItem(id, { productId: seat.id, quantity: 2 }).expect(201);
    await addItem(id, { productId: seat.id, quantity: 3 }).expect(201);
    await addItem(id, { productId: box.id, quantity: 1 }).expect(201);
    expect((await installed(account.id)).items).toEqual([]);

    expect((await patchDeal(id, { stage: 'WON' })).status).toBe(200);
    const today = new Date().toISOString().slice(0, 10);
    const won = await installed(account.id);
    expect(won.items.map((row) => [row.productCode, row.quantity, row.since, row.sourceOpportunityId]).sort()).toEqual(
      [[box.code, 1, today, id], [seat.code, 5, today, id]].sort(),
    );

    // Winning again and re-saving change nothing.
    expect((await patchDeal(id, { stage: 'WON', name: 'Saved again' })).status).toBe(200);
    expect((await patchDeal(id, { expectedCloseDate: '2026-12-31' })).status).toBe(200);
    expect(await t.database.db.installedProduct.count({ where: { accountId: account.id } })).toBe(2);

    // A line changed on the won deal changes the quantity; paging by cursor.
    const boxLine = (await t.request.get(`/api/v1/opportunities/${id}/line-items`).set(as(nina))).body.items.find((item: { productId: string }) => item.productId === box.id);
    await t.request.patch(`/api/v1/opportunities/${id}/line-items/${boxLine.id}`).set(as(nina)).send({ quantity: 4 }).expect(200);
    const page = await installed(account.id, { limit: 1 });
    const rest = await installed(account.id, { limit: 1, cursor: page.nextCursor });
    expect([...page.items, ...rest.items].map((row) => [row.productCode, row.quantity]).sort()).toEqual([[box.code, 4], [seat.code, 5]].sort());
    expect(rest.nextCursor).toBeNull();

    // Deals listed on the account with their products.
    const deals = await t.request.get(`/api/v1/accounts/${account.id}/deals`).query({ state: 'won' }).set(as(nina));
    expect(deals.body.items).toMatchObject([{ opportunityId: id, stage: 'WON', items: [{ productName: 'Seat' }, { productName: 'Seat' }, { productName: 'Box' }] }]);
    expect((await t.request.get(`/api/v1/accounts/${account.id}/deals`).query({ state: 'open' }).set(as(nina))).body.items).toEqual([]);

    // Reopened, the deal leaves the installed base.
    expect((await patchDeal(id, { stage: 'NEGOTIATION' })).status).toBe(200);
    expect((await installed(account.id)).items).toEqual([]);
    expect((await t.request.get(`/api/v1/accounts/${account.id}/installed-products`).set(as(omar))).status).toBe(404);
  });
});

describe('per product', () => {
  test('when an objective names products then its progress, its plan report and the campaign return are split per product', async () => {
    const plan = await seeds.plan(admin.id, { currency: 'EUR', revenueTarget: 10_000 });
    const seat = await product({ name: 'Seat', prices: [{ currency: 'EUR', unitPrice: 100 }] });
    const box = await product({ name: 'Box', prices: [{ currency: 'EUR', unitPrice: 40 }] });
    const unsold = await product({ name: 'Unsold' });

    const objectives = `/api/v1/plans/${plan.id}/objectives`;
    const bad = await t.request.post(objectives).set(as(admin)).send({ name: 'Seats', kind: 'SEATS', target: 10, unit: 'seats', productIds: [seat.id, randomUUID()] });
    expect([bad.status, paths(bad.body)]).toEqual([400, ['body.productIds.1']]);
    expect(paths((await t.request.post(objectives).set(as(admin)).send({ name: 'Seats', kind: 'SEATS', target: 10, unit: 'seats', productIds: [seat.id, seat.id] })).body)).toEqual(['body.productIds']);
    const objective = await t.request.post(objectives).set(as(admin)).send({ name: 'Seats', kind: 'SEATS', target: 10, unit: 'seats', productIds: [seat.id, unsold.id] });
    expect(objective.status).toBe(201);
    expect(objective.body.products.map((item: { id: string }) => item.id).sort()).toEqual([seat.id, unsold.id].sort());

    const source = await seeds.campaignSource();
    const account = await seeds.ownedAccount(nina.id);
    const won = await deal(account.id, { planId: plan.id, campaignSourceId: source.id });
    await addItem(won.id, { productId: seat.id, quantity: 3 }).expect(201);
    await addItem(won.id, { productId: box.id, quantity: 2 }).expect(201);
    await patchDeal(won.id, { stage: 'WON' }).expect(200);
    const open = await deal(account.id, { planId: plan.id, campaignSourceId: source.id, stage: 'PROPOSAL' });
    await addItem(open.id, { productId: seat.id, quantity: 1, discountPercent: 50 }).expect(201);

    const progress = await t.request.get(`/api/v1/objectives/${objective.body.id}/progress`).set(as(marketer));
    expect(progress.body.perProduct).toEqual([
      { productId: seat.id, code: seat.code, name: 'Seat', currency: 'EUR', wonDeals: 1, wonQuantity: 3, won: 300, pipeline: 50 },
      { productId: unsold.id, code: unsold.code, name: 'Unsold', currency: null, wonDeals: 0, wonQuantity: 0, won: 0, pipeline: 0 },
    ].sort((a, b) => a.code.localeCompare(b.code)));

    const report = await t.request.get(`/api/v1/reports/plans/${plan.id}`).set(as(marketer));
    expect(report.body.revenue).toMatchObject({ won: 380, pipeline: 50 });
    expect(report.body.perProduct.map((line: { name: string; won: number; pipeline: number }) => [line.name, line.won, line.pipeline]).sort()).toEqual([['Box', 80, 0], ['Seat', 300, 50], ['Unsold', 0, 0]]);

    const campaignReturn = await t.request.get(`/api/v1/reports/campaigns/${source.campaignId}`).set(as(marketer));
    expect(campaignReturn.body.total).toMatchObject({ wonDeals: 1, revenue: 380, pipeline: 50 });
    expect(campaignReturn.body.perProduct.map((line: { name: string; wonDeals: number; won: number }) => [line.name, line.wonDeals, line.won]).sort()).toEqual([['Box', 1, 80], ['Seat', 1, 300]]);
  });
});

describe('plans naming products', () => {
  test('when a plan names products then they are checked against the catalog, shown on the plan, kept in its history when changed and reported per product', async () => {
    const [seat, box] = [await product({ name: 'Plan seat' }), await product({ name: 'Plan box' })];
    const body = { name: 'Seats 2027', periodStart: '2027-01-01', periodEnd: '2027-12-31', approverIds: [admin.id] };
    const refused = await t.request.post('/api/v1/plans').set(as(marketer)).send({ ...body, productIds: [seat.id, randomUUID()] });
    expect([refused.status, paths(refused.body)]).toEqual([400, ['body.productIds.1']]);

    const created = await t.request.post('/api/v1/plans').set(as(marketer)).send({ ...body, productIds: [seat.id] });
    expect(created.status).toBe(201);
    expect(created.body.products).toEqual([{ id: seat.id, code: seat.code, name: 'Plan seat' }]);
    const changed = await t.request.patch(`/api/v1/plans/${created.body.id}`).set(as(marketer)).send({ productIds: [box.id, seat.id] });
    expect(changed.status).toBe(200);
    expect(changed.body.products.map((item: { id: string }) => item.id).sort()).toEqual([box.id, seat.id].sort());
    expect(changed.body.history[0]).toMatchObject({ kind: 'plan-updated', details: { before: { productIds: [seat.id] }, after: { productIds: [box.id, seat.id].sort() } } });

    const report = await t.request.get(`/api/v1/reports/plans/${created.body.id}`).set(as(nina));
    expect(report.body.perProduct.map((line: { name: string; currency: string | null }) => [line.name, line.currency]).sort()).toEqual([['Plan box', null], ['Plan seat', null]]);
  });
});
