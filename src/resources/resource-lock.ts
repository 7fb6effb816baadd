import type { Prisma, Resource } from '../generated/prisma/client';
import { AppError } from '../errors/app-error';

/**
 * Locks the resource's row for the rest of the transaction and reads it: every booking decision about
 * a resource is taken under this lock, so two concurrent bookings never both see it free.
 */
export async function lockResource(tx: Prisma.TransactionClient, resourceId: string): Promise<Resource> {
  const resource = await lockResourceIfAny(tx, resourceId);
  if (!resource) throw new AppError('NOT_FOUND', `Resource ${resourceId} not found`);
  return resource;
}

/** lockResource for an id from a request body, where an unknown one is bad input rather than a 404. */
export async function lockResourceIfAny(tx: Prisma.TransactionClient, resourceId: string): Promise<Resource | null> {
  await tx.$queryRaw`SELECT id FROM resources WHERE id = CAST(${resourceId} AS uuid) FOR UPDATE`;
  return tx.resource.findUnique({ where: { id: resourceId } });
}
