import type { Db } from '../db/prisma';
import { AppError } from '../errors/app-error';
import type { Prisma } from '../generated/prisma/client';
import type { BudgetHistory } from './budgets.schemas';

// What happened to a budget's funds, written in the change's own transaction.

export interface BudgetHistoryChange {
  budgetId: string;
  actorId: string | null;
  /** budget.create, budget.update, allocation.budget, allocation.set, allocation.remove, entry.create, entry.update, entry.delete, merge.in, merge.out */
  action: string;
  /** The change to its own funds, as decimal text ("-250.00"). */
  amountChange?: string | null;
  details?: Prisma.InputJsonObject;
}

export async function recordBudgetHistory(tx: Prisma.TransactionClient, change: BudgetHistoryChange): Promise<void> {
  await tx.budgetHistory.create({
    data: { budgetId: change.budgetId, actorId: change.actorId, action: change.action, amountChange: change.amountChange ?? null, details: change.details ?? {} },
  });
}

export async function budgetHistory(db: Db, budgetId: string): Promise<BudgetHistory> {
  const budget = await db.budget.findUnique({ where: { id: budgetId }, select: { id: true } });
  if (!budget) throw new AppError('NOT_FOUND', `No budget ${budgetId}`);
  const lines = await db.budgetHistory.findMany({ where: { budgetId }, orderBy: { seq: 'asc' } });
  return {
    items: lines.map((line) => ({
      id: line.id,
      at: line.at.toISOString(),
      actorId: line.actorId,
      action: line.action,
      amountChange: line.amountChange?.toFixed(2) ?? null,
      details: line.details as Record<string, unknown>,
    })),
  };
}
