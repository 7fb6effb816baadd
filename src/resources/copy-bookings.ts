import { AppError } from '../errors/app-error';
import type { Prisma } from '../generated/prisma/client';
import type { Span } from './booking-span';
import { bookInTransaction } from './event-bookings';

/**
 * A copied event's bookings: the template's resources booked again, same quantities and notes, for the
 * copy's own span, under the same rules as any booking (a FIXED resource taken at that time, or stock
 * too low, refuses the copy with the 409 naming why). Archived resources are left out: they can no
 * longer be booked. Resources in id order, as every booking decision takes them.
 */
export async function copyBookings(tx: Prisma.TransactionClient, actorId: string, from: { id: string; name: string }, toEventId: string, span: Span): Promise<void> {
  const bookings = await tx.resourceBooking.findMany({
    where: { eventId: from.id, resource: { archivedAt: null } },
    select: { resourceId: true, quantity: true, note: true },
    orderBy: { resourceId: 'asc' },
  });
  for (const booking of bookings) {
    try {
      await bookInTransaction(tx, actorId, toEventId, span, { resourceId: booking.resourceId, quantity: booking.quantity, note: booking.note ?? undefined });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      throw new AppError(error.code, `Copying the bookings of "${from.name}": ${error.message}. Copy it without dates, or at other dates, and book again`, error.details);
    }
  }
}
