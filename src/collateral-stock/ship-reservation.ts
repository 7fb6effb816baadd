import { recordAudit } from '../audit/record-audit';
import type { Caller } from '../auth/caller';
import type { Db } from '../db/prisma';
import { AppError, invalidField } from '../errors/app-error';
import { utcDay } from '../schemas/days';
import { chargeShipment } from './collateral-checkbook';
import { lockReservation, notInStatus } from './locked-reservation';
import { getReservation } from './reservation-views';
import { applyMovement, todayUtc } from './stock-movements';
import { fromCents, shareOf } from './stock-money';
import { workOf } from './stock-work';
import type { ReservationView, ShipReservationRequest } from './stock.schemas';
import { PATIENT_TRANSACTION } from '../db/patient-transaction';

/**
 * Ships a RESERVED reservation whole: its copies leave the shelf with their share of the line's value
 * (quantity × the average unit cost at that moment, exact), and the cost lands in the checkbook of the
 * budget that funds the campaign or event, if one does.
 */
export async function shipReservation(db: Db, caller: Caller, id: string, body: ShipReservationRequest): Promise<ReservationView> {
  await db.$transaction(async (tx) => {
    const { reservation, stock } = await lockReservation(tx, id);
    if (reservation.status !== 'RESERVED') throw notInStatus(reservation, 'shipped', 'RESERVED');
    if (stock.itemStatus === 'RETIRED') {
      throw new AppError('CONFLICT', `Collateral item "${stock.itemName}" was RETIRED after it was reserved: its copies are not shipped any more; release the reservation`);
    }
    const work = await workOf(tx, { campaignId: reservation.campaignId ?? undefined, eventId: reservation.eventId ?? undefined });
    const destination = body.destination ?? work.venue;
    if (!destination) {
      throw invalidField('body.destination', work.eventId ? `the event "${work.name}" has no venue: say where the copies go` : 'say where the copies go (a campaign has no venue)');
    }
    const day = body.date ?? todayUtc();
    const cost = shareOf(stock.value, reservation.quantity, stock.onHand);
    const currency = stock.currency;
    await applyMovement(tx, stock, { kind: 'SHIPMENT', quantity: -reservation.quantity, valueChange: -cost, reservationId: id, day, reference: destination, actorId: caller.id });
    stock.reserved -= reservation.quantity;
    const budgetEntryId = await chargeShipment(tx, caller.id, stock, reservation, { cost, day, destination, workName: work.name });
    await tx.collateralReservation.update({
      where: { id },
      data: { status: 'SHIPPED', shippedOn: utcDay(day), destination, shippedCost: fromCents(cost), costCurrency: currency, budgetEntryId },
    });
    await recordAudit(tx, {
      actorId: caller.id, action: 'reservation.ship', entityType: 'collateralReservation', entityId: id,
      before: { status: 'RESERVED' }, after: { status: 'SHIPPED', quantity: reservation.quantity, cost: fromCents(cost), currency, destination, day, budgetEntryId },
    });
  }, PATIENT_TRANSACTION);
  return getReservation(db, id);
}
