import { recordAudit } from '../audit/record-audit';
import type { Db } from '../db/prisma';
import { AppError } from '../errors/app-error';
import { lockItem, retiredConflict, type CollateralCaller } from './collateral-access';
import { getCollateralItem } from './collateral-items';
import type { CollateralItemView } from './collateral.schemas';

// DRAFT → APPROVED → RETIRED (a draft may be retired too). Approving offers the item's newest
// version to sellers; retiring withdraws it and keeps it for the history. Both are audited.

export async function approveCollateralItem(db: Db, caller: CollateralCaller, id: string): Promise<CollateralItemView> {
  await db.$transaction(async (tx) => {
    const item = await lockItem(tx, id);
    if (item.status === 'RETIRED') throw retiredConflict(item, 'be approved again');
    if (item.status === 'APPROVED') throw new AppError('CONFLICT', `Collateral item "${item.name}" is APPROVED already`);
    const versions = await tx.collateralVersion.count({ where: { itemId: id } });
    if (versions === 0) throw new AppError('CONFLICT', `Collateral item "${item.name}" has no file yet: upload one (POST /api/v1/collateral/${id}/versions) before approving it`);
    const now = new Date();
    await tx.collateralItem.update({ where: { id }, data: { status: 'APPROVED', approvedById: caller.id, approvedAt: now } });
    await recordAudit(tx, { actorId: caller.id, action: 'collateral.approve', entityType: 'collateral', entityId: id, before: { status: item.status }, after: { status: 'APPROVED', version: versions } });
  });
  return getCollateralItem(db, caller, id);
}

export async function retireCollateralItem(db: Db, caller: CollateralCaller, id: string): Promise<CollateralItemView> {
  await db.$transaction(async (tx) => {
    const item = await lockItem(tx, id);
    if (item.status === 'RETIRED') throw new AppError('CONFLICT', `Collateral item "${item.name}" is RETIRED already`);
    await tx.collateralItem.update({ where: { id }, data: { status: 'RETIRED', retiredById: caller.id, retiredAt: new Date() } });
    await recordAudit(tx, { actorId: caller.id, action: 'collateral.retire', entityType: 'collateral', entityId: id, before: { status: item.status }, after: { status: 'RETIRED' } });
  });
  return getCollateralItem(db, caller, id);
}
