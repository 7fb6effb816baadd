import { AppError } from '../../../src/errors/app-error';
import { moveEventBookings, releaseEventBookings } from '../../../src/resources/move-bookings';
import { startTestApp, type TestApp } from '../../support/test-app';
import { at, auth, book, createResource, insertEvent } from './helpers';

let t: TestApp;
let marketer: { id: string; key: string };

beforeAll(async () => {
  t = await startTestApp();
  marketer = await t.userWithKey('marketer');
});
afterAll(() => t.close());

const event = (day: number, fromHour: number, toHour: number) => insertEvent(t, marketer.id, { startsAt: at(day, fromHour), endsAt: at(day, toHour) });
const move = (eventId: string, startsAt: Date, endsAt: Date) => t.database.db.$transaction((tx) => moveEventBookings(tx, eventId, startsAt, endsAt));
const spans = async (eventId: string) =>
  (await t.database.db.resourceBooking.findMany({ where: { eventId } })).map((booking) => [booking.startsAt.toISOString(), booking.endsAt.toISOString()]);

describe('moveEventBookings', () => {
  test('when the new span is free then every booking of the event moves to it', async () => {
    const room = await createResource(t, marketer.key, { kind: 'FIXED' });
    const headsets = await createResource(t, marketer.key, { kind: 'COUNTED', quantity: 4 });
    const workbooks = await createResource(t, marketer.key, { kind: 'CONSUMABLE', quantity: 2 });
    const seminar = await event(1, 9, 12);
    const other = await event(1, 14, 16);
    for (const resourceId of [room.id, headsets.id, workbooks.id]) expect((await book(t, marketer.key, seminar.id, { resourceId, quantity: resourceId === room.id ? 1 : 2 })).status).toBe(201);
    expect((await book(t, marketer.key, other.id, { resourceId: headsets.id, quantity: 2 })).status).toBe(201);

    // Overlapping its own old span is no conflict; 2 + 2 headsets fit in 4; consumables have no time.
    await move(seminar.id, at(1, 11), at(1, 15));
    expect(await spans(seminar.id)).toEqual(Array(3).fill([at(1, 11).toISOString(), at(1, 15).toISOString()]));
    expect(await spans(other.id)).toEqual([[at(1, 14).toISOString(), at(1, 16).toISOString()]]);
  });

  test('when another event holds a booked resource at the new span then CONFLICT names it and nothing moves', async () => {
    const room = await createResource(t, marketer.key, { kind: 'FIXED' });
    const projector = await createResource(t, marketer.key, { kind: 'FIXED' });
    const seminar = await event(2, 9, 12);
    const fair = await event(2, 13, 18);
    expect((await book(t, marketer.key, seminar.id, { resourceId: projector.id })).status).toBe(201);
    expect((await book(t, marketer.key, seminar.id, { resourceId: room.id })).status).toBe(201);
    expect((await book(t, marketer.key, fair.id, { resourceId: room.id })).status).toBe(201);

    const moving = move(seminar.id, at(2, 12), at(2, 14));
    await expect(moving).rejects.toBeInstanceOf(AppError);
    await expect(moving).rejects.toMatchObject({
      code: 'CONFLICT',
      message: `"${room.name}" is booked for "${fair.name}" (${fair.id}) from ${at(2, 13).toISOString()} to ${at(2, 18).toISOString()}`,
    });
    expect(await spans(seminar.id)).toEqual(Array(2).fill([at(2, 9).toISOString(), at(2, 12).toISOString()]));

    const counted = await createResource(t, marketer.key, { kind: 'COUNTED', quantity: 3 });
    const webinar = await event(3, 9, 10);
    const congress = await event(3, 11, 12);
    expect((await book(t, marketer.key, webinar.id, { resourceId: counted.id, quantity: 2 })).status).toBe(201);
    expect((await book(t, marketer.key, congress.id, { resourceId: counted.id, quantity: 2 })).status).toBe(201);
    await expect(move(webinar.id, at(3, 10), at(3, 12))).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining(`"${congress.name}" (${congress.id}) 2`) });
  });
});

describe('releaseEventBookings', () => {
  test('when an event is cancelled then its bookings go, its consumables return to stock and its room is free again', async () => {
    const room = await createResource(t, marketer.key, { kind: 'FIXED' });
    const workbooks = await createResource(t, marketer.key, { kind: 'CONSUMABLE', quantity: 30 });
    const cancelled = await event(4, 9, 12);
    const next = await event(4, 10, 11);
    expect((await book(t, marketer.key, cancelled.id, { resourceId: room.id })).status).toBe(201);
    expect((await book(t, marketer.key, cancelled.id, { resourceId: workbooks.id, quantity: 25 })).status).toBe(201);
    expect((await t.database.db.resource.findUniqueOrThrow({ where: { id: workbooks.id } })).quantity).toBe(5);

    await t.database.db.$transaction((tx) => releaseEventBookings(tx, cancelled.id));
    expect(await t.database.db.resourceBooking.count({ where: { eventId: cancelled.id } })).toBe(0);
    expect((await t.database.db.resource.findUniqueOrThrow({ where: { id: workbooks.id } })).quantity).toBe(30);
    expect((await t.request.get(`/api/v1/events/${cancelled.id}/bookings`).set(auth(marketer.key))).body.items).toEqual([]);
    expect((await book(t, marketer.key, next.id, { resourceId: room.id })).status).toBe(201);
  });
});
