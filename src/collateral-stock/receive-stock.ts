import { recordAudit } from '../audit/record-audit';
import type { Caller } from '../auth/caller';
import type { Db } from '../db/prisma';
import { AppError } from '../errors/app-error';
import { describeLine, lockStockOf } from './locked-stock';
import { promoteWaiting } from './promote-reservations';
import { applyMovement } from './stock-movements';
import { fromCents, fromUnits, receiptValue, unitCostUnits } from './stock-money';
import { movementsWhere, stockLine } from './stock-views';
import type { ReceiveStockRequest, StockChange } from './stock.schemas';
import { Prisma } from '../generated/prisma/client';
import { PATIENT_TRANSACTION } from '../db/patient-transaction';

/**
 * Copies in from the printer: the quantity on hand and the line's value grow (quantity × unit cost,
 * in the line's one currency), and waiting reservations that now fit are reserved, in order.
 */
export async function receiveStock(db: Db, caller: Caller, body: ReceiveStockRequest): Promise<StockChange> {
  const { stockId, movementId, promoted } = await db.$transaction(async (tx) => {
    const stock = await lockStockOf(tx, body.itemId, body.locationId);
    if (stock.itemStatus === 'RETIRED') {
      throw new AppError('CONFLICT', `Collateral item "${stock.itemName}" is RETIRED: it keeps its stock and history, and receives no more copies`, [{ path: 'body.itemId', message: 'RETIRED' }]);
    }
    if (stock.currency !== null && stock.currency !== body.currency) {
      throw new AppError('CONFLICT', `${describeLine(stock)} is costed in ${stock.currency}: a receipt in ${body.currency} cannot be added to it (no conversion)`, [{ path: 'body.currency', message: `must be ${stock.currency}` }]);
    }
    const unitCost = unitCostUnits(body.unitCost);
    const value = receiptValue(body.quantity, unitCost);
    const movementId = await applyMovement(tx, stock, { kind: 'RECEIPT', quantity: body.quantity, valueChange: value, unitCost, day: body.date, reference: body.reference, note: body.note, actorId: caller.id }, body.currency);
    const promoted = await promoteWaiting(tx, stock);
    await recordAudit(tx, {
      actorId: caller.id, action: 'stock.receive', entityType: 'collateralStock', entityId: stock.id,
      after: { itemId: stock.itemId, locationId: stock.locationId, quantity: body.quantity, unitCost: fromUnits(unitCost), value: fromCents(value), currency: body.currency, onHand: stock.onHand, promoted },
    });
    return { stockId: stock.id, movementId, promoted };
  }, PATIENT_TRANSACTION);
  const [stock, [movement]] = await Promise.all([stockLine(db, stockId), movementsWhere(db, Prisma.sql`m.id = CAST(${movementId} AS uuid)`)]);
  return { stock, movement: movement!, promotedReservationIds: promoted, demotedReservationIds: [] };
}
