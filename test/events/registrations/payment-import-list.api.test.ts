import type { TestApp } from '../../support/test-app';
import { as, openEvent, registerAs, startAppWithStaff, type Staff } from './helpers';

let t: TestApp;
let manager: Staff;
let marketer: Staff;

beforeAll(async () => ({ t, manager, marketer } = await startAppWithStaff()));
afterAll(() => t.close());

const register = (eventId: string, body: object, user = manager) => registerAs(t, user, eventId, body);
const pay = (eventId: string, registrationId: string, body: object, user = marketer) => t.request.post(`/api/v1/events/${eventId}/registrations/${registrationId}/payment`).set(as(user)).send(body);
const paths = (answer: { body: { error: { details: { path: string }[] } } }) => answer.body.error.details.map((detail) => detail.path);

test('a paid event: registrations start UNPAID, marking PAID defaults to the price and is audited; a free event has no payment', async () => {
  const { event } = await openEvent(t, marketer.id, { price: 25 });
  const answer = await register(event.id, { contact: { name: 'Payer One', email: 'payer@one.example' } });
  expect(answer.body.registration).toMatchObject({ payment: 'UNPAID', amountPaid: null });
  const id = answer.body.registration.id;

  expect((await pay(event.id, id, { state: 'PAID' }, manager)).status).toBe(403);
  const paid = await pay(event.id, id, { state: 'PAID' });
  expect(paid.status).toBe(200);
  expect(paid.body).toMatchObject({ id, payment: 'PAID', amountPaid: '25.00' });
  const waived = await pay(event.id, id, { state: 'WAIVED', amount: 0 });
  expect(waived.body).toMatchObject({ payment: 'WAIVED', amountPaid: '0.00' });
  const row = await t.database.db.eventRegistration.findUniqueOrThrow({ where: { id } });
  expect(row.paymentMarkedById).toBe(marketer.id);
  expect(row.paymentMarkedAt).not.toBeNull();
  const audit = await t.database.db.auditEntry.findMany({ where: { entityId: id }, orderBy: { at: 'asc' } });
  expect(audit.map((entry) => [entry.action, entry.actorId, entry.before, entry.after])).toEqual([
    ['registration.payment', marketer.id, { payment: 'UNPAID', amountPaid: null }, { payment: 'PAID', amountPaid: '25.00', currency: 'EUR' }],
    ['registration.payment', marketer.id, { payment: 'PAID', amountPaid: '25.00' }, { payment: 'WAIVED', amountPaid: '0.00', currency: 'EUR' }],
  ]);

  // Paid at registration, by the staff member registering.
  const atDesk = await register(event.id, { contact: { name: 'Payer Two', email: 'payer@two.example' }, payment: { state: 'PAID', amount: 20 } });
  expect(atDesk.body.registration).toMatchObject({ payment: 'PAID', amountPaid: '20.00' });

  const free = await openEvent(t, marketer.id, {});
  const freeAnswer = await register(free.event.id, { contact: { name: 'Free Rider', email: 'free@rider.example' } });
  expect(freeAnswer.body.registration).toMatchObject({ payment: null, amountPaid: null });
  expect((await pay(free.event.id, freeAnswer.body.registration.id, { state: 'PAID' })).status).toBe(409);
  const paymentOnFree = await register(free.event.id, { contact: { name: 'Free Payer', email: 'free@payer.example' }, payment: { state: 'PAID' } });
  expect([paymentOnFree.status, paths(paymentOnFree)]).toEqual([400, ['body.payment']]);
});

test('import from JSON and CSV: bad rows reported by field, the others registered, duplicates existing', async () => {
  const { event } = await openEvent(t, marketer.id, { capacity: 2, sources: ['FAIR'] });
  const json = await t.request.post(`/api/v1/events/${event.id}/registrations/import`).set(as(manager)).send({
    rows: [
      { name: 'Imp One', email: 'imp1@import.example', accountName: 'Importers' },
      { name: 'Imp Two', email: 'not an e-mail' },
      { name: 'Imp Three', email: 'imp3@import.example', sourceCode: 'NOPE' },
      { name: 'Imp Four', email: 'imp4@import.example', sourceCode: 'fair', phone: '+33 1 23' },
      { name: 'Imp One', email: 'IMP1@import.example' },
      { name: 'Imp Five', email: 'imp5@import.example', shoeSize: 42 },
      { name: 'Imp Six', email: 'imp6@import.example' },
    ],
  });
  expect(json.status).toBe(200);
  expect(json.body).toMatchObject({ created: 2, waiting: 1, existing: 1, failed: 3 });
  expect(json.body.rows.map((row: { row: number; status?: string; existing?: boolean; error?: string }) => [row.row, row.status ?? null, row.existing ?? null, row.error ? row.error.split(':')[0] : null])).toEqual([
    [1, 'REGISTERED', false, null],
    [2, null, null, 'email'],
    [3, null, null, 'sourceCode'],
    [4, 'REGISTERED', false, null],
    [5, 'REGISTERED', true, null],
    [6, null, null, 'row'],
    [7, 'WAITING', false, null],
  ]);
  expect(json.body.rows[5].error).toContain('shoeSize');
  const imported = await t.database.db.eventRegistration.findMany({ where: { eventId: event.id }, orderBy: { registeredAt: 'asc' } });
  expect(imported.map((row) => [row.channel, row.sourceCode])).toEqual([['IMPORT', 'FAIR'], ['IMPORT', 'FAIR'], ['IMPORT', 'FAIR']]);

  const csv = 'name,email,accountName,phone,sourceCode\nCsv Person,csv@import.example,Csv Corp,,FAIR\n,nobody@import.example,,,\n';
  const fromCsv = await t.request.post(`/api/v1/events/${event.id}/registrations/import`).set(as(manager)).set('Content-Type', 'text/csv').send(csv);
  expect(fromCsv.status).toBe(200);
  expect(fromCsv.body).toMatchObject({ created: 0, waiting: 1, existing: 0, failed: 1 });
  expect(fromCsv.body.rows.map((row: { row: number; status?: string }) => [row.row, row.status ?? null])).toEqual([[2, 'WAITING'], [3, null]]);
  expect(fromCsv.body.rows[1].error).toMatch(/^name/);

  const badHeader = await t.request.post(`/api/v1/events/${event.id}/registrations/import`).set(as(manager)).set('Content-Type', 'text/csv').send('fullName,email\nX,x@y.example\n');
  expect([badHeader.status, paths(badHeader)]).toEqual([400, ['body.name', 'body.fullName']]);
});

test('the list searches name or e-mail with wildcards taken literally, filters by status and pages by cursor', async () => {
  const { event } = await openEvent(t, marketer.id, { capacity: 1 });
  const people = [
    { name: 'Zoë Martin', email: 'zoe@martin.example' },
    { name: 'Martina Rossi', email: 'mrossi@rossi.example' },
    { name: 'Paul 100% Sure', email: 'paul@sure.example' },
    { name: 'Under_Score', email: 'under@score.example' },
  ];
  const ids: string[] = [];
  for (const contact of people) ids.push((await register(event.id, { contact })).body.registration.id);

  const search = async (q: string) => (await t.request.get(`/api/v1/events/${event.id}/registrations?q=${encodeURIComponent(q)}`).set(as(manager))).body.items.map((item: { name: string }) => item.name);
  expect(await search('MARTIN')).toEqual(['Zoë Martin', 'Martina Rossi']);
  expect(await search('rossi.EXAMPLE')).toEqual(['Martina Rossi']);
  expect(await search('%')).toEqual(['Paul 100% Sure']);
  expect(await search('_')).toEqual(['Under_Score']);

  const waiting = await t.request.get(`/api/v1/events/${event.id}/registrations?status=WAITING&limit=2`).set(as(manager));
  expect(waiting.body.items.map((item: { id: string; waitingPosition: number }) => [item.id, item.waitingPosition])).toEqual([[ids[1], 1], [ids[2], 2]]);
  const next = await t.request.get(`/api/v1/events/${event.id}/registrations?status=WAITING&limit=2&cursor=${waiting.body.nextCursor}`).set(as(manager));
  expect(next.body).toMatchObject({ items: [{ id: ids[3], waitingPosition: 3 }], nextCursor: null });

  const unknown = await t.request.get('/api/v1/events/00000000-0000-4000-8000-000000000000/registrations').set(as(manager));
  expect(unknown.status).toBe(404);
});

test('bad input is a 400 naming its field, and nothing is written', async () => {
  const { event } = await openEvent(t, marketer.id, { sources: ['WEB'] });
  const count = () => Promise.all([t.database.db.eventRegistration.count(), t.database.db.account.count(), t.database.db.activity.count()]);
  const before = await count();
  const contact = { name: 'Nobody', email: 'nobody@bad.example' };
  const cases: [object, string][] = [
    [{}, 'body.contactId'],
    [{ contact, contactId: '00000000-0000-4000-8000-000000000000' }, 'body.contact'],
    [{ contactId: '00000000-0000-4000-8000-000000000000' }, 'body.contactId'],
    [{ contactId: 'nope' }, 'body.contactId'],
    [{ contact: { name: '' } }, 'body.contact.name'],
    [{ contact: { name: 'X', email: 'x' } }, 'body.contact.email'],
    [{ contact, sourceCode: 'PRESS' }, 'body.sourceCode'],
    [{ contact, payment: { state: 'OWED' } }, 'body.payment.state'],
    [{ contact, payment: { state: 'PAID', amount: -1 } }, 'body.payment.amount'],
    [{ contact, extra: 1 }, 'body.extra'],
  ];
  for (const [body, path] of cases) {
    const answer = await register(event.id, body);
    expect([JSON.stringify(body), answer.status, paths(answer)]).toEqual([JSON.stringify(body), 400, [path]]);
  }
  expect((await register(event.id, { contact, sourceCode: 'PRESS' })).body.error.message).toContain('WEB');
  const query = await t.request.get(`/api/v1/events/${event.id}/registrations?status=GONE&limit=0&cursor=zz`).set(as(manager));
  expect([query.status, paths(query).sort()]).toEqual([400, ['query.cursor', 'query.limit', 'query.status']]);
  const badId = await t.request.post(`/api/v1/events/${event.id}/registrations/nope/cancel`).set(as(manager));
  expect([badId.status, paths(badId)]).toEqual([400, ['path.registrationId']]);
  const badPayment = await pay(event.id, '00000000-0000-4000-8000-000000000000', { state: 'PAID', amount: 1.234 });
  expect([badPayment.status, paths(badPayment)]).toEqual([400, ['body.amount']]);
  expect(await count()).toEqual(before);
});
