import { lockBudgets } from '../budgets/budget-funds';
import { recordBudgetHistory } from '../budgets/budget-history';
import type { DbClient } from '../db/prisma';
import { AppError } from '../errors/app-error';
import type { DirectMailRun, Prisma } from '../generated/prisma/client';
import { fromCents } from '../schemas/cents';

// Direct mail in the checkbook: the printing and postage of a COMPLETED run's letters, for a
// campaign that a budget funds, is an ACTUAL entry of that budget naming the campaign, as shipped
// collateral is (src/collateral-stock/collateral-checkbook.ts): the budget's figures and the check
// of work over its funding see it.

export const DIRECT_MAIL_SUPPLIER = 'Direct mail';
export const DIRECT_MAIL_CATEGORY = 'direct-mail';

/** `letters` × `perLetter` (four decimals) in cents, rounded half up once. */
export function lettersCostCents(letters: number, perLetter: string): bigint {
  const [whole, decimals = ''] = perLetter.split('.');
  const units = BigInt(whole) * 10_000n + BigInt(decimals.padEnd(4, '0').slice(0, 4));
  return (BigInt(letters) * units * 2n + 100n) / 200n;
}

/** At the start: a budget that funds the campaign in another currency is a 409 now, not a failure at the end. */
export async function checkCostCurrency(db: DbClient, campaignId: string, currency: string): Promise<void> {
  const allocation = await db.budgetAllocation.findUnique({ where: { campaignId }, select: { budgetId: true } });
  if (!allocation) return;
  const budget = await db.budget.findUnique({ where: { id: allocation.budgetId }, select: { name: true, currency: true } });
  if (budget && budget.currency !== currency) {
    throw new AppError('CONFLICT', `Budget "${budget.name}", which funds the campaign, is in ${budget.currency}: the letters' cost must be too (no conversion)`, [{ path: 'body.currency', message: `not ${budget.currency}` }]);
  }
}

/** In the run's completing transaction: the entry for its rendered letters, or null when nothing is charged. */
export async function chargeLetters(tx: Prisma.TransactionClient, run: DirectMailRun, templateName: string): Promise<string | null> {
  if (!run.costPerLetter || !run.costCurrency || !run.campaignId || run.rendered === 0) return null;
  const allocation = await tx.budgetAllocation.findUnique({ where: { campaignId: run.campaignId }, select: { budgetId: true } });
  if (!allocation) return null;
  const budget = (await lockBudgets(tx, [allocation.budgetId])).get(allocation.budgetId);
  // Changed since the start: the letters are not charged in a currency the budget does not keep.
  if (!budget || budget.currency !== run.costCurrency) return null;
  const perLetter = run.costPerLetter.toFixed(4);
  const cents = lettersCostCents(run.rendered, perLetter);
  if (cents === 0n) return null;
  const entry = await tx.budgetEntry.create({
    data: {
      budgetId: budget.id, campaignId: run.campaignId, supplier: DIRECT_MAIL_SUPPLIER, category: DIRECT_MAIL_CATEGORY, reference: run.id, state: 'ACTUAL',
      date: new Date(`${new Date().toISOString().slice(0, 10)}T00:00:00.000Z`), amount: fromCents(cents), createdById: run.startedById,
      description: `${run.rendered} letters "${templateName}" at ${perLetter} ${run.costCurrency}`,
    },
  });
  await recordBudgetHistory(tx, { budgetId: budget.id, actorId: run.startedById, action: 'entry.create', details: { entryId: entry.id, supplier: DIRECT_MAIL_SUPPLIER, amount: fromCents(cents), state: 'ACTUAL', directMailRunId: run.id } });
  return entry.id;
}
