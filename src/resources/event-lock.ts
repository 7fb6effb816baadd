import type { Prisma } from '../generated/prisma/client';
import { AppError } from '../errors/app-error';
import type { Span } from './booking-span';

interface BookableEvent {
  id: string;
  name: string;
  status: string;
  startsAt: Date | null;
  endsAt: Date | null;
}

/**
 * Reads the event under a share lock: a move of the event (which locks it for update, then its
 * resources) waits for the booking to commit, or the booking sees the moved span. The event is always
 * locked before its resources, so the two never deadlock.
 */
export async function lockEventForBooking(tx: Prisma.TransactionClient, eventId: string): Promise<BookableEvent> {
  const [event] = await tx.$queryRaw<BookableEvent[]>`
    SELECT id, name, status::text AS status, starts_at AS "startsAt", ends_at AS "endsAt"
    FROM events WHERE id = CAST(${eventId} AS uuid) FOR SHARE`;
  if (!event) throw new AppError('NOT_FOUND', `Event ${eventId} not found`);
  return event;
}

/** The span a new booking takes: the event's, which must be planned and still to come or running. */
export function bookingSpan(event: BookableEvent): Span {
  if (event.status === 'CANCELLED' || event.status === 'COMPLETED') {
    throw new AppError('CONFLICT', `Event "${event.name}" is ${event.status}: its resources can no longer be booked`);
  }
  const missing = (['startsAt', 'endsAt'] as const).filter((field) => event[field] === null);
  if (missing.length > 0 || !event.startsAt || !event.endsAt) {
    throw new AppError(
      'VALIDATION_FAILED',
      `Event "${event.name}" has no ${missing.join(' and ')}: give the event its dates before booking resources`,
      missing.map((field) => ({ path: `event.${field}`, message: 'the event needs it to book resources' })),
    );
  }
  return { startsAt: event.startsAt, endsAt: event.endsAt };
}
