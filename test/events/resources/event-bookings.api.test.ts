import { startTestApp, type TestApp } from '../../support/test-app';
import { at, auth, book, createResource, insertEvent, paths } from './helpers';

let t: TestApp;
let marketer: { id: string; key: string };
let manager: { id: string; key: string };

beforeAll(async () => {
  t = await startTestApp();
  [marketer, manager] = await Promise.all([t.userWithKey('marketer'), t.userWithKey('manager')]);
});
afterAll(() => t.close());

const event = (day: number, fromHour: number, toHour: number, status?: 'SCHEDULED' | 'DRAFT' | 'CANCELLED' | 'COMPLETED') =>
  insertEvent(t, marketer.id, { startsAt: at(day, fromHour), endsAt: at(day, toHour), status });
const stock = async (resourceId: string) => (await t.database.db.resource.findUniqueOrThrow({ where: { id: resourceId } })).quantity;

describe('POST /api/v1/events/:id/bookings: FIXED resources', () => {
  test('when a fixed resource is booked for an overlapping span then 409 names the other event, its id and span', async () => {
    const room = await createResource(t, marketer.key, { kind: 'FIXED' });
    const seminar = await event(1, 9, 12);
    const webinar = await event(1, 11, 13, 'DRAFT');

    const first = await book(t, marketer.key, seminar.id, { resourceId: room.id, note: 'U-shape' });
    expect(first.status).toBe(201);
    expect(first.body).toEqual({
      id: expect.any(String), resourceId: room.id, resourceName: room.name, kind: 'FIXED', eventId: seminar.id, eventName: seminar.name,
      quantity: 1, startsAt: at(1, 9).toISOString(), endsAt: at(1, 12).toISOString(), note: 'U-shape',
    });

    const second = await book(t, marketer.key, webinar.id, { resourceId: room.id });
    expect(second.status).toBe(409);
    expect(second.body.error.message).toBe(`"${room.name}" is booked for "${seminar.name}" (${seminar.id}) from ${at(1, 9).toISOString()} to ${at(1, 12).toISOString()}`);
    expect(second.body.error.details).toEqual([{ message: `booked for event ${seminar.id}` }]);
  });

  test('when one event ends as the next starts then both get the room', async () => {
    const room = await createResource(t, marketer.key, { kind: 'FIXED' });
    const morning = await event(2, 9, 12);
    const afternoon = await event(2, 12, 15);
    const before = await event(2, 7, 9);
    expect((await book(t, marketer.key, morning.id, { resourceId: room.id })).status).toBe(201);
    expect((await book(t, marketer.key, afternoon.id, { resourceId: room.id })).status).toBe(201);
    expect((await book(t, marketer.key, before.id, { resourceId: room.id })).status).toBe(201);

    const ofRoom = await t.request.get(`/api/v1/resources/${room.id}/bookings`).set(auth(manager.key));
    expect(ofRoom.status).toBe(200);
    expect(ofRoom.body.items.map((booking: { eventId: string }) => booking.eventId)).toEqual([before.id, morning.id, afternoon.id]);
    const ofEvent = await t.request.get(`/api/v1/events/${morning.id}/bookings`).set(auth(manager.key));
    expect(ofEvent.body.items).toEqual([expect.objectContaining({ resourceId: room.id, eventName: morning.name })]);
  });

  test('when two bookings of a fixed resource for overlapping events race then exactly one wins', async () => {
    const room = await createResource(t, marketer.key, { kind: 'FIXED' });
    const a = await event(3, 9, 12);
    const b = await event(3, 10, 11);
    const answers = await Promise.all([book(t, marketer.key, a.id, { resourceId: room.id }), book(t, marketer.key, b.id, { resourceId: room.id })]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409]);
    expect(await t.database.db.resourceBooking.count({ where: { resourceId: room.id } })).toBe(1);
  });
});

describe('POST /api/v1/events/:id/bookings: COUNTED resources', () => {
  test('when overlapping bookings would hold more units than owned at some instant then 409 names what is free and who holds it', async () => {
    const headsets = await createResource(t, marketer.key, { kind: 'COUNTED', quantity: 10 });
    const a = await event(4, 0, 4);
    const b = await event(4, 2, 6);
    const c = await event(4, 3, 5);
    const d = await event(4, 4, 8);
    expect((await book(t, marketer.key, a.id, { resourceId: headsets.id, quantity: 6 })).status).toBe(201);
    expect((await book(t, marketer.key, b.id, { resourceId: headsets.id, quantity: 4 })).status).toBe(201);

    const full = await book(t, marketer.key, c.id, { resourceId: headsets.id, quantity: 1 });
    expect(full.status).toBe(409);
    expect(full.body.error.message).toContain(`"${headsets.name}" has 0 of 10 free from ${at(4, 3).toISOString()} to ${at(4, 5).toISOString()}, 1 asked`);
    expect(full.body.error.message).toContain(`"${a.name}" (${a.id}) 6`);
    expect(full.body.error.message).toContain(`"${b.name}" (${b.id}) 4`);
    // From 4 h only b's 4 are out: 6 free.
    const tooMany = await book(t, marketer.key, d.id, { resourceId: headsets.id, quantity: 7 });
    expect(tooMany.status).toBe(409);
    expect(tooMany.body.error.message).toContain('has 6 of 10 free');
    expect((await book(t, marketer.key, d.id, { resourceId: headsets.id, quantity: 6 })).status).toBe(201);

    // b (4) and d (6) hold 10 at once: the quantity cannot drop below that.
    const fewer = await t.request.patch(`/api/v1/resources/${headsets.id}`).set(auth(marketer.key)).send({ quantity: 9 });
    expect(fewer.status).toBe(409);
    expect(paths(fewer.body)).toEqual(['body.quantity']);
    const more = await t.request.patch(`/api/v1/resources/${headsets.id}`).set(auth(marketer.key)).send({ quantity: 11 });
    expect(more.status).toBe(200);
    expect((await book(t, marketer.key, c.id, { resourceId: headsets.id, quantity: 1 })).status).toBe(201);
  });

  test('when two counted bookings that cannot both fit race then exactly one wins', async () => {
    const mics = await createResource(t, marketer.key, { kind: 'COUNTED', quantity: 5 });
    const a = await event(5, 9, 12);
    const b = await event(5, 11, 14);
    const answers = await Promise.all([book(t, marketer.key, a.id, { resourceId: mics.id, quantity: 3 }), book(t, marketer.key, b.id, { resourceId: mics.id, quantity: 3 })]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409]);
  });
});

describe('POST /api/v1/events/:id/bookings: CONSUMABLE resources', () => {
  test('when consumables are reserved then the stock shrinks, a reservation beyond it is a 409, and deleting one returns it', async () => {
    const workbooks = await createResource(t, marketer.key, { kind: 'CONSUMABLE', quantity: 10 });
    const a = await event(6, 9, 12);
    const b = await event(6, 9, 12);
    const reserved = await book(t, marketer.key, a.id, { resourceId: workbooks.id, quantity: 7 });
    expect(reserved.status).toBe(201);
    expect(reserved.body).toMatchObject({ kind: 'CONSUMABLE', quantity: 7 });
    expect(await stock(workbooks.id)).toBe(3);

    const short = await book(t, marketer.key, b.id, { resourceId: workbooks.id, quantity: 4 });
    expect(short.status).toBe(409);
    expect(short.body.error.message).toBe(`"${workbooks.name}" has 3 in stock, 4 asked`);
    // No time check: the same span takes the rest of the stock.
    expect((await book(t, marketer.key, b.id, { resourceId: workbooks.id, quantity: 3 })).status).toBe(201);
    expect(await stock(workbooks.id)).toBe(0);

    const deleted = await t.request.delete(`/api/v1/events/${a.id}/bookings/${reserved.body.id}`).set(auth(marketer.key));
    expect(deleted.status).toBe(204);
    expect(await stock(workbooks.id)).toBe(7);
    expect((await t.request.delete(`/api/v1/events/${a.id}/bookings/${reserved.body.id}`).set(auth(marketer.key))).status).toBe(404);
    expect(await stock(workbooks.id)).toBe(7);

    // Once the event took place, what it used stays used.
    await t.database.db.event.update({ where: { id: b.id }, data: { status: 'COMPLETED' } });
    const [used] = (await t.request.get(`/api/v1/events/${b.id}/bookings`).set(auth(manager.key))).body.items;
    const afterwards = await t.request.delete(`/api/v1/events/${b.id}/bookings/${used.id}`).set(auth(marketer.key));
    expect(afterwards.status).toBe(409);
    expect(afterwards.body.error.message).toContain('COMPLETED');
    expect(await stock(workbooks.id)).toBe(7);
  });

  test('when two reservations race for the last of the stock then exactly one wins and the stock never goes below 0', async () => {
    const badges = await createResource(t, marketer.key, { kind: 'CONSUMABLE', quantity: 5 });
    const a = await event(7, 9, 12);
    const b = await event(8, 9, 12);
    const answers = await Promise.all([book(t, marketer.key, a.id, { resourceId: badges.id, quantity: 3 }), book(t, marketer.key, b.id, { resourceId: badges.id, quantity: 3 })]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409]);
    expect(await stock(badges.id)).toBe(2);
  });
});

describe('POST /api/v1/events/:id/bookings: refusals', () => {
  test('when the event has no dates then 400 names them; a cancelled or completed event is a 409; an unknown one a 404', async () => {
    const room = await createResource(t, marketer.key, { kind: 'FIXED' });
    const undated = await insertEvent(t, marketer.id, { status: 'DRAFT' });
    const noDates = await book(t, marketer.key, undated.id, { resourceId: room.id });
    expect(noDates.status).toBe(400);
    expect(paths(noDates.body)).toEqual(['event.endsAt', 'event.startsAt']);
    expect(noDates.body.error.message).toContain('startsAt and endsAt');
    const noEnd = await insertEvent(t, marketer.id, { status: 'DRAFT', startsAt: at(9, 9) });
    expect(paths((await book(t, marketer.key, noEnd.id, { resourceId: room.id })).body)).toEqual(['event.endsAt']);

    for (const status of ['CANCELLED', 'COMPLETED'] as const) {
      const over = await event(9, 9, 12, status);
      const refused = await book(t, marketer.key, over.id, { resourceId: room.id });
      expect(refused.status).toBe(409);
      expect(refused.body.error.message).toContain(status);
    }
    expect((await book(t, marketer.key, '00000000-0000-4000-8000-000000000000', { resourceId: room.id })).status).toBe(404);
    expect(await t.database.db.resourceBooking.count({ where: { resourceId: room.id } })).toBe(0);
  });

  test('when the body is bad, the resource unknown, archived or already booked for the event then 400 or 409', async () => {
    const room = await createResource(t, marketer.key, { kind: 'FIXED' });
    const seminar = await event(10, 9, 12);
    const bad = await book(t, marketer.key, seminar.id, { resourceId: 'room', quantity: 0, extra: 1 } as never);
    expect(bad.status).toBe(400);
    expect(paths(bad.body)).toEqual(['body.extra', 'body.quantity', 'body.resourceId']);
    const unknown = await book(t, marketer.key, seminar.id, { resourceId: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.status).toBe(400);
    expect(paths(unknown.body)).toEqual(['body.resourceId']);
    const two = await book(t, marketer.key, seminar.id, { resourceId: room.id, quantity: 2 });
    expect(paths(two.body)).toEqual(['body.quantity']);

    expect((await book(t, marketer.key, seminar.id, { resourceId: room.id })).status).toBe(201);
    const again = await book(t, marketer.key, seminar.id, { resourceId: room.id });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain('booked for this event already');

    const old = await createResource(t, marketer.key, { kind: 'FIXED' });
    await t.request.patch(`/api/v1/resources/${old.id}`).set(auth(marketer.key)).send({ archived: true });
    const archived = await book(t, marketer.key, seminar.id, { resourceId: old.id });
    expect(archived.status).toBe(409);
    expect(archived.body.error.message).toContain('archived');
  });

  test('when a manager books or deletes then 403, while reading is allowed; a booking of another event is a 404', async () => {
    const room = await createResource(t, marketer.key, { kind: 'FIXED' });
    const seminar = await event(11, 9, 12);
    const other = await event(11, 13, 14);
    expect((await book(t, manager.key, seminar.id, { resourceId: room.id })).status).toBe(403);
    const booking = await book(t, marketer.key, seminar.id, { resourceId: room.id });
    expect((await t.request.delete(`/api/v1/events/${seminar.id}/bookings/${booking.body.id}`).set(auth(manager.key))).status).toBe(403);
    expect((await t.request.delete(`/api/v1/events/${other.id}/bookings/${booking.body.id}`).set(auth(marketer.key))).status).toBe(404);
    expect((await t.request.get(`/api/v1/events/${seminar.id}/bookings`).set(auth(manager.key))).body.items).toHaveLength(1);
    expect((await t.request.get('/api/v1/events/00000000-0000-4000-8000-000000000000/bookings').set(auth(manager.key))).status).toBe(404);
    expect((await t.request.get('/api/v1/resources/00000000-0000-4000-8000-000000000000/bookings').set(auth(manager.key))).status).toBe(404);
  });
});
