import { recordAudit } from '../audit/record-audit';
import type { Caller } from '../auth/caller';
import type { Db } from '../db/prisma';
import { AppError } from '../errors/app-error';
import { utcDay } from '../schemas/days';
import { describeLine, freeForNewReservations, lockStockOf, type LockedStock } from './locked-stock';
import { getReservation } from './reservation-views';
import { workOf } from './stock-work';
import type { CreateReservationRequest, ReservationView } from './stock.schemas';
import { PATIENT_TRANSACTION } from '../db/patient-transaction';

/** `"Spring brochure" at "Paris warehouse" has 40 available: 50 is 10 over`, and who is first in line when someone is. */
function overAvailable(stock: LockedStock, quantity: number): AppError {
  const free = freeForNewReservations(stock);
  const available = stock.onHand - stock.reserved;
  const queue = stock.waitingCount === 0 ? '' : `, promised first to ${stock.waitingCount} earlier reservation${stock.waitingCount === 1 ? '' : 's'} waiting for ${stock.waiting}`;
  return new AppError('CONFLICT', `${describeLine(stock)} has ${available} available${queue}: ${quantity} is ${quantity - free} over`, [
    { path: 'body.quantity', message: `${quantity - free} over what is available: send waitlist: true to wait for stock` },
  ]);
}

/**
 * Sets copies aside for a campaign or an event, under the stock line's lock, so concurrent requests
 * never reserve the same copies. Only APPROVED items are reserved. What does not fit is refused (409
 * naming the amount over) or, with `waitlist`, waits behind the earlier waiting reservations.
 */
export async function reserveStock(db: Db, caller: Caller, body: CreateReservationRequest): Promise<ReservationView> {
  const id = await db.$transaction(async (tx) => {
    const work = await workOf(tx, body);
    const stock = await lockStockOf(tx, body.itemId, body.locationId);
    if (stock.itemStatus !== 'APPROVED') {
      throw new AppError('CONFLICT', `Collateral item "${stock.itemName}" is ${stock.itemStatus}: only APPROVED collateral can be reserved`, [{ path: 'body.itemId', message: `${stock.itemStatus}, not APPROVED` }]);
    }
    const fits = body.quantity <= freeForNewReservations(stock);
    if (!fits && !body.waitlist) throw overAvailable(stock, body.quantity);
    const reservation = await tx.collateralReservation.create({
      data: {
        stockId: stock.id, campaignId: work.campaignId, eventId: work.eventId, quantity: body.quantity, neededBy: body.neededBy ? utcDay(body.neededBy) : null,
        note: body.note ?? null, status: fits ? 'RESERVED' : 'WAITING', reservedAt: fits ? new Date() : null, createdById: caller.id,
      },
    });
    await recordAudit(tx, {
      actorId: caller.id, action: 'reservation.create', entityType: 'collateralReservation', entityId: reservation.id,
      after: { stockId: stock.id, campaignId: work.campaignId, eventId: work.eventId, quantity: body.quantity, status: reservation.status },
    });
    return reservation.id;
  }, PATIENT_TRANSACTION);
  return getReservation(db, id);
}
