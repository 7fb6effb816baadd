import type { Db } from '../db/prisma';
import type { Prisma } from '../generated/prisma/client';
import { AppError } from '../errors/app-error';
import { assertResourceFree } from './booking-availability';
import { toBookingViews, withResource } from './booking-view';
import type { Span } from './booking-span';
import { bookingSpan, lockEventForBooking } from './event-lock';
import { returnConsumablesToStock } from './move-bookings';
import { lockResourceIfAny } from './resource-lock';
import type { BookingList, BookingView, CreateBookingRequest } from './resources.schemas';

// Booking resources for an event, listing and deleting bookings.

/**
 * Books the resource for the event's span (or reserves consumables from stock). Event, then resource,
 * are locked first, so of two concurrent bookings that cannot both fit exactly one succeeds.
 */
export async function bookResource(db: Db, actorId: string, eventId: string, body: CreateBookingRequest): Promise<BookingView> {
  const booking = await db.$transaction(async (tx) => {
    const span = bookingSpan(await lockEventForBooking(tx, eventId));
    return bookInTransaction(tx, actorId, eventId, span, body);
  });
  const [view] = await toBookingViews(db, [booking]);
  return view!;
}

/**
 * bookResource's decision, in the caller's transaction, which holds the event's lock already (a copied
 * event books its template's resources in the transaction that creates it).
 */
export async function bookInTransaction(tx: Prisma.TransactionClient, actorId: string, eventId: string, span: Span, body: CreateBookingRequest) {
  const resource = await lockResourceIfAny(tx, body.resourceId);
  if (!resource) throw new AppError('VALIDATION_FAILED', `Resource ${body.resourceId} not found`, [{ path: 'body.resourceId', message: 'no such resource' }]);
  if (resource.archivedAt) throw new AppError('CONFLICT', `"${resource.name}" is archived: it can no longer be booked`);
  if (resource.kind === 'FIXED' && body.quantity !== 1) throw new AppError('VALIDATION_FAILED', `"${resource.name}" is FIXED: book 1`, [{ path: 'body.quantity', message: 'a FIXED resource is booked with quantity 1' }]);
  const existing = await tx.resourceBooking.findUnique({ where: { resourceId_eventId: { resourceId: resource.id, eventId } } });
  if (existing) {
    throw new AppError('CONFLICT', `"${resource.name}" is booked for this event already (booking ${existing.id}, quantity ${existing.quantity}): delete that booking to change it`);
  }
  await assertResourceFree(tx, resource, span, body.quantity, eventId);
  if (resource.kind === 'CONSUMABLE') {
    if (resource.quantity < body.quantity) {
      throw new AppError('CONFLICT', `"${resource.name}" has ${resource.quantity} in stock, ${body.quantity} asked`, [{ path: 'body.quantity', message: `at most ${resource.quantity}` }]);
    }
    await tx.resource.update({ where: { id: resource.id }, data: { quantity: { decrement: body.quantity } } });
  }
  return tx.resourceBooking.create({
    data: { resourceId: resource.id, eventId, quantity: body.quantity, startsAt: span.startsAt, endsAt: span.endsAt, note: body.note ?? null, createdById: actorId },
    include: withResource,
  });
}

export async function listEventBookings(db: Db, eventId: string): Promise<BookingList> {
  const event = await db.event.findUnique({ where: { id: eventId }, select: { id: true } });
  if (!event) throw new AppError('NOT_FOUND', `Event ${eventId} not found`);
  const bookings = await db.resourceBooking.findMany({ where: { eventId }, include: withResource, orderBy: [{ resource: { name: 'asc' } }, { id: 'asc' }] });
  return { items: await toBookingViews(db, bookings) };
}

export async function listResourceBookings(db: Db, resourceId: string): Promise<BookingList> {
  const resource = await db.resource.findUnique({ where: { id: resourceId }, select: { id: true } });
  if (!resource) throw new AppError('NOT_FOUND', `Resource ${resourceId} not found`);
  const bookings = await db.resourceBooking.findMany({ where: { resourceId }, include: withResource, orderBy: [{ startsAt: 'asc' }, { id: 'asc' }] });
  return { items: await toBookingViews(db, bookings) };
}

/** Deletes one booking of the event; reserved consumables go back to stock. */
export async function deleteBooking(db: Db, eventId: string, bookingId: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const event = await lockEventForBooking(tx, eventId);
    // Once the event took place its bookings are its history, and its consumables were used up.
    if (event.status === 'COMPLETED') throw new AppError('CONFLICT', `Event "${event.name}" is COMPLETED: its bookings are kept as they were`);
    const deleted = await tx.$queryRaw<{ resourceId: string; quantity: number }[]>`
      DELETE FROM resource_bookings WHERE id = CAST(${bookingId} AS uuid) AND event_id = CAST(${eventId} AS uuid)
      RETURNING resource_id AS "resourceId", quantity`;
    if (deleted.length === 0) throw new AppError('NOT_FOUND', `Booking ${bookingId} of event ${eventId} not found`);
    await returnConsumablesToStock(tx, deleted);
  });
}
