import { lockBudgets } from '../budgets/budget-funds';
import { recordBudgetHistory } from '../budgets/budget-history';
import { AppError } from '../errors/app-error';
import type { CollateralReservation, Prisma } from '../generated/prisma/client';
import { toCents } from '../schemas/cents';
import { utcDay } from '../schemas/days';
import { describeLine, type LockedStock } from './locked-stock';
import { fromCents } from './stock-money';

// Shipped collateral in the checkbook: a shipment for a campaign or event that a budget funds is an
// ACTUAL entry of that budget naming the work, so the budget's figures, its checkbook and the check of
// work over its funding (which counts entries naming the work) all see it, and a return lowers it.

export const COLLATERAL_SUPPLIER = 'Collateral stock';
export const COLLATERAL_CATEGORY = 'collateral';

/**
 * Writes the entry for a shipment costing `cost` cents, in the caller's transaction (which holds the
 * stock line's lock; the budget's is taken here, after it). Answers its id, or null when no budget
 * funds the work or nothing was spent. A budget in another currency than the stock is a 409.
 */
export async function chargeShipment(
  tx: Prisma.TransactionClient,
  actorId: string,
  stock: LockedStock,
  reservation: CollateralReservation,
  shipment: { cost: bigint; day: string; destination: string; workName: string },
): Promise<string | null> {
  const allocation = await tx.budgetAllocation.findFirst({ where: reservation.campaignId ? { campaignId: reservation.campaignId } : { eventId: reservation.eventId } });
  if (!allocation || shipment.cost === 0n) return null;
  const budget = (await lockBudgets(tx, [allocation.budgetId])).get(allocation.budgetId)!;
  if (budget.currency !== stock.currency) {
    throw new AppError('CONFLICT', `${describeLine(stock)} is costed in ${stock.currency} and budget "${budget.name}", which funds "${shipment.workName}", in ${budget.currency}: no conversion between them`);
  }
  const entry = await tx.budgetEntry.create({
    data: {
      budgetId: budget.id, campaignId: reservation.campaignId, eventId: reservation.eventId, supplier: COLLATERAL_SUPPLIER, date: utcDay(shipment.day), category: COLLATERAL_CATEGORY,
      reference: reservation.id, description: `${reservation.quantity} × "${stock.itemName}" from ${stock.locationName} to ${shipment.destination}`,
      amount: fromCents(shipment.cost), state: 'ACTUAL', createdById: actorId,
    },
  });
  await recordBudgetHistory(tx, { budgetId: budget.id, actorId, action: 'entry.create', details: { entryId: entry.id, supplier: entry.supplier, amount: fromCents(shipment.cost), state: 'ACTUAL', reservationId: reservation.id } });
  return entry.id;
}

/** Lowers the shipment's entry by what came back (not below zero); an entry deleted meanwhile is left alone. */
export async function creditReturn(tx: Prisma.TransactionClient, actorId: string, reservation: CollateralReservation, credit: bigint): Promise<void> {
  if (!reservation.budgetEntryId || credit === 0n) return;
  const found = await tx.budgetEntry.findUnique({ where: { id: reservation.budgetEntryId }, select: { budgetId: true } });
  if (!found) return;
  await lockBudgets(tx, [found.budgetId]);
  const entry = await tx.budgetEntry.findUnique({ where: { id: reservation.budgetEntryId } });
  if (!entry) return;
  const before = toCents(entry.amount.toFixed(2));
  const after = before > credit ? before - credit : 0n;
  await tx.budgetEntry.update({ where: { id: entry.id }, data: { amount: fromCents(after) } });
  await recordBudgetHistory(tx, { budgetId: entry.budgetId, actorId, action: 'entry.update', details: { entryId: entry.id, amount: { before: fromCents(before), after: fromCents(after) }, reservationId: reservation.id, why: 'collateral returned' } });
}
