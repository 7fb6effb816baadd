import { recordAudit } from '../audit/record-audit';
import type { Caller } from '../auth/caller';
import type { Db } from '../db/prisma';
import { lockReservation, notInStatus } from './locked-reservation';
import { promoteWaiting } from './promote-reservations';
import { getReservation } from './reservation-views';
import type { ReleaseReservationRequest, ReservationView } from './stock.schemas';
import { PATIENT_TRANSACTION } from '../db/patient-transaction';

/** A reservation no longer needed (or a place in the waiting list given up): its copies go to the next in line. */
export async function releaseReservation(db: Db, caller: Caller, id: string, body: ReleaseReservationRequest): Promise<ReservationView> {
  await db.$transaction(async (tx) => {
    const { reservation, stock } = await lockReservation(tx, id);
    if (reservation.status !== 'RESERVED' && reservation.status !== 'WAITING') throw notInStatus(reservation, 'released', 'RESERVED or WAITING');
    await tx.collateralReservation.update({ where: { id }, data: { status: 'RELEASED', releasedAt: new Date(), releaseReason: body.reason ?? null } });
    if (reservation.status === 'RESERVED') stock.reserved -= reservation.quantity;
    else Object.assign(stock, { waiting: stock.waiting - reservation.quantity, waitingCount: stock.waitingCount - 1 });
    const promoted = await promoteWaiting(tx, stock);
    await recordAudit(tx, {
      actorId: caller.id, action: 'reservation.release', entityType: 'collateralReservation', entityId: id,
      before: { status: reservation.status }, after: { status: 'RELEASED', promoted }, reason: body.reason ?? null,
    });
  }, PATIENT_TRANSACTION);
  return getReservation(db, id);
}
