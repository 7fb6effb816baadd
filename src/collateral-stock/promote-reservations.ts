import type { Prisma } from '../generated/prisma/client';
import type { LockedStock } from './locked-stock';

// The waiting list of a stock line, strictly first come, first served: waiting reservations become
// RESERVED in the order they were made (seq), whole, while they fit; the first that does not fit
// stops the line, so a large early request is never starved by small later ones. A count that leaves
// fewer copies than reserved sends the newest reservations back to waiting instead.

interface Queued {
  id: string;
  quantity: number;
}

/** Promotes what now fits, in the caller's transaction, which holds the line's lock; answers their ids in order. */
export async function promoteWaiting(tx: Prisma.TransactionClient, stock: LockedStock): Promise<string[]> {
  if (stock.waitingCount === 0) return [];
  const waiting = await tx.$queryRaw<Queued[]>`
    SELECT id::text, quantity FROM collateral_reservations WHERE stock_id = CAST(${stock.id} AS uuid) AND status = 'WAITING' ORDER BY seq`;
  let free = stock.onHand - stock.reserved;
  const promoted: Queued[] = [];
  for (const reservation of waiting) {
    if (reservation.quantity > free) break;
    free -= reservation.quantity;
    promoted.push(reservation);
  }
  if (promoted.length === 0) return [];
  await tx.collateralReservation.updateMany({ where: { id: { in: promoted.map((r) => r.id) } }, data: { status: 'RESERVED', reservedAt: new Date() } });
  const moved = promoted.reduce((sum, r) => sum + r.quantity, 0);
  Object.assign(stock, { reserved: stock.reserved + moved, waiting: stock.waiting - moved, waitingCount: stock.waitingCount - promoted.length });
  return promoted.map((r) => r.id);
}

/** Sends the newest RESERVED reservations back to WAITING until the reserved copies fit on hand; answers their ids. */
export async function demoteNewest(tx: Prisma.TransactionClient, stock: LockedStock): Promise<string[]> {
  if (stock.reserved <= stock.onHand) return [];
  const reserved = await tx.$queryRaw<Queued[]>`
    SELECT id::text, quantity FROM collateral_reservations WHERE stock_id = CAST(${stock.id} AS uuid) AND status = 'RESERVED' ORDER BY seq DESC`;
  let held = stock.reserved;
  const demoted: Queued[] = [];
  for (const reservation of reserved) {
    if (held <= stock.onHand) break;
    held -= reservation.quantity;
    demoted.push(reservation);
  }
  await tx.collateralReservation.updateMany({ where: { id: { in: demoted.map((r) => r.id) } }, data: { status: 'WAITING', reservedAt: null } });
  const moved = stock.reserved - held;
  Object.assign(stock, { reserved: held, waiting: stock.waiting + moved, waitingCount: stock.waitingCount + demoted.length });
  return demoted.map((r) => r.id);
}
