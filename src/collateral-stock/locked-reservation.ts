import type { Prisma, CollateralReservation } from '../generated/prisma/client';
import { AppError } from '../errors/app-error';
import { lockStockById, type LockedStock } from './locked-stock';

/**
 * A reservation with its stock line locked (the item first, then the line, as everywhere): every change
 * of a reservation happens under its line's lock, so the reservation read after it is the one that counts.
 */
export async function lockReservation(tx: Prisma.TransactionClient, id: string): Promise<{ reservation: CollateralReservation; stock: LockedStock }> {
  const found = await tx.collateralReservation.findUnique({ where: { id }, select: { stockId: true } });
  if (!found) throw new AppError('NOT_FOUND', `No collateral reservation ${id}`);
  const stock = await lockStockById(tx, found.stockId);
  const reservation = await tx.collateralReservation.findUniqueOrThrow({ where: { id } });
  return { reservation, stock };
}

export const notInStatus = (reservation: CollateralReservation, what: string, allowed: string) =>
  new AppError('CONFLICT', `The reservation is ${reservation.status}: only ${allowed} reservations can be ${what}`);
