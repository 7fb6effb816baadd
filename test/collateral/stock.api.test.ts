import { startTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
let marketer: { id: string; key: string };
let manager: { id: string; key: string };
const as = (user: { key: string }) => ({ Authorization: `Bearer ${user.key}` });
const post = (path: string, body: object) => t.request.post(`/api/v1${path}`).set(as(marketer)).send(body);
const get = (path: string, user = manager) => t.request.get(`/api/v1${path}`).set(as(user));

const ids: Record<string, string> = {};

/** A library item, written straight to its table: the stock depends on the library's table, not its API. */
async function item(name: string, status: 'DRAFT' | 'APPROVED' | 'RETIRED' = 'APPROVED') {
  const created = await t.database.db.collateralItem.create({ data: { name, kind: 'BROCHURE', language: 'en', status, createdById: marketer.id } });
  return created.id;
}

/** What a refused request must leave as it was: every stock table, the checkbook and the audit log. */
async function stockTables() {
  const { db } = t.database;
  return Promise.all([
    db.stockLocation.findMany({ orderBy: { id: 'asc' } }),
    db.collateralStock.findMany({ orderBy: { id: 'asc' } }),
    db.collateralStockMovement.count(),
    db.collateralReservation.findMany({ orderBy: { id: 'asc' } }),
    db.budgetEntry.findMany({ orderBy: { id: 'asc' } }),
    db.auditEntry.count(),
  ]);
}

const reserve = (body: object) => post('/collateral-reservations', { itemId: ids.brochure, locationId: ids.paris, ...body });
const line = async (stockId: string) => (await get(`/collateral-stock/${stockId}`)).body;

beforeAll(async () => {
  t = await startTestApp();
  [marketer, manager] = await Promise.all([t.userWithKey('marketer'), t.userWithKey('manager')]);
  const { db } = t.database;
  [ids.brochure, ids.flyer, ids.draft, ids.retired] = [await item('Spring brochure'), await item('Event flyer'), await item('Draft leaflet', 'DRAFT'), await item('Old catalogue', 'RETIRED')];
  ids.campaign = (await db.campaign.create({ data: { name: 'Spring mailing', currency: 'EUR' } })).id;
  ids.event = (await db.event.create({ data: { name: 'Lyon fair', kind: 'trade fair', ownerId: marketer.id, currency: 'EUR', venue: 'Hall 3, Eurexpo Lyon' } })).id;
});
afterAll(() => t.close());

test('when a marketer adds stock locations then each name is one place whatever its case, and bad input names its field', async () => {
  const paris = await post('/stock-locations', { name: 'Paris warehouse', address: '12 rue du Stock, Paris' });
  expect(paris.status).toBe(201);
  expect(paris.body).toMatchObject({ name: 'Paris warehouse', address: '12 rue du Stock, Paris' });
  ids.paris = paris.body.id;
  ids.lyon = (await post('/stock-locations', { name: 'Lyon office' })).body.id;
  const before = await stockTables();
  const taken = await post('/stock-locations', { name: 'paris WAREHOUSE' });
  expect([taken.status, taken.body.error.message, taken.body.error.details]).toEqual([409, 'A stock location is named "Paris warehouse" already', [{ path: 'body.name', message: 'taken by another location' }]]);
  for (const [body, path] of [[{ name: '' }, 'body.name'], [{ name: 'X', address: 'a\u0000b' }, 'body.address'], [{ name: 'X', extra: 1 }, 'body.extra']] as const) {
    const refused = await post('/stock-locations', body);
    expect([refused.status, refused.body.error.details[0].path]).toEqual([400, path]);
  }
  expect(await stockTables()).toEqual(before);
  expect((await get('/stock-locations')).body.items.map((location: { name: string }) => location.name)).toEqual(['Lyon office', 'Paris warehouse']);
});

test('when copies are received at two unit costs then the line holds their exact value and its weighted average cost, and a receipt in another currency is refused', async () => {
  const first = await post('/collateral-stock/receipts', { itemId: ids.brochure, locationId: ids.paris, quantity: 100, unitCost: 0.35, currency: 'EUR', reference: 'PRINT-1', date: '2027-01-10' });
  expect(first.status).toBe(201);
  expect(first.body.stock).toMatchObject({ itemName: 'Spring brochure', locationName: 'Paris warehouse', onHand: 100, reserved: 0, available: 100, value: '35.00', averageUnitCost: '0.3500', currency: 'EUR' });
  expect(first.body.movement).toMatchObject({ kind: 'RECEIPT', quantity: 100, onHandAfter: 100, valueChange: '35.00', unitCost: '0.3500', day: '2027-01-10', reference: 'PRINT-1', actorId: marketer.id });
  ids.stock = first.body.stock.id;
  // 300 more at 0.5512: 165.36, so 400 copies worth 200.36, 0.5009 each.
  const second = await post('/collateral-stock/receipts', { itemId: ids.brochure, locationId: ids.paris, quantity: 300, unitCost: 0.5512, currency: 'EUR' });
  expect(second.body.stock).toMatchObject({ onHand: 400, value: '200.36', averageUnitCost: '0.5009' });

  const before = await stockTables();
  const refusals: [object, number, string][] = [
    [{ currency: 'USD' }, 409, 'body.currency'],
    [{ itemId: ids.retired }, 409, 'body.itemId'],
    [{ itemId: '00000000-0000-4000-8000-000000000000' }, 400, 'body.itemId'],
    [{ locationId: '00000000-0000-4000-8000-000000000000' }, 400, 'body.locationId'],
    [{ unitCost: 0.12345 }, 400, 'body.unitCost'],
    [{ unitCost: -1 }, 400, 'body.unitCost'],
    [{ quantity: 0 }, 400, 'body.quantity'],
    [{ quantity: 2.5 }, 400, 'body.quantity'],
    [{ currency: 'EURO' }, 400, 'body.currency'],
    [{ date: '2027-02-30' }, 400, 'body.date'],
  ];
  for (const [change, status, path] of refusals) {
    const refused = await post('/collateral-stock/receipts', { itemId: ids.brochure, locationId: ids.paris, quantity: 10, unitCost: 1, currency: 'EUR', ...change });
    expect({ change, status: refused.status, path: refused.body.error.details[0]?.path }).toEqual({ change, status, path });
  }
  const usd = await post('/collateral-stock/receipts', { itemId: ids.brochure, locationId: ids.paris, quantity: 10, unitCost: 1, currency: 'USD' });
  expect(usd.body.error.message).toBe('"Spring brochure" at "Paris warehouse" is costed in EUR: a receipt in USD cannot be added to it (no conversion)');
  expect(await stockTables()).toEqual(before);
});

test('when more is reserved than available then 409 names the amount over and nothing is written; only APPROVED items are reserved', async () => {
  const held = await reserve({ campaignId: ids.campaign, quantity: 350, neededBy: '2027-03-01' });
  expect(held.status).toBe(201);
  expect(held.body).toMatchObject({ status: 'RESERVED', quantity: 350, workName: 'Spring mailing', neededBy: '2027-03-01', waitingPosition: null, itemName: 'Spring brochure', locationName: 'Paris warehouse' });
  ids.mailing = held.body.id;

  const before = await stockTables();
  const over = await reserve({ eventId: ids.event, quantity: 60 });
  expect(over.status).toBe(409);
  expect(over.body.error.message).toBe('"Spring brochure" at "Paris warehouse" has 50 available: 60 is 10 over');
  expect(over.body.error.details).toEqual([{ path: 'body.quantity', message: '10 over what is available: send waitlist: true to wait for stock' }]);
  const draft = await reserve({ itemId: ids.draft, eventId: ids.event, quantity: 1 });
  expect([draft.status, draft.body.error.message, draft.body.error.details[0].path]).toEqual([409, 'Collateral item "Draft leaflet" is DRAFT: only APPROVED collateral can be reserved', 'body.itemId']);
  const retired = await reserve({ itemId: ids.retired, eventId: ids.event, quantity: 1 });
  expect([retired.status, retired.body.error.details[0].path]).toEqual([409, 'body.itemId']);
  const refusals: [object, string][] = [
    [{ campaignId: ids.campaign, eventId: ids.event, quantity: 1 }, 'body.campaignId'],
    [{ quantity: 1 }, 'body.campaignId'],
    [{ campaignId: '00000000-0000-4000-8000-000000000000', quantity: 1 }, 'body.campaignId'],
    [{ eventId: '00000000-0000-4000-8000-000000000000', quantity: 1 }, 'body.eventId'],
    [{ eventId: ids.event, quantity: -5 }, 'body.quantity'],
    [{ eventId: ids.event, quantity: 1, waitlist: 'yes' }, 'body.waitlist'],
    [{ eventId: ids.event, quantity: 1, neededBy: 'soon' }, 'body.neededBy'],
    [{ eventId: ids.event, quantity: 1, itemId: 'not-an-id' }, 'body.itemId'],
  ];
  for (const [body, path] of refusals) {
    const refused = await reserve(body);
    expect({ body, status: refused.status, path: refused.body.error.details[0]?.path }).toEqual({ body, status: 400, path });
  }
  expect(await stockTables()).toEqual(before);
  expect(await line(ids.stock)).toMatchObject({ onHand: 400, reserved: 350, available: 50, waiting: 0 });
});

test('when reservations wait then they are promoted whole, strictly in the order made, as stock is received or released; a count below what is reserved sends the newest back to waiting', async () => {
  // A line of its own: 10 flyers at Lyon, all reserved.
  const received = await post('/collateral-stock/receipts', { itemId: ids.flyer, locationId: ids.lyon, quantity: 10, unitCost: 0.1, currency: 'EUR' });
  const stockId = received.body.stock.id;
  const flyers = (body: object) => post('/collateral-reservations', { itemId: ids.flyer, locationId: ids.lyon, eventId: ids.event, ...body });
  const first = (await flyers({ quantity: 10 })).body;
  expect(first.status).toBe('RESERVED');
  const waiting = [];
  for (const quantity of [30, 5, 20]) waiting.push((await flyers({ quantity, waitlist: true })).body);
  expect(waiting.map((reservation) => [reservation.status, reservation.waitingPosition])).toEqual([['WAITING', 1], ['WAITING', 2], ['WAITING', 3]]);
  const [big, small, medium] = waiting;
  const jump = await flyers({ quantity: 1 });
  expect(jump.body.error.message).toBe('"Event flyer" at "Lyon office" has 0 available, promised first to 3 earlier reservations waiting for 55: 1 is 1 over');

  // 32 more: the first in line (30) fits; the next (5) does not fit in the 2 left, and nobody passes it.
  const more = await post('/collateral-stock/receipts', { itemId: ids.flyer, locationId: ids.lyon, quantity: 32, unitCost: 0.1, currency: 'EUR' });
  expect(more.body.promotedReservationIds).toEqual([big.id]);
  expect(more.body.stock).toMatchObject({ onHand: 42, reserved: 40, available: 2, waiting: 25, waitingReservations: 2 });
  // Releasing the first frees 10: 12 free serve the 5, not the 20 behind it.
  const released = await post(`/collateral-reservations/${first.id}/release`, { reason: 'fair moved online' });
  expect(released.body).toMatchObject({ status: 'RELEASED', releaseReason: 'fair moved online' });
  expect((await get(`/collateral-reservations/${small.id}`)).body).toMatchObject({ status: 'RESERVED', waitingPosition: null });
  expect((await get(`/collateral-reservations/${medium.id}`)).body).toMatchObject({ status: 'WAITING', waitingPosition: 1 });
  expect((await post(`/collateral-reservations/${first.id}/release`, {})).body.error.message).toBe('The reservation is RELEASED: only RESERVED or WAITING reservations can be released');

  // The shelf holds 32, not 42: the newest reservation (5) waits again, behind nobody older.
  const count = await post('/collateral-stock/counts', { itemId: ids.flyer, locationId: ids.lyon, countedQuantity: 32, note: 'ten went missing' });
  expect(count.status).toBe(200);
  expect(count.body).toMatchObject({ demotedReservationIds: [small.id], promotedReservationIds: [] });
  expect(count.body.movement).toMatchObject({ kind: 'COUNT', quantity: -10, countedQuantity: 32, onHandAfter: 32, valueChange: '-1.00' });
  expect(count.body.stock).toMatchObject({ onHand: 32, reserved: 30, waiting: 25, value: '3.20', averageUnitCost: '0.1000' });
  expect((await get(`/collateral-reservations/${small.id}`)).body).toMatchObject({ status: 'WAITING', waitingPosition: 1 });
  // Found again: both waiting ones fit now, in order.
  const found = await post('/collateral-stock/counts', { itemId: ids.flyer, locationId: ids.lyon, countedQuantity: 60 });
  expect(found.body.promotedReservationIds).toEqual([small.id, medium.id]);
  expect(found.body.stock).toMatchObject({ onHand: 60, reserved: 55, available: 5, waiting: 0 });
  const history = await line(stockId);
  expect(history.movements.map((movement: { kind: string; quantity: number }) => [movement.kind, movement.quantity])).toEqual([['RECEIPT', 10], ['RECEIPT', 32], ['COUNT', -10], ['COUNT', 28]]);
  expect(history.reservations.map((reservation: { quantity: number; status: string }) => [reservation.quantity, reservation.status])).toEqual([[10, 'RELEASED'], [30, 'RESERVED'], [5, 'RESERVED'], [20, 'RESERVED']]);
  expect((await post('/collateral-stock/counts', { itemId: ids.flyer, locationId: ids.lyon, countedQuantity: -1 })).body.error.details[0].path).toBe('body.countedQuantity');
});

test('when twenty reservations race for a small stock then exactly what is on hand is reserved, never more, and the rest wait in the order they were made', async () => {
  const racer = await item('Launch poster');
  await post('/collateral-stock/receipts', { itemId: racer, locationId: ids.paris, quantity: 50, unitCost: 2, currency: 'EUR' });
  const answers = await Promise.all(Array.from({ length: 20 }, () => post('/collateral-reservations', { itemId: racer, locationId: ids.paris, campaignId: ids.campaign, quantity: 7 })));
  const statuses = answers.map((answer) => answer.status).sort();
  expect(statuses).toEqual([...Array(7).fill(201), ...Array(13).fill(409)]);
  const stock = (await get(`/collateral-stock?itemId=${racer}`)).body.items[0];
  expect(stock).toMatchObject({ onHand: 50, reserved: 49, available: 1 });

  const waiters = await Promise.all(Array.from({ length: 20 }, () => post('/collateral-reservations', { itemId: racer, locationId: ids.paris, eventId: ids.event, quantity: 3, waitlist: true })));
  expect(waiters.every((answer) => answer.status === 201 && answer.body.status === 'WAITING')).toBe(true);
  await post('/collateral-stock/receipts', { itemId: racer, locationId: ids.paris, quantity: 20, unitCost: 2, currency: 'EUR' });
  const after = await line(stock.id);
  expect(after).toMatchObject({ onHand: 70, reserved: 70, available: 0, waiting: 39, waitingReservations: 13 });
  // 21 free copies serve the first 7 waiting (in the order made), 0 left; the other 13 wait in order.
  const queue = after.reservations.filter((reservation: { eventId: string | null }) => reservation.eventId === ids.event);
  expect(queue.map((reservation: { status: string }) => reservation.status)).toEqual([...Array(7).fill('RESERVED'), ...Array(13).fill('WAITING')]);
  expect(queue.slice(7).map((reservation: { waitingPosition: number }) => reservation.waitingPosition)).toEqual(Array.from({ length: 13 }, (_, index) => index + 1));
  expect(after.reserved).toBeLessThanOrEqual(after.onHand);
});

test('when a reservation for a funded event ships then the copies leave at their average cost, the budget checkbook and figures show it, and a return credits it back', async () => {
  const root = await post('/budgets', { name: 'Events 2027', ownerId: marketer.id, currency: 'EUR', periodStart: '2027-01-01', periodEnd: '2027-12-31', amount: 5000 });
  expect(root.status).toBe(201);
  expect((await post(`/budgets/${root.body.id}/allocations`, { eventId: ids.event, amount: 1000 })).status).toBe(200);
  const reservation = (await reserve({ eventId: ids.event, quantity: 40 })).body;
  expect(reservation.status).toBe('RESERVED');

  const before = await stockTables();
  for (const [body, path] of [[{ date: '2027-13-01' }, 'body.date'], [{ destination: '' }, 'body.destination'], [{ carrier: 'DHL' }, 'body.carrier']] as const) {
    const refused = await post(`/collateral-reservations/${reservation.id}/ship`, body);
    expect([refused.status, refused.body.error.details[0].path]).toEqual([400, path]);
  }
  expect((await post(`/collateral-reservations/${ids.mailing}/ship`, {})).body.error.details).toEqual([{ path: 'body.destination', message: 'say where the copies go (a campaign has no venue)' }]);
  expect((await post(`/collateral-reservations/${reservation.id}/return`, { quantity: 1 })).body.error.message).toBe('The reservation is RESERVED: only SHIPPED reservations can be returned');
  expect(await stockTables()).toEqual(before);

  // 400 copies worth 200.36: 40 of them carry 20.04 (40 × 200.36 / 400, exactly a tenth).
  const shipped = await post(`/collateral-reservations/${reservation.id}/ship`, { date: '2027-03-08' });
  expect(shipped.status).toBe(200);
  expect(shipped.body).toMatchObject({ status: 'SHIPPED', shippedOn: '2027-03-08', destination: 'Hall 3, Eurexpo Lyon', shippedCost: '20.04', usedCost: '20.04', costCurrency: 'EUR', budgetEntryId: expect.any(String) });
  expect(await line(ids.stock)).toMatchObject({ onHand: 360, reserved: 350, value: '180.32' });
  const checkbook = (await get(`/budgets/${root.body.id}/checkbook`)).body;
  expect(checkbook.lines).toEqual([
    expect.objectContaining({ origin: 'ENTRY', id: shipped.body.budgetEntryId, eventId: ids.event, workName: 'Lyon fair', date: '2027-03-08', supplier: 'Collateral stock', category: 'collateral', reference: reservation.id, description: '40 × "Spring brochure" from Paris warehouse to Hall 3, Eurexpo Lyon', spent: '20.04' }),
  ]);
  expect((await get(`/budgets/${root.body.id}`)).body.figures).toMatchObject({ spent: '20.04', remaining: '4979.96' });
  expect((await post(`/collateral-reservations/${reservation.id}/ship`, {})).body.error.message).toBe('The reservation is SHIPPED: only RESERVED reservations can be shipped');

  // 15 come back unused: 15/40 of 20.04 = 7.515, 7.52 to the cent; the entry keeps 12.52.
  const returned = await post(`/collateral-reservations/${reservation.id}/return`, { quantity: 15, note: 'left over' });
  expect(returned.body).toMatchObject({ returnedQuantity: 15, returnedCost: '7.52', usedCost: '12.52' });
  const over = await post(`/collateral-reservations/${reservation.id}/return`, { quantity: 26 });
  expect([over.status, over.body.error.message, over.body.error.details[0].path]).toEqual([409, '25 of the 40 shipped copies are not returned yet: 26 is 1 over', 'body.quantity']);
  expect((await get(`/budgets/${root.body.id}/checkbook`)).body).toMatchObject({ spent: '12.52' });
  expect(await line(ids.stock)).toMatchObject({ onHand: 375, value: '187.84' });
  const history = (await get(`/budgets/${root.body.id}/history`)).body.items.map((entry: { action: string }) => entry.action);
  expect(history.slice(-2)).toEqual(['entry.create', 'entry.update']);
});

test('when usage is asked per campaign, per event and per item then each shows quantities reserved, shipped, returned and their cost', async () => {
  const event = (await get(`/events/${ids.event}/collateral-usage`)).body;
  expect(event).toMatchObject({ eventId: ids.event, campaignId: null, name: 'Lyon fair', costs: [{ currency: 'EUR', amount: '12.52' }] });
  expect(event.items.find((line: { itemName: string }) => line.itemName === 'Spring brochure')).toEqual({
    itemId: ids.brochure, itemName: 'Spring brochure', reserved: 0, waiting: 0, shipped: 40, returned: 15, used: 25, costs: [{ currency: 'EUR', amount: '12.52' }],
  });
  expect(event.items.find((line: { itemName: string }) => line.itemName === 'Event flyer')).toMatchObject({ reserved: 55, shipped: 0, costs: [] });
  const campaign = (await get(`/campaigns/${ids.campaign}/collateral-usage`)).body;
  expect(campaign.items.find((line: { itemName: string }) => line.itemName === 'Spring brochure')).toMatchObject({ reserved: 350, shipped: 0, used: 0 });
  const usage = (await get(`/collateral-stock/items/${ids.brochure}/usage`)).body;
  expect(usage.work.map((work: { name: string; reserved: number; used: number }) => [work.name, work.reserved, work.used])).toEqual([['Lyon fair', 0, 25], ['Spring mailing', 350, 0]]);
  expect(usage.costs).toEqual([{ currency: 'EUR', amount: '12.52' }]);
  for (const path of [`/events/00000000-0000-4000-8000-000000000000/collateral-usage`, `/campaigns/00000000-0000-4000-8000-000000000000/collateral-usage`, `/collateral-stock/items/${ids.draft}/usage`]) {
    expect((await get(path)).status).toBe(404);
  }
  // Marketers see every item's stock; sellers the APPROVED items' only.
  await post('/collateral-stock/counts', { itemId: ids.draft, locationId: ids.paris, countedQuantity: 5 });
  const names = async (user: { key: string }) => (await get('/collateral-stock', user as typeof manager)).body.items.map((stock: { itemName: string }) => stock.itemName);
  expect(await names(marketer)).toContain('Draft leaflet');
  expect(await names(manager)).not.toContain('Draft leaflet');
  expect((await get(`/collateral-stock?locationId=${ids.lyon}`)).body.items.map((stock: { itemName: string }) => stock.itemName)).toEqual(['Event flyer']);
  expect((await get('/collateral-reservations?status=WAITING', marketer)).body.items.every((reservation: { status: string }) => reservation.status === 'WAITING')).toBe(true);
});

test('when the funding budget is in another currency, or the item was retired after it was reserved, then the shipment is refused and nothing moves', async () => {
  const { db } = t.database;
  const dollars = await db.campaign.create({ data: { name: 'US roadshow', currency: 'USD' } });
  const budget = await post('/budgets', { name: 'Americas', ownerId: marketer.id, currency: 'USD', periodStart: '2027-01-01', periodEnd: '2027-12-31', amount: 1000 });
  expect((await post(`/budgets/${budget.body.id}/allocations`, { campaignId: dollars.id, amount: 100 })).status).toBe(200);
  const reservation = (await reserve({ campaignId: dollars.id, quantity: 5 })).body;
  const before = await stockTables();
  const refused = await post(`/collateral-reservations/${reservation.id}/ship`, { destination: 'Boston office' });
  expect([refused.status, refused.body.error.message]).toEqual([409, '"Spring brochure" at "Paris warehouse" is costed in EUR and budget "Americas", which funds "US roadshow", in USD: no conversion between them']);
  await db.collateralItem.update({ where: { id: ids.brochure }, data: { status: 'RETIRED' } });
  const retired = await post(`/collateral-reservations/${reservation.id}/ship`, { destination: 'Boston office' });
  expect([retired.status, retired.body.error.message]).toEqual([409, 'Collateral item "Spring brochure" was RETIRED after it was reserved: its copies are not shipped any more; release the reservation']);
  expect(await stockTables()).toEqual(before);
  // Retired, it keeps its stock and history (for marketers: sellers no longer see it, as in the library).
  expect((await get(`/collateral-stock/${ids.stock}`, marketer)).body).toMatchObject({ itemStatus: 'RETIRED', onHand: 375 });
  expect((await get(`/collateral-stock/${ids.stock}`)).status).toBe(404);
  expect((await post(`/collateral-reservations/${reservation.id}/release`, {})).body.status).toBe('RELEASED');
});
