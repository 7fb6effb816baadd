import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
let marketer: { id: string; key: string };
let admin: { id: string; key: string };
let lead: { id: string; key: string };
let seller: { id: string; key: string };
let otherSeller: { id: string; key: string };
let accountId: string;
const as = (user: { key: string }) => ({ Authorization: `Bearer ${user.key}` });
const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
const write = (body: object) => t.request.post('/api/v1/directives').set(as(marketer)).send(body);

beforeAll(async () => {
  t = await startTestApp();
  [marketer, admin, lead, seller, otherSeller] = await Promise.all([t.userWithKey('marketer'), t.userWithKey('admin'), t.userWithKey('manager'), t.userWithKey('manager'), t.userWithKey('manager')]);
  const { db } = t.database;
  await db.user.update({ where: { id: seller.id }, data: { managerId: lead.id } });
  await db.user.update({ where: { id: lead.id }, data: { name: 'Lena Lead' } });
  accountId = (await db.account.create({ data: { name: 'Directed GmbH', ownerId: seller.id, status: 'POTENTIAL' } })).id;
  // The account relates to Widget Pro (an approved plan applied to it) and Gadget (an objective for all
  // accounts); not to Old thing (its plan was rejected).
  const plan = (product: string, status: 'APPROVED' | 'REJECTED') =>
    db.plan.create({ data: { name: `${product} plan`, periodStart: new Date('2026-01-01'), periodEnd: new Date('2030-12-31'), approverIds: [], authorId: marketer.id, product, status } });
  const widget = await plan('Widget Pro', 'APPROVED');
  const rejected = await plan('Old thing', 'REJECTED');
  const gadget = await plan('Gadget', 'APPROVED');
  for (const { id } of [widget, rejected]) await db.planAccount.create({ data: { planId: id, accountId, applicationId: randomUUID() } });
  await db.objective.create({ data: { planId: gadget.id, name: 'Two visits', kind: 'visits', target: '2', unit: 'visits', appliesToAll: true } });
});
afterAll(() => t.close());

test('when directives are written for the company, teams and products then an account page shows those for its seller’s team and its products, in their period and active, company-wide first', async () => {
  const directives: [string, object][] = [
    ['Company', {}],
    ['Archived', {}],
    ['Ended yesterday', { validUntil: day(-1) }],
    ['Starts tomorrow', { validFrom: day(1) }],
    ['Runs today', { validFrom: day(0), validUntil: day(0) }],
    ['Lead team', { teamLeadId: lead.id }],
    ['Other team', { teamLeadId: otherSeller.id }],
    ['Widget', { product: 'widget pro' }],
    ['Nothing', { product: 'Nothing' }],
    ['Gadget', { product: 'Gadget' }],
    ['Old', { product: 'Old thing' }],
    ['Lead team and Widget', { teamLeadId: lead.id, product: 'Widget Pro' }],
    ['Other team and Widget', { teamLeadId: otherSeller.id, product: 'Widget Pro' }],
  ];
  const ids: Record<string, string> = {};
  for (const [title, scope] of directives) {
    const created = await write({ title, text: `Say it: ${title}`, ...scope });
    expect(created.status).toBe(201);
    ids[title] = created.body.id;
  }
  expect((await t.request.patch(`/api/v1/directives/${ids.Archived}`).set(as(marketer)).send({ status: 'ARCHIVED' })).body.status).toBe('ARCHIVED');

  const page = await t.request.get(`/api/v1/accounts/${accountId}/directives`).set(as(seller));
  expect(page.status).toBe(200);
  expect(page.body.products).toEqual(['Gadget', 'Widget Pro']);
  expect(page.body.items.map((item: { title: string; scope: string; appliesBecause: string }) => [item.title, item.scope, item.appliesBecause])).toEqual([
    ['Runs today', 'COMPANY', 'company-wide'],
    ['Company', 'COMPANY', 'company-wide'],
    ['Lead team', 'TEAM', 'team of Lena Lead'],
    ['Lead team and Widget', 'TEAM_PRODUCT', 'team of Lena Lead, product Widget Pro'],
    ['Gadget', 'PRODUCT', 'product Gadget'],
    ['Widget', 'PRODUCT', 'product widget pro'],
  ]);
  // A marketer on the same page: the account owner's team still applies.
  const forMarketer = await t.request.get(`/api/v1/accounts/${accountId}/directives`).set(as(marketer));
  expect(forMarketer.body.items.map((item: { title: string }) => item.title)).toEqual(page.body.items.map((item: { title: string }) => item.title));
  // Another manager's account is not theirs to see: 404, as for an unknown id.
  const other = await t.request.get(`/api/v1/accounts/${accountId}/directives`).set(as(otherSeller));
  expect([other.status, other.body.error.message]).toEqual([404, `No account ${accountId}`]);

  const listed = await t.request.get('/api/v1/directives').query({ teamLeadId: lead.id }).set(as(seller));
  expect(listed.body.items.map((item: { title: string }) => item.title)).toEqual(['Lead team and Widget', 'Lead team']);
  const byProduct = await t.request.get('/api/v1/directives').query({ product: 'WIDGET PRO', status: 'ACTIVE' }).set(as(seller));
  expect(byProduct.body.items.map((item: { title: string }) => item.title)).toEqual(['Other team and Widget', 'Lead team and Widget', 'Widget']);
});

test('when a directive is written with bad fields then each is named and nothing is written; changes and deletes are audited', async () => {
  const count = await t.database.db.messagingDirective.count();
  const refusals: [object, string][] = [
    [{ title: 'x', text: 'y', validFrom: '2027-02-01', validUntil: '2027-01-01' }, 'body.validUntil'],
    [{ title: 'x', text: 'y', teamLeadId: randomUUID() }, 'body.teamLeadId'],
    [{ title: 'x', text: 'y'.repeat(5_001) }, 'body.text'],
    [{ title: 'x', text: 'y', validFrom: '2027-02-30' }, 'body.validFrom'],
    [{ text: 'y' }, 'body.title'],
  ];
  for (const [body, at] of refusals) {
    const response = await write(body);
    expect([response.status, response.body.error.details[0].path]).toEqual([400, at]);
  }
  expect((await t.request.post('/api/v1/directives').set(as(seller)).send({ title: 'x', text: 'y' })).status).toBe(403);
  expect(await t.database.db.messagingDirective.count()).toBe(count);

  const created = await write({ title: 'Spring', text: 'Mention the spring offer', validUntil: '2027-05-31' });
  const id = created.body.id;
  const backwards = await t.request.patch(`/api/v1/directives/${id}`).set(as(marketer)).send({ validFrom: '2027-06-01' });
  expect([backwards.status, backwards.body.error.message, backwards.body.error.details[0].path]).toEqual([400, 'Invalid validFrom: the period would end before it starts', 'body.validFrom']);
  const changed = await t.request.patch(`/api/v1/directives/${id}`).set(as(admin)).send({ text: 'Mention the spring offer first', teamLeadId: lead.id });
  expect(changed.body).toMatchObject({ text: 'Mention the spring offer first', scope: 'TEAM', teamLeadName: 'Lena Lead', validUntil: '2027-05-31' });
  expect((await t.request.delete(`/api/v1/directives/${id}`).set(as(marketer))).status).toBe(204);
  expect((await t.request.get(`/api/v1/directives/${id}`).set(as(seller))).status).toBe(404);
  const audit = await t.request.get('/api/v1/audit').query({ entityType: 'directive', entityId: id }).set(as(admin));
  expect(audit.body.items.map((entry: { action: string }) => entry.action).reverse()).toEqual(['directive.create', 'directive.update', 'directive.delete']);
  expect(audit.body.items[0].before).toMatchObject({ text: 'Mention the spring offer first' });
});
