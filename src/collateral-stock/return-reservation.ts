import { recordAudit } from '../audit/record-audit';
import type { Caller } from '../auth/caller';
import type { Db } from '../db/prisma';
import { AppError } from '../errors/app-error';
import { toCents } from '../schemas/cents';
import { creditReturn } from './collateral-checkbook';
import { lockReservation, notInStatus } from './locked-reservation';
import { promoteWaiting } from './promote-reservations';
import { getReservation } from './reservation-views';
import { applyMovement } from './stock-movements';
import { fromCents, shareOf } from './stock-money';
import type { ReservationView, ReturnReservationRequest } from './stock.schemas';
import { PATIENT_TRANSACTION } from '../db/patient-transaction';

/**
 * Unused copies back from an event or campaign: they return to the shelf at the cost they left with
 * (their share of the shipment's cost: the returns of a shipment always add up to its cost), the
 * checkbook entry is lowered by as much, and waiting reservations that now fit are reserved.
 */
export async function returnReservation(db: Db, caller: Caller, id: string, body: ReturnReservationRequest): Promise<ReservationView> {
  await db.$transaction(async (tx) => {
    const { reservation, stock } = await lockReservation(tx, id);
    if (reservation.status !== 'SHIPPED') throw notInStatus(reservation, 'returned', 'SHIPPED');
    const left = reservation.quantity - reservation.returnedQuantity;
    if (body.quantity > left) {
      throw new AppError('CONFLICT', `${left} of the ${reservation.quantity} shipped copies are not returned yet: ${body.quantity} is ${body.quantity - left} over`, [{ path: 'body.quantity', message: `at most ${left}` }]);
    }
    const shippedCost = toCents(reservation.shippedCost!.toFixed(2));
    const returnedBefore = toCents(reservation.returnedCost.toFixed(2));
    const returnedAfter = shareOf(shippedCost, reservation.returnedQuantity + body.quantity, reservation.quantity);
    const credit = returnedAfter - returnedBefore;
    await applyMovement(tx, stock, { kind: 'RETURN', quantity: body.quantity, valueChange: credit, reservationId: id, day: body.date, note: body.note, actorId: caller.id }, stock.currency ?? reservation.costCurrency);
    await tx.collateralReservation.update({ where: { id }, data: { returnedQuantity: reservation.returnedQuantity + body.quantity, returnedCost: fromCents(returnedAfter) } });
    await creditReturn(tx, caller.id, reservation, credit);
    const promoted = await promoteWaiting(tx, stock);
    await recordAudit(tx, {
      actorId: caller.id, action: 'reservation.return', entityType: 'collateralReservation', entityId: id,
      after: { quantity: body.quantity, cost: fromCents(credit), returnedQuantity: reservation.returnedQuantity + body.quantity, promoted },
    });
  }, PATIENT_TRANSACTION);
  return getReservation(db, id);
}
