import type { Prisma } from '../generated/prisma/client';
import { assertResourceFree } from './booking-availability';
import { lockResource } from './resource-lock';

// What event planning calls inside its own transaction when an event moves or is cancelled.

/**
 * Moves every booking of the event to its new span, after checking each booked resource is free then
 * (the event's own bookings aside); throws AppError CONFLICT naming the other event otherwise, and
 * then changes nothing (the caller's transaction rolls back). Consumables have no time check, but
 * their span follows the event too.
 */
export async function moveEventBookings(tx: Prisma.TransactionClient, eventId: string, startsAt: Date, endsAt: Date): Promise<void> {
  // The event first, then its resources in id order: the order every booking path locks in, so two
  // moves or a move and a booking never deadlock.
  await tx.$queryRaw`SELECT id FROM events WHERE id = CAST(${eventId} AS uuid) FOR UPDATE`;
  const bookings = await tx.resourceBooking.findMany({ where: { eventId }, orderBy: { resourceId: 'asc' } });
  if (bookings.length === 0) return;
  for (const booking of bookings) {
    const resource = await lockResource(tx, booking.resourceId);
    await assertResourceFree(tx, resource, { startsAt, endsAt }, booking.quantity, eventId);
  }
  await tx.resourceBooking.updateMany({ where: { eventId }, data: { startsAt, endsAt } });
}

/** Deletes the event's bookings; consumables go back to stock. */
export async function releaseEventBookings(tx: Prisma.TransactionClient, eventId: string): Promise<void> {
  // Event before resources, as everywhere (see moveEventBookings).
  await tx.$queryRaw`SELECT id FROM events WHERE id = CAST(${eventId} AS uuid) FOR UPDATE`;
  const released = await tx.$queryRaw<{ resourceId: string; quantity: number }[]>`
    DELETE FROM resource_bookings WHERE event_id = CAST(${eventId} AS uuid)
    RETURNING resource_id AS "resourceId", quantity`;
  await returnConsumablesToStock(tx, released);
}

/** Adds released units back to the stock of those resources that are consumables (others have none). */
export async function returnConsumablesToStock(tx: Prisma.TransactionClient, released: readonly { resourceId: string; quantity: number }[]): Promise<void> {
  for (const { resourceId, quantity } of [...released].sort((a, b) => a.resourceId.localeCompare(b.resourceId))) {
    await tx.$executeRaw`UPDATE resources SET quantity = quantity + ${quantity} WHERE id = CAST(${resourceId} AS uuid) AND kind = 'CONSUMABLE'`;
  }
}
