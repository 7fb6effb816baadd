import type { TestApp } from '../../support/test-app';
import { as, openEvent, registerAs, startAppWithStaff, type Staff } from './helpers';

let t: TestApp;
let manager: Staff;
let marketer: Staff;

beforeAll(async () => ({ t, manager, marketer } = await startAppWithStaff()));
afterAll(() => t.close());

const register = (eventId: string, body: object, user = manager) => registerAs(t, user, eventId, body);
const cancel = (eventId: string, registrationId: string) => t.request.post(`/api/v1/events/${eventId}/registrations/${registrationId}/cancel`).set(as(manager));
const person = (n: number, tag: string) => ({ contact: { name: `Person ${n}`, email: `person${n}@${tag}.example`, accountName: `Company ${tag} ${n}` } });
const outbox = (eventId: string) => t.database.db.outboundEmail.findMany({ where: { eventId }, orderBy: { createdAt: 'asc' }, select: { templateKey: true, eventRegistrationId: true, kind: true, why: true } });

test('seats go to the first registrants, the rest wait in order, and a cancellation promotes the first waiting one', async () => {
  const { event } = await openEvent(t, marketer.id, { capacity: 2 });
  const answers: Awaited<ReturnType<typeof register>>[] = [];
  for (let n = 1; n <= 5; n++) answers.push(await register(event.id, person(n, 'cap')));
  expect(answers.map((answer) => answer.status)).toEqual([201, 201, 201, 201, 201]);
  expect(answers.map((answer) => [answer.body.registration.status, answer.body.registration.waitingPosition, answer.body.existing])).toEqual([
    ['REGISTERED', null, false],
    ['REGISTERED', null, false],
    ['WAITING', 1, false],
    ['WAITING', 2, false],
    ['WAITING', 3, false],
  ]);
  const [first, , third, fourth, fifth] = answers.map((answer) => answer.body.registration);
  expect(first).toMatchObject({ eventId: event.id, name: 'Person 1', email: 'person1@cap.example', accountName: 'Company cap 1', channel: 'API', createdAccount: true, payment: null, amountPaid: null, invited: false, noShow: false, cancelledAt: null, checkedInAt: null });
  expect(first.confirmedAt).not.toBeNull();
  expect(third.confirmedAt).toBeNull();

  // Cancelling a waiting person moves nobody up to a seat, only the ones behind.
  const leaveQueue = await cancel(event.id, fourth.id);
  expect(leaveQueue.status).toBe(200);
  expect(leaveQueue.body).toMatchObject({ registration: { status: 'CANCELLED', waitingPosition: null }, promoted: null });

  // Cancelling a seat promotes the first waiting one in the same transaction.
  const freed = await cancel(event.id, first.id);
  expect(freed.status).toBe(200);
  expect(freed.body.registration).toMatchObject({ id: first.id, status: 'CANCELLED' });
  expect(freed.body.registration.cancelledAt).not.toBeNull();
  expect(freed.body.promoted).toMatchObject({ id: third.id, status: 'REGISTERED', waitingPosition: null });
  expect(freed.body.promoted.confirmedAt).not.toBeNull();

  // Idempotent: cancelling again changes nothing and promotes nobody.
  const again = await cancel(event.id, first.id);
  expect(again.body).toEqual({ registration: freed.body.registration, promoted: null });

  const list = await t.request.get(`/api/v1/events/${event.id}/registrations?status=WAITING`).set(as(manager));
  expect(list.body.items.map((item: { id: string; waitingPosition: number }) => [item.id, item.waitingPosition])).toEqual([[fifth.id, 1]]);

  expect(await outbox(event.id)).toEqual([
    ...['confirmation', 'confirmation', 'waiting', 'waiting', 'waiting'].map((kind, index) => ({ templateKey: `event.${kind}`, eventRegistrationId: answers[index].body.registration.id, kind: 'EVENT_EMAIL', why: { eventId: event.id, registrationId: answers[index].body.registration.id } })),
    { templateKey: 'event.promoted', eventRegistrationId: third.id, kind: 'EVENT_EMAIL', why: { eventId: event.id, registrationId: third.id } },
  ]);
});

test('40 concurrent registrations for 10 seats: exactly 10 seats and a waiting list 1..30', async () => {
  const { event } = await openEvent(t, marketer.id, { capacity: 10 });
  const answers = await Promise.all(Array.from({ length: 40 }, (_, n) => register(event.id, person(n, 'rush'))));
  expect(answers.filter((answer) => answer.status !== 201).map((answer) => answer.body)).toEqual([]);
  const registrations = await t.database.db.eventRegistration.findMany({ where: { eventId: event.id }, orderBy: [{ registeredAt: 'asc' }, { id: 'asc' }] });
  expect(registrations.filter((row) => row.status === 'REGISTERED')).toHaveLength(10);
  // The seats are the first 10 in the list's order: nobody who came later got one.
  expect(registrations.slice(0, 10).every((row) => row.status === 'REGISTERED')).toBe(true);
  const waiting = answers.map((answer) => answer.body.registration).filter((registration) => registration.status === 'WAITING');
  expect(waiting.map((registration) => registration.waitingPosition).sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, index) => index + 1));

  const all: { id: string; status: string; waitingPosition: number | null }[] = [];
  let cursor: string | null = null;
  do {
    const page: { body: { items: typeof all; nextCursor: string | null } } = await t.request.get(`/api/v1/events/${event.id}/registrations?limit=15${cursor ? `&cursor=${cursor}` : ''}`).set(as(manager));
    all.push(...page.body.items);
    cursor = page.body.nextCursor;
  } while (cursor);
  expect(all.map((item) => item.id)).toEqual(registrations.map((row) => row.id));
  expect(all.filter((item) => item.status === 'WAITING').map((item) => item.waitingPosition)).toEqual(Array.from({ length: 30 }, (_, index) => index + 1));
});

test('registrations decided in the same millisecond keep the order of their microseconds in places, pages and promotion', async () => {
  const { event } = await openEvent(t, marketer.id, { capacity: 1 });
  const seated = (await register(event.id, person(1, 'micro'))).body.registration;
  const waiting = [(await register(event.id, person(2, 'micro'))).body.registration, (await register(event.id, person(3, 'micro'))).body.registration];
  // The earlier one gets the greater id, so ordering by the id inside a millisecond would swap them.
  const [earlier, later] = waiting.map((registration) => registration.id).sort().reverse();
  await t.database.db.$executeRaw`
    UPDATE event_registrations SET registered_at = CASE id WHEN CAST(${seated.id} AS uuid) THEN TIMESTAMPTZ '2026-12-04 10:00:00.100Z'
      WHEN CAST(${earlier} AS uuid) THEN TIMESTAMPTZ '2026-12-04 10:00:00.123400Z' ELSE TIMESTAMPTZ '2026-12-04 10:00:00.123900Z' END
    WHERE event_id = CAST(${event.id} AS uuid)`;

  const pages: { id: string; waitingPosition: number | null }[][] = [];
  let cursor: string | null = null;
  do {
    const page: { status: number; body: { items: { id: string; waitingPosition: number | null }[]; nextCursor: string | null } } = await t.request
      .get(`/api/v1/events/${event.id}/registrations?limit=1${cursor ? `&cursor=${cursor}` : ''}`)
      .set(as(manager));
    expect(page.status).toBe(200);
    pages.push(page.body.items.map(({ id, waitingPosition }) => ({ id, waitingPosition })));
    cursor = page.body.nextCursor;
  } while (cursor);
  expect(pages.flat()).toEqual([
    { id: seated.id, waitingPosition: null },
    { id: earlier, waitingPosition: 1 },
    { id: later, waitingPosition: 2 },
  ]);
  const freed = await cancel(event.id, seated.id);
  expect(freed.body.promoted).toMatchObject({ id: earlier, status: 'REGISTERED' });
});

test('the same person twice gets the one registration; after a cancellation they register anew at the back', async () => {
  const { event } = await openEvent(t, marketer.id, { capacity: 1 });
  const first = await register(event.id, person(1, 'twice'));
  const second = await register(event.id, { contact: { name: 'person 1', email: ' PERSON1@twice.example ' } });
  expect(second.status).toBe(201);
  expect(second.body).toEqual({ registration: first.body.registration, existing: true });
  expect(await t.database.db.eventRegistration.count({ where: { eventId: event.id } })).toBe(1);
  // By contactId too.
  const byId = await register(event.id, { contactId: first.body.registration.contactId });
  expect(byId.body).toMatchObject({ existing: true, registration: { id: first.body.registration.id } });

  const other = await register(event.id, person(2, 'twice'));
  expect(other.body.registration.status).toBe('WAITING');
  await cancel(event.id, first.body.registration.id);
  const back = await register(event.id, person(1, 'twice'));
  expect(back.body).toMatchObject({ existing: false, registration: { id: first.body.registration.id, status: 'WAITING', waitingPosition: 1, cancelledAt: null } });
  expect(Date.parse(back.body.registration.registeredAt)).toBeGreaterThan(Date.parse(first.body.registration.registeredAt));
});

test('registration needs a scheduled event that has not ended; an unknown event is a 404', async () => {
  const { event } = await openEvent(t, marketer.id, { endsAt: new Date(Date.now() - 60_000) });
  const ended = await register(event.id, person(1, 'ended'));
  expect(ended.status).toBe(409);
  expect(ended.body.error.message).toContain('ended');
  await t.database.db.event.update({ where: { id: event.id }, data: { status: 'DRAFT', endsAt: null } });
  const draft = await register(event.id, person(1, 'ended'));
  expect([draft.status, draft.body.error.message]).toEqual([409, expect.stringContaining('DRAFT')]);
  const unknown = await register('00000000-0000-4000-8000-000000000000', person(1, 'ended'));
  expect(unknown.status).toBe(404);
  expect(await t.database.db.eventRegistration.count({ where: { eventId: event.id } })).toBe(0);
});
