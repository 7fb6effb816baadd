import { startTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
let marketer: { id: string; key: string };
let manager: { id: string; key: string };
const as = (user: { key: string }) => ({ Authorization: `Bearer ${user.key}` });
const post = (path: string, body: object) => t.request.post(`/api/v1${path}`).set(as(marketer)).send(body);
const patch = (path: string, body: object) => t.request.patch(`/api/v1${path}`).set(as(marketer)).send(body);
const get = (path: string) => t.request.get(`/api/v1${path}`).set(as(manager));
const year = { periodStart: '2027-01-01', periodEnd: '2027-12-31' };

beforeAll(async () => {
  t = await startTestApp();
  [marketer, manager] = await Promise.all([t.userWithKey('marketer'), t.userWithKey('manager')]);
});
afterAll(() => t.close());

const ids: Record<string, string> = {};

/** What changes nothing leaves every budget table as it was. */
async function budgetTables() {
  const { db } = t.database;
  return Promise.all([db.budget.findMany({ orderBy: { id: 'asc' } }), db.budgetAllocation.findMany({ orderBy: { id: 'asc' } }), db.budgetEntry.findMany({ orderBy: { id: 'asc' } }), db.budgetHistory.count()]);
}

test('when a marketer builds a budget tree then funds flow down it, and a budget never gives more than it has (409 naming the amount over, nothing written)', async () => {
  const root = await post('/budgets', { name: 'Marketing FY2027', ownerId: marketer.id, currency: 'EUR', ...year, amount: 100_000 });
  expect(root.status).toBe(201);
  expect(root.body).toMatchObject({ name: 'Marketing FY2027', parentId: null, currency: 'EUR', depth: 0, path: [], figures: { amount: '100000.00', unallocated: '100000.00' } });
  ids.root = root.body.id;
  for (const [key, name, parent, amount] of [['emea', 'EMEA', 'root', 60_000], ['americas', 'Americas', 'root', 30_000], ['print', 'EMEA print', 'emea', 10_000]] as const) {
    const created = await post('/budgets', { name, parentId: ids[parent], ownerId: manager.id, periodStart: '2027-01-01', periodEnd: '2027-06-30', amount });
    expect([created.status, created.body.currency]).toEqual([201, 'EUR']);
    ids[key] = created.body.id;
  }

  const before = await budgetTables();
  const over = await post('/budgets', { name: 'APAC', parentId: ids.root, ownerId: manager.id, ...year, amount: 15_000.5 });
  expect(over.status).toBe(409);
  expect(over.body.error.message).toBe('Budget "Marketing FY2027" has 10000.00 EUR left to allocate: 15000.50 EUR is 5000.50 EUR over');
  expect(over.body.error.details).toEqual([{ path: 'body.amount', message: '5000.50 over what "Marketing FY2027" has left' }]);
  const refusals: [object, number, string][] = [
    [{ name: 'USD line', parentId: ids.root, ownerId: manager.id, currency: 'USD', ...year, amount: 1 }, 400, 'body.currency'],
    [{ name: 'Too long', parentId: ids.emea, ownerId: manager.id, periodStart: '2027-01-01', periodEnd: '2027-07-01', amount: 1 }, 400, 'body.periodEnd'],
    [{ name: 'No currency', ownerId: manager.id, ...year, amount: 1 }, 400, 'body.currency'],
    [{ name: 'Backwards', ownerId: manager.id, currency: 'EUR', periodStart: '2027-02-01', periodEnd: '2027-01-01', amount: 1 }, 400, 'body.periodEnd'],
    [{ name: 'Nobody owns it', ownerId: '00000000-0000-4000-8000-000000000000', currency: 'EUR', ...year, amount: 1 }, 400, 'body.ownerId'],
    [{ name: 'Cents', ownerId: manager.id, currency: 'EUR', ...year, amount: 1.005 }, 400, 'body.amount'],
  ];
  for (const [body, status, path] of refusals) {
    const response = await post('/budgets', body);
    expect([response.status, response.body.error.details[0].path]).toEqual([status, path]);
  }
  const shrink = await patch(`/budgets/${ids.root}`, { amount: 50_000 });
  expect([shrink.status, shrink.body.error.message]).toEqual([409, 'Budget "Marketing FY2027" has allocated 90000.00 EUR: its amount cannot go below that (40000.00 EUR over)']);
  const grow = await patch(`/budgets/${ids.emea}`, { amount: 75_000 });
  expect([grow.status, grow.body.error.message]).toEqual([409, 'Budget "Marketing FY2027" has 10000.00 EUR left to allocate: 15000.00 EUR is 5000.00 EUR over']);
  expect(await budgetTables()).toEqual(before);

  const grown = await patch(`/budgets/${ids.emea}`, { amount: 65_000, name: 'EMEA region' });
  expect(grown.status).toBe(200);
  expect(grown.body).toMatchObject({ name: 'EMEA region', path: [{ id: ids.root, name: 'Marketing FY2027' }], figures: { amount: '65000.00', allocatedToBudgets: '10000.00', unallocated: '55000.00' } });
  const update = (await get(`/budgets/${ids.emea}/history`)).body.items.at(-1);
  expect(update).toMatchObject({ action: 'budget.update', amountChange: '5000.00', details: { amount: { before: '60000.00', after: '65000.00' }, name: { before: 'EMEA', after: 'EMEA region' } } });
  const tree = await get('/budgets');
  expect(tree.body.items.map((node: { name: string; depth: number; figures: { unallocated: string } }) => [node.name, node.depth, node.figures.unallocated])).toEqual([
    ['Marketing FY2027', 0, '5000.00'],
    ['Americas', 1, '30000.00'],
    ['EMEA region', 1, '55000.00'],
    ['EMEA print', 2, '10000.00'],
  ]);
});

test('when budgets fund campaigns and events and invoices are entered then each node shows committed, spent, remaining and the return, rolled up, and the checkbook lists every cost', async () => {
  const { db } = t.database;
  const campaign = await db.campaign.create({ data: { name: 'Spring mailing', currency: 'EUR', sources: { create: [{ code: 'LETTER', name: 'Letter', cost: '1200.00' }, { code: 'WEB', name: 'Web' }] } }, include: { sources: true } });
  const dollars = await db.campaign.create({ data: { name: 'US fair', currency: 'USD' } });
  const event = await db.event.create({
    data: {
      name: 'Partner day', kind: 'customer day', ownerId: marketer.id, currency: 'EUR', startsAt: new Date('2027-03-10T09:00:00Z'),
      costs: { create: [{ label: 'Catering', planned: '500.00' }, { label: 'Room', planned: '600.00', actual: '700.00' }] },
    },
  });
  const account = await db.account.create({ data: { name: 'Buyer', status: 'CLIENT' } });
  for (const [amount, currency] of [['5000.00', 'EUR'], ['9000.00', 'USD']] as const) {
    await db.opportunity.create({ data: { accountId: account.id, name: 'Deal', amount, currency, stage: 'WON', campaignSourceId: campaign.sources[0]!.id, createdById: marketer.id } });
  }

  expect((await post(`/budgets/${ids.print}/allocations`, { campaignId: campaign.id, amount: 8_000 })).status).toBe(200);
  const tooMuch = await post(`/budgets/${ids.print}/allocations`, { campaignId: campaign.id, amount: 10_000.01 });
  expect([tooMuch.status, tooMuch.body.error.message]).toEqual([409, 'Budget "EMEA print" has 2000.00 EUR left to allocate: 2000.01 EUR is 0.01 EUR over']);
  const otherCurrency = await post(`/budgets/${ids.print}/allocations`, { campaignId: dollars.id, amount: 1 });
  expect([otherCurrency.status, otherCurrency.body.error.message]).toEqual([409, 'The campaign "US fair" is in USD and budget "EMEA print" in EUR: no conversion between them']);
  expect((await post(`/budgets/${ids.print}/allocations`, { campaignId: campaign.id, eventId: event.id, amount: 1 })).status).toBe(400);
  // The event is funded by Americas first, then moved to EMEA: Americas gets its funds back.
  expect((await post(`/budgets/${ids.americas}/allocations`, { eventId: event.id, amount: 2_000 })).status).toBe(200);
  const moved = await post(`/budgets/${ids.emea}/allocations`, { eventId: event.id, amount: 2_500 });
  expect(moved.status).toBe(200);
  expect(moved.body.allocations).toEqual([{ id: expect.any(String), budgetId: ids.emea, campaignId: null, eventId: event.id, name: 'Partner day', amount: '2500.00' }]);
  expect((await get(`/budgets/${ids.americas}`)).body.figures).toMatchObject({ allocatedToWork: '0.00', unallocated: '30000.00' });

  const invoice = await post(`/budgets/${ids.print}/entries`, { supplier: 'PrintCo', date: '2027-02-01', category: 'print', reference: 'INV-1', amount: 300, state: 'ACTUAL', campaignId: campaign.id });
  expect(invoice.status).toBe(201);
  const order = await post(`/budgets/${ids.emea}/entries`, { supplier: 'Stands Ltd', date: '2027-02-15', amount: 400, state: 'COMMITTED' });
  expect(order.body).toMatchObject({ state: 'COMMITTED', amount: '400.00', date: '2027-02-15' });
  const unfunded = await post(`/budgets/${ids.emea}/entries`, { supplier: 'X', date: '2027-02-15', amount: 1, state: 'ACTUAL', campaignId: campaign.id });
  expect([unfunded.status, unfunded.body.error.details]).toEqual([400, [{ path: 'body.campaignId', message: 'not funded by this budget: allocate it first' }]]);

  const print = (await get(`/budgets/${ids.print}`)).body.figures;
  expect(print).toEqual({
    amount: '10000.00', allocatedToBudgets: '0.00', allocatedToWork: '8000.00', unallocated: '2000.00',
    committed: '0.00', spent: '1500.00', remaining: '8500.00', revenue: '5000.00', roi: 2.3333,
  });
  // EMEA: its print line's figures, the event (500 planned, 700 actual) and the order.
  expect((await get(`/budgets/${ids.emea}`)).body.figures).toMatchObject({ committed: '900.00', spent: '2200.00', remaining: '61900.00', revenue: '5000.00' });
  expect((await get(`/budgets/${ids.root}`)).body.figures).toMatchObject({ committed: '900.00', spent: '2200.00', remaining: '96900.00' });

  expect((await patch(`/budgets/${ids.emea}/entries/${order.body.id}`, { state: 'ACTUAL', amount: 420 })).body).toMatchObject({ state: 'ACTUAL', amount: '420.00' });
  const checkbook = await get(`/budgets/${ids.emea}/checkbook`);
  expect(checkbook.status).toBe(200);
  expect(checkbook.body).toMatchObject({ currency: 'EUR', committed: '500.00', spent: '2620.00' });
  expect(checkbook.body.lines.map((line: { origin: string; budgetName: string; workName: string | null; committed: string; spent: string }) => [line.origin, line.budgetName, line.workName, line.committed, line.spent])).toEqual([
    ['EVENT_COST', 'EMEA region', 'Partner day', '500.00', '0.00'],
    ['EVENT_COST', 'EMEA region', 'Partner day', '0.00', '700.00'],
    ['ENTRY', 'EMEA region', null, '0.00', '420.00'],
    ['ENTRY', 'EMEA print', 'Spring mailing', '0.00', '300.00'],
    ['SOURCE_COST', 'EMEA print', 'Spring mailing', '0.00', '1200.00'],
  ]);
  const csv = await t.request.get(`/api/v1/budgets/${ids.emea}/checkbook?format=csv`).set(as(manager));
  expect(csv.text.split('\r\n')[0]).toBe('origin,id,budget_id,budget,campaign_id,event_id,work,date,supplier,category,reference,description,currency,committed,spent');
  expect(csv.text).toContain(`ENTRY,${invoice.body.id},${ids.print},EMEA print,${campaign.id},,Spring mailing,2027-02-01,PrintCo,print,INV-1,,EUR,0.00,300.00`);
});

test('when a budget is merged into a sibling then its funds, sub-budgets, allocations and entries move in one step and it stays only as history', async () => {
  const { db } = t.database;
  const campaign = await db.campaign.create({ data: { name: 'Americas webinar', currency: 'EUR' } });
  expect((await post(`/budgets/${ids.americas}/allocations`, { campaignId: campaign.id, amount: 1_000 })).status).toBe(200);
  const entry = await post(`/budgets/${ids.americas}/entries`, { supplier: 'Zoomish', date: '2027-04-01', amount: 90, state: 'ACTUAL', campaignId: campaign.id });
  expect(entry.status).toBe(201);

  const notSiblings = await post(`/budgets/${ids.print}/merge`, { intoId: ids.americas });
  expect([notSiblings.status, notSiblings.body.error.details]).toEqual([409, [{ path: 'body.intoId', message: 'not a sibling' }]]);
  expect((await post(`/budgets/${ids.emea}/merge`, { intoId: ids.emea })).status).toBe(400);

  const merged = await post(`/budgets/${ids.americas}/merge`, { intoId: ids.emea });
  expect(merged.status).toBe(200);
  expect(merged.body).toMatchObject({ id: ids.emea, periodStart: '2027-01-01', periodEnd: '2027-06-30', figures: { amount: '95000.00', allocatedToWork: '3500.00', spent: '2710.00' } });
  expect(merged.body.allocations.map((allocation: { name: string }) => allocation.name)).toEqual(['Americas webinar', 'Partner day']);
  expect(await db.budgetEntry.findUniqueOrThrow({ where: { id: entry.body.id } })).toMatchObject({ budgetId: ids.emea });
  expect((await get(`/budgets/${ids.americas}`)).status).toBe(404);
  expect((await get('/budgets')).body.items.map((node: { name: string }) => node.name)).toEqual(['Marketing FY2027', 'EMEA region', 'EMEA print']);
  expect((await get(`/budgets/${ids.root}`)).body.figures).toMatchObject({ amount: '100000.00', allocatedToBudgets: '95000.00', unallocated: '5000.00' });
  const again = await post(`/budgets/${ids.americas}/allocations`, { campaignId: campaign.id, amount: 1 });
  expect([again.status, again.body.error.message]).toEqual([409, `Budget "Americas" was merged into another budget (${ids.emea}): use that one`]);

  const history = (await get(`/budgets/${ids.americas}/history`)).body.items.map((line: { action: string; amountChange: string | null }) => [line.action, line.amountChange]);
  expect(history).toEqual([['budget.create', '30000.00'], ['allocation.set', null], ['allocation.remove', null], ['allocation.set', null], ['entry.create', null], ['merge.out', '-30000.00']]);
  const emea = (await get(`/budgets/${ids.emea}/history`)).body.items;
  expect(emea.at(-1)).toMatchObject({ action: 'merge.in', amountChange: '30000.00', actorId: marketer.id, details: { fromId: ids.americas, fromName: 'Americas', budgets: 0, allocations: 1, entries: 1 } });
});

test('when several sub-budgets are asked for at once then only as many as the parent can fund are created', async () => {
  const root = await post('/budgets', { name: 'Race root', ownerId: marketer.id, currency: 'CHF', ...year, amount: 10_000 });
  const answers = await Promise.all(Array.from({ length: 5 }, (_, index) => post('/budgets', { name: `Racer ${index}`, parentId: root.body.id, ownerId: marketer.id, ...year, amount: 3_000 })));
  expect(answers.map((answer) => answer.status).sort()).toEqual([201, 201, 201, 409, 409]);
  expect((await get(`/budgets/${root.body.id}`)).body.figures).toMatchObject({ allocatedToBudgets: '9000.00', unallocated: '1000.00' });
});

test('when a budget changes owner or period, loses an entry or stops funding, or two roots merge, then each change is checked, answered and kept in the history', async () => {
  const { db } = t.database;
  const root = (await post('/budgets', { name: 'Sales 2028', ownerId: marketer.id, currency: 'GBP', periodStart: '2028-01-01', periodEnd: '2028-12-31', amount: 5_000 })).body;
  const child = (await post('/budgets', { name: 'Q1', parentId: root.id, ownerId: marketer.id, periodStart: '2028-01-01', periodEnd: '2028-03-31', amount: 1_000 })).body;

  const shorter = await patch(`/budgets/${root.id}`, { periodEnd: '2028-02-28' });
  expect([shorter.status, shorter.body.error.message]).toEqual([409, 'The period would no longer hold the sub-budget "Q1": change theirs first']);
  const outside = await patch(`/budgets/${child.id}`, { periodStart: '2027-12-31' });
  expect([outside.status, outside.body.error.details]).toEqual([400, [{ path: 'body.periodStart', message: 'before its parent "Sales 2028" starts (2028-01-01)' }]]);
  const moved = await patch(`/budgets/${child.id}`, { ownerId: manager.id, periodEnd: '2028-04-30', description: 'First months' });
  expect(moved.body).toMatchObject({ ownerId: manager.id, periodEnd: '2028-04-30', description: 'First months' });

  const campaign = await db.campaign.create({ data: { name: 'GBP campaign' } });
  const funded = await post(`/budgets/${child.id}/allocations`, { campaignId: campaign.id, amount: 600 });
  const entry = await post(`/budgets/${child.id}/entries`, { supplier: 'Venue', date: '2028-02-02', amount: 100, state: 'COMMITTED' });
  expect((await t.request.delete(`/api/v1/budgets/${child.id}/entries/${entry.body.id}`).set(as(marketer))).status).toBe(204);
  expect((await t.request.delete(`/api/v1/budgets/${child.id}/entries/${entry.body.id}`).set(as(marketer))).status).toBe(404);
  const stopped = await t.request.delete(`/api/v1/budgets/${child.id}/allocations/${funded.body.allocations[0].id}`).set(as(marketer));
  expect([stopped.status, stopped.body.allocations, stopped.body.figures.unallocated]).toEqual([200, [], '1000.00']);

  const history = (await get(`/budgets/${child.id}/history`)).body.items;
  expect(history.map((line: { action: string }) => line.action)).toEqual(['budget.create', 'budget.update', 'allocation.set', 'entry.create', 'entry.delete', 'allocation.remove']);
  expect(history[1].details).toEqual({ ownerId: { before: marketer.id, after: manager.id }, periodEnd: { before: '2028-03-31', after: '2028-04-30' }, description: { before: null, after: 'First months' } });

  // Two roots: the later period and all the funds go to the one that takes everything.
  const other = (await post('/budgets', { name: 'Events 2028', ownerId: marketer.id, currency: 'GBP', periodStart: '2028-03-01', periodEnd: '2029-03-31', amount: 2_000 })).body;
  const merged = await post(`/budgets/${root.id}/merge`, { intoId: other.id });
  expect(merged.body).toMatchObject({ name: 'Events 2028', periodStart: '2028-01-01', periodEnd: '2029-03-31', figures: { amount: '7000.00', allocatedToBudgets: '1000.00' } });
  expect(merged.body.children.map((node: { name: string }) => node.name)).toEqual(['Q1']);
  const otherCurrency = (await post('/budgets', { name: 'Dollars', ownerId: marketer.id, currency: 'USD', ...year, amount: 1 })).body;
  const refused = await post(`/budgets/${otherCurrency.id}/merge`, { intoId: other.id });
  expect([refused.status, refused.body.error.message]).toEqual([409, '"Dollars" is in USD and "Events 2028" in GBP: no conversion between them']);
});
