import { recordAudit } from '../audit/record-audit';
import type { Caller } from '../auth/caller';
import type { Db } from '../db/prisma';
import { Prisma } from '../generated/prisma/client';
import { lockStockOf } from './locked-stock';
import { demoteNewest, promoteWaiting } from './promote-reservations';
import { applyMovement } from './stock-movements';
import { fromCents, shareOf } from './stock-money';
import { movementsWhere, stockLine } from './stock-views';
import type { CountStockRequest, StockChange } from './stock.schemas';
import { PATIENT_TRANSACTION } from '../db/patient-transaction';

/**
 * A count is the truth about the shelf: the quantity on hand becomes what was counted, the value follows
 * at the same average unit cost (copies found or lost at what copies cost), and the reservations adjust
 * rather than the count being refused: fewer copies than reserved send the newest reservations back to
 * waiting; more let waiting ones through, in order.
 */
export async function countStock(db: Db, caller: Caller, body: CountStockRequest): Promise<StockChange> {
  const { stockId, movementId, promoted, demoted } = await db.$transaction(async (tx) => {
    const stock = await lockStockOf(tx, body.itemId, body.locationId);
    const before = stock.onHand;
    // With nothing on hand there is no average: copies found then cost nothing.
    const valueAfter = before === 0 ? stock.value : shareOf(stock.value, body.countedQuantity, before);
    const movementId = await applyMovement(tx, stock, {
      kind: 'COUNT', quantity: body.countedQuantity - before, valueChange: valueAfter - stock.value, countedQuantity: body.countedQuantity, day: body.date, note: body.note, actorId: caller.id,
    });
    const demoted = await demoteNewest(tx, stock);
    const promoted = await promoteWaiting(tx, stock);
    await recordAudit(tx, {
      actorId: caller.id, action: 'stock.count', entityType: 'collateralStock', entityId: stock.id,
      before: { onHand: before }, after: { onHand: stock.onHand, value: fromCents(stock.value), demoted, promoted },
    });
    return { stockId: stock.id, movementId, promoted, demoted };
  }, PATIENT_TRANSACTION);
  const [stock, [movement]] = await Promise.all([stockLine(db, stockId), movementsWhere(db, Prisma.sql`m.id = CAST(${movementId} AS uuid)`)]);
  return { stock, movement: movement!, promotedReservationIds: promoted, demotedReservationIds: demoted };
}
