import type { Db } from '../db/prisma';
import { AppError } from '../errors/app-error';
import { fromCents, toCents } from '../schemas/cents';
import { lockBudgets } from './budget-funds';
import { recordBudgetHistory } from './budget-history';
import { getBudget } from './budget-tree';
import type { BudgetView } from './budgets.schemas';

const MAX_BUDGET_CENTS = 99_999_999_999_999n;

/**
 * Merges a budget into another: its funds, sub-budgets, allocations and checkbook entries move to the
 * other in one transaction, and it stays (marked merged, holding nothing) with its history. Only
 * siblings or two roots merge: the parent's allocations then stay what they were. The period of the
 * budget that takes everything grows to cover both.
 */
export async function mergeBudgets(db: Db, actorId: string, sourceId: string, intoId: string): Promise<BudgetView> {
  if (sourceId === intoId) throw new AppError('VALIDATION_FAILED', 'A budget cannot be merged into itself', [{ path: 'body.intoId', message: 'the budget itself' }]);
  await db.$transaction(async (tx) => {
    const locked = await lockBudgets(tx, [sourceId, intoId]);
    const source = locked.get(sourceId)!;
    const into = locked.get(intoId)!;
    if (source.parentId !== into.parentId) {
      throw new AppError('CONFLICT', `"${source.name}" and "${into.name}" have different parents: only sub-budgets of one budget, or two roots, merge (transfer the funds instead)`, [
        { path: 'body.intoId', message: 'not a sibling' },
      ]);
    }
    if (source.currency !== into.currency) {
      throw new AppError('CONFLICT', `"${source.name}" is in ${source.currency} and "${into.name}" in ${into.currency}: no conversion between them`, [{ path: 'body.intoId', message: `in ${into.currency}` }]);
    }
    // numeric(14,2): two budgets near the largest amount do not fit in one.
    if (toCents(source.amount) + toCents(into.amount) > MAX_BUDGET_CENTS) {
      throw new AppError('CONFLICT', `"${source.name}" and "${into.name}" together hold more than one budget can (${fromCents(MAX_BUDGET_CENTS)})`, [{ path: 'body.intoId', message: 'too large together' }]);
    }
    const moved = {
      budgets: await tx.budget.updateMany({ where: { parentId: sourceId, mergedIntoId: null }, data: { parentId: intoId } }),
      allocations: await tx.budgetAllocation.updateMany({ where: { budgetId: sourceId }, data: { budgetId: intoId } }),
      entries: await tx.budgetEntry.updateMany({ where: { budgetId: sourceId }, data: { budgetId: intoId } }),
    };
    const amount = toCents(source.amount);
    const periodStart = source.periodStart < into.periodStart ? source.periodStart : into.periodStart;
    const periodEnd = source.periodEnd > into.periodEnd ? source.periodEnd : into.periodEnd;
    await tx.$executeRaw`
      UPDATE budgets SET amount = amount + CAST(${source.amount} AS numeric), period_start = CAST(${periodStart} AS date), period_end = CAST(${periodEnd} AS date), updated_at = now()
      WHERE id = CAST(${intoId} AS uuid)`;
    await tx.budget.update({ where: { id: sourceId }, data: { amount: '0', mergedIntoId: intoId, mergedAt: new Date() } });
    const counts = { budgets: moved.budgets.count, allocations: moved.allocations.count, entries: moved.entries.count };
    await recordBudgetHistory(tx, { budgetId: sourceId, actorId, action: 'merge.out', amountChange: fromCents(-amount), details: { intoId, intoName: into.name, ...counts } });
    await recordBudgetHistory(tx, { budgetId: intoId, actorId, action: 'merge.in', amountChange: fromCents(amount), details: { fromId: sourceId, fromName: source.name, ...counts } });
  });
  return getBudget(db, intoId);
}
