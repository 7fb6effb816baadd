import { startTestApp, type TestApp } from '../support/test-app';
import { auth, day, fixtures, paths } from './helpers';

let t: TestApp;
let nina: { id: string; key: string };
let omar: { id: string; key: string };
let admin: { id: string; key: string };

const save = async (key: string, body: object) => {
  const response = await t.request.post('/api/v1/queries').set(auth(key)).send(body);
  expect(response.status).toBe(201);
  return response.body.id as string;
};
const rows = (key: string, id: string, query: object = {}) => t.request.get(`/api/v1/queries/${id}/rows`).query(query).set(auth(key));
const names = (response: { body: { items: { cells: Record<string, unknown> }[] } }) => response.body.items.map((item) => String(item.cells.name ?? item.cells.title));

beforeAll(async () => {
  t = await startTestApp();
  [nina, omar, admin] = await Promise.all([t.userWithKey('manager'), t.userWithKey('manager'), t.userWithKey('admin')]);
});
afterAll(() => t.close());

test('when deals closing in the next 30 days are asked for then the caller’s open ones come soonest first, with count and sums per currency', async () => {
  const f = fixtures(t);
  const mine = await f.account({ ownerId: nina.id, name: 'Nina Deals' });
  const omars = await f.account({ ownerId: omar.id });
  await f.deal({ accountId: mine.id, ownerId: nina.id, name: 'Later', amount: 2000, close: day(20) });
  await f.deal({ accountId: mine.id, ownerId: nina.id, name: 'Soon', amount: 1250.5, close: day(3) });
  await f.deal({ accountId: mine.id, ownerId: nina.id, name: 'Dollars', amount: 300, currency: 'USD', close: day(30) });
  await f.deal({ accountId: mine.id, ownerId: nina.id, name: 'Too late', amount: 1, close: day(31) });
  await f.deal({ accountId: mine.id, ownerId: nina.id, name: 'Won already', amount: 1, close: day(2), stage: 'WON' });
  await f.deal({ accountId: omars.id, ownerId: omar.id, name: 'Not mine', amount: 1, close: day(2) });
  const id = await save(nina.key, {
    name: 'Closing in 30 days',
    entity: 'opportunities',
    filters: [
      { field: 'owner', op: 'eq', value: 'me' },
      { field: 'stage', op: 'notIn', value: ['WON', 'LOST'] },
      { field: 'expectedCloseDate', op: 'between', value: [{ relative: { amount: 0, unit: 'day' } }, { relative: { amount: 30, unit: 'day' } }] },
    ],
    sort: [{ field: 'expectedCloseDate', direction: 'asc' }],
    columns: ['name', 'accountName', 'amount', 'currency', 'expectedCloseDate', 'owner'],
  });
  const page = await rows(nina.key, id);
  expect(page.status).toBe(200);
  expect(page.body.columns.map((column: { label: string }) => column.label)).toEqual(['Deal', 'Account', 'Amount', 'Currency', 'Expected close', 'Owner']);
  expect(names(page)).toEqual(['Soon', 'Later', 'Dollars']);
  expect(page.body.items[0]).toEqual({ id: expect.any(String), accountId: mine.id, currency: 'EUR', cells: { name: 'Soon', accountName: 'Nina Deals', amount: 1250.5, currency: 'EUR', expectedCloseDate: day(3), owner: expect.any(String) } });
  expect((await t.request.get(`/api/v1/queries/${id}/count`).set(auth(nina.key))).body).toEqual({ count: 3 });
  const sum = await t.request.get(`/api/v1/queries/${id}/sum`).query({ field: 'amount' }).set(auth(nina.key));
  expect(sum.body).toEqual({ field: 'amount', sums: [{ currency: 'EUR', sum: 3250.5 }, { currency: 'USD', sum: 300 }], sum: null, currency: null });
  const badSum = await t.request.get(`/api/v1/queries/${id}/sum`).query({ field: 'name' }).set(auth(nina.key));
  expect(badSum.status).toBe(400);
  expect(paths(badSum.body)).toEqual(['query.field']);
});

test('when rows are paged then the cursor continues in the chosen order without repeats, and a forged cursor is a 400', async () => {
  const f = fixtures(t);
  for (const [index, segment] of ['b', 'a', null, 'c', 'a'].entries()) await f.account({ ownerId: nina.id, name: `Paged ${index}`, segment: segment ?? undefined, leadSource: 'Paging' });
  const id = await save(nina.key, { name: 'Paged', entity: 'accounts', filters: [{ field: 'leadSource', op: 'eq', value: 'Paging' }], sort: [{ field: 'segment', direction: 'desc' }, { field: 'name', direction: 'asc' }], columns: ['name', 'segment'] });
  const seen: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await rows(nina.key, id, { limit: 2, ...(cursor ? { cursor } : {}) });
    expect(page.status).toBe(200);
    seen.push(...names(page));
    cursor = page.body.nextCursor ?? undefined;
  } while (cursor);
  expect(seen).toEqual(['Paged 3', 'Paged 0', 'Paged 1', 'Paged 4', 'Paged 2']);
  for (const forged of ['nonsense!', Buffer.from('["x","y"]').toString('base64url'), Buffer.from(JSON.stringify(['a', 'b', 'not-an-id'])).toString('base64url')]) {
    const response = await rows(nina.key, id, { cursor: forged });
    expect({ forged, status: response.status, paths: paths(response.body) }).toEqual({ forged, status: 400, paths: ['query.cursor'] });
  }
  const dated = await save(nina.key, { name: 'Paged by date', entity: 'accounts', filters: [{ field: 'leadSource', op: 'eq', value: 'Paging' }], sort: [{ field: 'lastContactedAt', direction: 'asc' }] });
  const forgedDate = Buffer.from(JSON.stringify(['not-a-time', '00000000-0000-4000-8000-000000000001'])).toString('base64url');
  expect((await rows(nina.key, dated, { cursor: forgedDate })).status).toBe(400);
});

test('when overdue tasks, re-contacts due this month and "any" filters are asked for then each finds what the old views found', async () => {
  const f = fixtures(t);
  const account = await f.account({ ownerId: nina.id, name: 'Nina Tasks' });
  await f.task(account.id, nina.id, 'Call back', -48);
  await f.task(account.id, nina.id, 'Send offer', -1);
  await f.task(account.id, nina.id, 'Tomorrow', 24);
  await f.task(account.id, nina.id, 'Done already', -5, 'DONE');
  await f.task(account.id, omar.id, 'Omar overdue', -5);
  const overdue = await save(nina.key, {
    name: 'Overdue',
    entity: 'tasks',
    filters: [{ field: 'owner', op: 'eq', value: 'me' }, { field: 'state', op: 'eq', value: 'OPEN' }, { field: 'dueAt', op: 'before', value: { relative: { amount: 0, unit: 'hour' } } }],
    sort: [{ field: 'dueAt', direction: 'asc' }],
    columns: ['title', 'dueAt'],
  });
  expect(names(await rows(nina.key, overdue))).toEqual(['Call back', 'Send offer']);

  const refused = await f.account({ ownerId: nina.id, status: 'REFUSED', name: 'Refused Now' });
  const later = await f.account({ ownerId: nina.id, status: 'LOST', name: 'Lost Later' });
  const now = new Date();
  const inMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1, 0, 0, 1));
  await f.timer(refused.id, inMonth);
  await f.timer(later.id, new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 2, 2)));
  await f.timer(later.id, inMonth, 'CANCELLED');
  const recontact = await save(nina.key, {
    name: 'Re-contact this month',
    entity: 'accounts',
    filters: [{ field: 'status', op: 'in', value: ['REFUSED', 'LOST'] }, { field: 'recontactDue', op: 'inPeriod', value: { period: 'month', offset: 0 } }],
    columns: ['name', 'recontactDue'],
  });
  const found = await rows(nina.key, recontact);
  expect(found.body.items).toEqual([expect.objectContaining({ cells: { name: 'Refused Now', recontactDue: inMonth.toISOString() } })]);

  const either = await save(nina.key, { name: 'Either', entity: 'accounts', match: 'any', filters: [{ field: 'name', op: 'eq', value: 'Refused Now' }, { field: 'name', op: 'eq', value: 'Lost Later' }], sort: [{ field: 'name', direction: 'asc' }] });
  expect(names(await rows(nina.key, either))).toEqual(['Lost Later', 'Refused Now']);
});

test('when deals are filtered by product and campaign then only those with a line item of the product or from the campaign are found', async () => {
  const f = fixtures(t);
  const db = t.database.db;
  const account = await f.account({ ownerId: nina.id });
  const campaign = await db.campaign.create({ data: { name: 'Spring press' } });
  const source = await db.campaignSource.create({ data: { campaignId: campaign.id, code: 'PRESS1', name: 'Daily paper' } });
  const [drill, saw] = [await f.product(admin.id, 'DRILL-Q'), await f.product(admin.id, 'SAW-Q')];
  const withDrill = await f.deal({ accountId: account.id, ownerId: nina.id, name: 'Drill deal', amount: 10 });
  const withSaw = await f.deal({ accountId: account.id, ownerId: nina.id, name: 'Saw deal', amount: 10, campaignSourceId: source.id });
  await db.opportunityLineItem.create({ data: { opportunityId: withDrill.id, productId: drill.id, quantity: 1, unitPrice: 10, position: 0 } });
  await db.opportunityLineItem.create({ data: { opportunityId: withSaw.id, productId: saw.id, quantity: 1, unitPrice: 10, position: 0 } });
  const count = (body: object) => t.request.post('/api/v1/queries/count').set(auth(nina.key)).send({ entity: 'opportunities', ...body });
  expect((await count({ filters: [{ field: 'product', op: 'in', value: [drill.id] }] })).body).toEqual({ count: 1 });
  expect((await count({ filters: [{ field: 'product', op: 'notIn', value: [drill.id] }, { field: 'owner', op: 'eq', value: 'me' }] })).body.count).toBeGreaterThanOrEqual(1);
  expect((await count({ filters: [{ field: 'campaign', op: 'in', value: [campaign.id] }] })).body).toEqual({ count: 1 });
  const bad = await count({ filters: [{ field: 'campaign', op: 'in', value: ['spring'] }] });
  expect(bad.status).toBe(400);
  expect(paths(bad.body)).toEqual(['body.filters.0.value.0']);
});

test('when a query is downloaded as CSV then every row comes with labels as headers, quoted cells and formulas defused', async () => {
  const f = fixtures(t);
  for (let index = 0; index < 3; index += 1) await f.account({ ownerId: nina.id, name: `Csv ${index}`, leadSource: 'CsvTest' });
  await f.account({ ownerId: nina.id, name: '=HYPERLINK("http://evil")', leadSource: 'CsvTest' });
  await f.account({ ownerId: nina.id, name: 'Quote "and", comma', leadSource: 'CsvTest' });
  const id = await save(nina.key, { name: 'CSV test: accounts', entity: 'accounts', filters: [{ field: 'leadSource', op: 'eq', value: 'CsvTest' }], sort: [{ field: 'name', direction: 'asc' }], columns: ['name', 'leadSource'] });
  const response = await t.request.get(`/api/v1/queries/${id}/rows.csv`).set(auth(nina.key)).buffer(true).parse((res, done) => {
    let text = '';
    res.on('data', (chunk: Buffer) => (text += chunk.toString()));
    res.on('end', () => done(null, text));
  });
  expect(response.status).toBe(200);
  expect(response.headers['content-type']).toMatch(/^text\/csv/);
  expect(response.headers['content-disposition']).toBe('attachment; filename=CSV-test-accounts.csv');
  expect(response.body).toBe(['Name,Lead source', `"'=HYPERLINK(""http://evil"")",CsvTest`, 'Csv 0,CsvTest', 'Csv 1,CsvTest', 'Csv 2,CsvTest', '"Quote ""and"", comma",CsvTest', ''].join('\r\n'));
  expect((await t.request.get('/api/v1/queries/00000000-0000-4000-8000-000000000009/rows.csv').set(auth(nina.key))).status).toBe(404);
});

test('when the live count gets an unsaved definition then it counts the caller’s visible rows, and a bad filter is a 400 naming its path', async () => {
  const f = fixtures(t);
  await f.account({ ownerId: nina.id, segment: 'Live-count' });
  await f.account({ ownerId: omar.id, segment: 'Live-count' });
  await f.account({ ownerId: null, status: 'NEW', segment: 'Live-count' });
  const count = (key: string, body: object) => t.request.post('/api/v1/queries/count').set(auth(key)).send(body);
  expect((await count(nina.key, { entity: 'accounts', filters: [{ field: 'segment', op: 'eq', value: 'Live-count' }] })).body).toEqual({ count: 2 });
  expect((await count(admin.key, { entity: 'accounts', filters: [{ field: 'segment', op: 'eq', value: 'Live-count' }] })).body).toEqual({ count: 3 });
  expect((await count(admin.key, { entity: 'accounts', filters: [{ field: 'segment', op: 'eq', value: 'Live-count' }, { field: 'owner', op: 'isNotSet' }] })).body).toEqual({ count: 1 });
  const bad = await count(nina.key, { entity: 'accounts', filters: [{ field: 'segment', op: 'eq', value: 'x' }, { field: 'createdAt', op: 'before', value: { relative: { amount: 'ten', unit: 'day' } } }] });
  expect(bad.status).toBe(400);
  expect(paths(bad.body)).toEqual(['body.filters.1.value.relative.amount']);
});
