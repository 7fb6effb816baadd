import type { Prisma } from '../generated/prisma/client';
import type { Db } from '../db/prisma';
import { isUniqueViolation } from '../db/prisma-errors';
import { AppError } from '../errors/app-error';
import { recordAudit } from '../audit/record-audit';
import { peakUsage } from './peak-usage';
import { lockResource } from './resource-lock';
import { toResourceView } from './resource-view';
import type { CreateResourceRequest, ListResourcesQuery, ResourceList, ResourceView, UpdateResourceRequest } from './resources.schemas';

// The catalog of resources events book: create, list, rename, restock, archive.

export async function listResources(db: Db, query: ListResourcesQuery): Promise<ResourceList> {
  const resources = await db.resource.findMany({
    where: query.includeArchived ? {} : { archivedAt: null },
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
  });
  return { items: resources.map(toResourceView) };
}

const nameTaken = (name: string) => new AppError('CONFLICT', `A resource named "${name}" exists already`, [{ path: 'body.name', message: 'already used by another resource' }]);

/** Names are unique whatever their case, so "Room A" and "room a" are never two rooms. */
async function assertNameFree(tx: Prisma.TransactionClient, name: string, exceptId?: string): Promise<void> {
  const same = await tx.resource.findFirst({ where: { name: { equals: name, mode: 'insensitive' }, ...(exceptId ? { id: { not: exceptId } } : {}) } });
  if (same) throw nameTaken(same.name);
}

/** Turns the unique index's refusal (two creations racing) into the same 409 as the check above. */
async function withNameCheck<T>(name: string | undefined, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (name !== undefined && isUniqueViolation(error)) throw nameTaken(name);
    throw error;
  }
}

export async function createResource(db: Db, actorId: string, body: CreateResourceRequest): Promise<ResourceView> {
  return withNameCheck(body.name, () =>
    db.$transaction(async (tx) => {
      await assertNameFree(tx, body.name);
      const resource = await tx.resource.create({
        data: { name: body.name, kind: body.kind, quantity: body.quantity ?? 1, description: body.description ?? null, userDefined: true },
      });
      await recordAudit(tx, { actorId, action: 'resource.create', entityType: 'resource', entityId: resource.id, after: { name: resource.name, kind: resource.kind, quantity: resource.quantity } });
      return toResourceView(resource);
    }),
  );
}

/** Most units the COUNTED resource's bookings of events not yet over hold at one instant. */
async function peakBooked(tx: Prisma.TransactionClient, resourceId: string): Promise<number> {
  const now = new Date();
  const bookings = await tx.resourceBooking.findMany({ where: { resourceId, endsAt: { gt: now } }, select: { startsAt: true, endsAt: true, quantity: true } });
  if (bookings.length === 0) return 0;
  const last = bookings.reduce((latest, booking) => (booking.endsAt > latest ? booking.endsAt : latest), now);
  return peakUsage(bookings, { startsAt: now, endsAt: last });
}

async function assertQuantityFits(tx: Prisma.TransactionClient, kind: string, name: string, resourceId: string, quantity: number): Promise<void> {
  if (kind === 'FIXED' && quantity !== 1) throw new AppError('VALIDATION_FAILED', 'A FIXED resource has quantity 1', [{ path: 'body.quantity', message: 'a FIXED resource has quantity 1' }]);
  if (kind === 'COUNTED') {
    if (quantity < 1) throw new AppError('VALIDATION_FAILED', 'A COUNTED resource has at least 1 unit', [{ path: 'body.quantity', message: 'a COUNTED resource has at least 1 unit' }]);
    const booked = await peakBooked(tx, resourceId);
    if (quantity < booked) throw new AppError('CONFLICT', `"${name}" has ${booked} units booked at one time by coming events: the quantity cannot be below that`, [{ path: 'body.quantity', message: `at least ${booked}` }]);
  }
}

export async function updateResource(db: Db, actorId: string, resourceId: string, body: UpdateResourceRequest): Promise<ResourceView> {
  return withNameCheck(body.name, () =>
    db.$transaction(async (tx) => {
      // Locked like a booking, so a booking taken meanwhile is counted against the new quantity.
      const before = await lockResource(tx, resourceId);
      if (body.name !== undefined) await assertNameFree(tx, body.name, resourceId);
      if (body.quantity !== undefined) await assertQuantityFits(tx, before.kind, before.name, resourceId, body.quantity);
      const archivedAt = body.archived === undefined ? undefined : body.archived ? (before.archivedAt ?? new Date()) : null;
      const after = await tx.resource.update({
        where: { id: resourceId },
        data: { name: body.name, quantity: body.quantity, description: body.description, archivedAt },
      });
      await recordAudit(tx, {
        actorId, action: 'resource.update', entityType: 'resource', entityId: resourceId,
        before: { name: before.name, quantity: before.quantity, description: before.description, archivedAt: before.archivedAt?.toISOString() ?? null },
        after: { name: after.name, quantity: after.quantity, description: after.description, archivedAt: after.archivedAt?.toISOString() ?? null },
      });
      return toResourceView(after);
    }),
  );
}
