import type { Caller } from '../auth/caller';
import type { DbClient } from '../db/prisma';
import { AppError } from '../errors/app-error';
import type { CollateralItem, Prisma } from '../generated/prisma/client';

// Who sees which item: marketers and admins keep the library and see all of it; sellers (managers)
// are offered APPROVED items only, and any other is to them as an unknown id.

export type CollateralCaller = Pick<Caller, 'id' | 'role'>;

export const keepsCollateral = (caller: CollateralCaller) => caller.role === 'marketer' || caller.role === 'admin';

export const noItem = (id: string) => new AppError('NOT_FOUND', `No collateral item ${id}`);

/** The item the caller may see, or a 404. */
export async function loadVisibleItem(db: DbClient, caller: CollateralCaller, id: string): Promise<CollateralItem> {
  const item = await db.collateralItem.findUnique({ where: { id } });
  if (!item || (!keepsCollateral(caller) && item.status !== 'APPROVED')) throw noItem(id);
  return item;
}

/** The item, locked until the transaction ends, so a status check still holds when it commits. */
export async function lockItem(tx: Prisma.TransactionClient, id: string): Promise<CollateralItem> {
  await tx.$queryRaw`SELECT 1 FROM collateral_items WHERE id = CAST(${id} AS uuid) FOR UPDATE`;
  const item = await tx.collateralItem.findUnique({ where: { id } });
  if (!item) throw noItem(id);
  return item;
}

export const retiredConflict = (item: Pick<CollateralItem, 'id' | 'name'>, doing: string) =>
  new AppError('CONFLICT', `Collateral item "${item.name}" is RETIRED: it is kept for the history and cannot ${doing}`);
