import type { Prisma } from '../generated/prisma/client';
import { utcDay } from '../schemas/days';
import type { LockedStock } from './locked-stock';
import { fromCents, fromUnits, MAX_ON_HAND, MAX_VALUE_CENTS } from './stock-money';
import { AppError } from '../errors/app-error';

// Every change of a line's quantity on hand is one movement, written with the line's new quantity and
// value in the same transaction: the movements are the line's history and always add up to it.

export interface Movement {
  kind: 'RECEIPT' | 'COUNT' | 'SHIPMENT' | 'RETURN';
  /** The change to the quantity on hand. */
  quantity: number;
  /** The change to the value, in cents. */
  valueChange: bigint;
  unitCost?: bigint;
  countedQuantity?: number;
  reservationId?: string;
  day?: string;
  reference?: string;
  note?: string;
  actorId: string;
}

export const todayUtc = () => new Date().toISOString().slice(0, 10);

/** Applies the movement to the locked line (mutating it) and writes it; answers the movement's id. */
export async function applyMovement(tx: Prisma.TransactionClient, stock: LockedStock, movement: Movement, currency = stock.currency): Promise<string> {
  const onHand = stock.onHand + movement.quantity;
  const value = stock.value + movement.valueChange;
  if (onHand > MAX_ON_HAND) throw new AppError('CONFLICT', `A stock line holds at most ${MAX_ON_HAND} copies: this would make ${onHand}`, [{ path: 'body.quantity', message: `at most ${MAX_ON_HAND - stock.onHand} more` }]);
  if (value > MAX_VALUE_CENTS) throw new AppError('CONFLICT', `A stock line's value is at most ${fromCents(MAX_VALUE_CENTS)}: this would make ${fromCents(value)}`, [{ path: 'body.unitCost', message: 'the value would be too large' }]);
  await tx.collateralStock.update({ where: { id: stock.id }, data: { onHand, value: fromCents(value), currency } });
  const created = await tx.collateralStockMovement.create({
    data: {
      stockId: stock.id,
      kind: movement.kind,
      quantity: movement.quantity,
      onHandAfter: onHand,
      valueChange: fromCents(movement.valueChange),
      currency,
      unitCost: movement.unitCost === undefined ? null : fromUnits(movement.unitCost),
      countedQuantity: movement.countedQuantity ?? null,
      reservationId: movement.reservationId ?? null,
      day: utcDay(movement.day ?? todayUtc()),
      reference: movement.reference ?? null,
      note: movement.note ?? null,
      actorId: movement.actorId,
    },
  });
  Object.assign(stock, { onHand, value, currency });
  return created.id;
}
