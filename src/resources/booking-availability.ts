import type { Prisma, Resource } from '../generated/prisma/client';
import { AppError } from '../errors/app-error';
import { describeSpan, type Span } from './booking-span';
import { peakUsage } from './peak-usage';

interface OtherBooking extends Span {
  eventId: string;
  eventName: string;
  quantity: number;
}

/** The bookings of other events holding the resource during the span, with their events' names. */
async function otherBookings(tx: Prisma.TransactionClient, resourceId: string, span: Span, eventId: string): Promise<OtherBooking[]> {
  return tx.$queryRaw<OtherBooking[]>`
    SELECT b.event_id AS "eventId", e.name AS "eventName", b.quantity, b.starts_at AS "startsAt", b.ends_at AS "endsAt"
    FROM resource_bookings b JOIN events e ON e.id = b.event_id
    WHERE b.resource_id = CAST(${resourceId} AS uuid) AND b.event_id <> CAST(${eventId} AS uuid)
      AND b.starts_at < ${span.endsAt} AND ${span.startsAt} < b.ends_at
    ORDER BY b.starts_at, b.event_id`;
}

const conflictDetails = (bookings: OtherBooking[]) => bookings.map((booking) => ({ message: `booked for event ${booking.eventId}` }));

/**
 * Throws CONFLICT unless `quantity` units of the resource are free during the whole span for the event
 * (its own booking aside). FIXED: no other booking overlaps; COUNTED: at every instant the overlapping
 * bookings leave enough units. Consumables have no time: their stock is checked where it is taken.
 * The caller holds the resource's lock (lockResource).
 */
export async function assertResourceFree(tx: Prisma.TransactionClient, resource: Resource, span: Span, quantity: number, eventId: string): Promise<void> {
  if (resource.kind === 'CONSUMABLE') return;
  const others = await otherBookings(tx, resource.id, span, eventId);
  if (resource.kind === 'FIXED') {
    const [other] = others;
    if (other) {
      throw new AppError('CONFLICT', `"${resource.name}" is booked for "${other.eventName}" (${other.eventId}) ${describeSpan(other)}`, conflictDetails([other]));
    }
    return;
  }
  const free = resource.quantity - peakUsage(others, span);
  if (quantity > free) {
    const holders = others.map((other) => `"${other.eventName}" (${other.eventId}) ${other.quantity} ${describeSpan(other)}`).join('; ');
    throw new AppError(
      'CONFLICT',
      `"${resource.name}" has ${Math.max(free, 0)} of ${resource.quantity} free ${describeSpan(span)}, ${quantity} asked; held by ${holders}`,
      conflictDetails(others),
    );
  }
}
