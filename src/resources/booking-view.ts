import type { ResourceBooking } from '../generated/prisma/client';
import type { DbClient } from '../db/prisma';
import type { BookingView, ResourceKind } from './resources.schemas';

type BookingWithResource = ResourceBooking & { resource: { name: string; kind: ResourceKind } };

/** Views of bookings, with their resources' and events' names (a booking has no relation to its event). */
export async function toBookingViews(db: DbClient, bookings: readonly BookingWithResource[]): Promise<BookingView[]> {
  const eventIds = [...new Set(bookings.map((booking) => booking.eventId))];
  const events = eventIds.length === 0 ? [] : await db.event.findMany({ where: { id: { in: eventIds } }, select: { id: true, name: true } });
  const eventNames = new Map(events.map((event) => [event.id, event.name]));
  return bookings.map((booking) => ({
    id: booking.id,
    resourceId: booking.resourceId,
    resourceName: booking.resource.name,
    kind: booking.resource.kind,
    eventId: booking.eventId,
    eventName: eventNames.get(booking.eventId) ?? '',
    quantity: booking.quantity,
    startsAt: booking.startsAt.toISOString(),
    endsAt: booking.endsAt.toISOString(),
    note: booking.note,
  }));
}

export const withResource = { resource: { select: { name: true, kind: true } } } as const;
