import type { Prisma } from '../generated/prisma/client';
import { AppError } from '../errors/app-error';
import { fromCents, toCents } from '../schemas/cents';

// The tree's one rule, checked under locks: a budget never gives away more than it has.

export interface LockedBudget {
  id: string;
  name: string;
  parentId: string | null;
  currency: string;
  amount: string;
  mergedIntoId: string | null;
  periodStart: string;
  periodEnd: string;
}

/** Locks the budgets (in id order, so two changes never wait on each other in a circle); a missing or merged one is a 404 or 409. */
export async function lockBudgets(tx: Prisma.TransactionClient, ids: string[]): Promise<Map<string, LockedBudget>> {
  const unique = [...new Set(ids)].sort();
  const rows = await tx.$queryRaw<LockedBudget[]>`
    SELECT id::text, name, parent_id::text AS "parentId", currency, amount::text AS amount, merged_into_id::text AS "mergedIntoId",
      to_char(period_start, 'YYYY-MM-DD') AS "periodStart", to_char(period_end, 'YYYY-MM-DD') AS "periodEnd"
    FROM budgets WHERE id = ANY(CAST(${unique} AS uuid[])) ORDER BY id FOR UPDATE`;
  const byId = new Map(rows.map((row) => [row.id, row]));
  for (const id of unique) {
    const budget = byId.get(id);
    if (!budget) throw new AppError('NOT_FOUND', `No budget ${id}`);
    if (budget.mergedIntoId) throw new AppError('CONFLICT', `Budget "${budget.name}" was merged into another budget (${budget.mergedIntoId}): use that one`);
  }
  return byId;
}

/** What a budget has given away: to its sub-budgets and to campaigns and events, in cents. */
export async function givenAway(tx: Prisma.TransactionClient, budgetId: string): Promise<bigint> {
  const [row] = await tx.$queryRaw<{ given: string }[]>`
    SELECT ((SELECT COALESCE(sum(amount), 0) FROM budgets WHERE parent_id = CAST(${budgetId} AS uuid) AND merged_into_id IS NULL)
      + (SELECT COALESCE(sum(amount), 0) FROM budget_allocations WHERE budget_id = CAST(${budgetId} AS uuid)))::numeric(20, 2)::text AS given`;
  return toCents(row!.given);
}

export const formatMoney = (cents: bigint, currency: string) => `${fromCents(cents)} ${currency}`;

/**
 * Refuses (409, naming the amount over) when `budget` would give away `more` cents on top of what it
 * has given: `path` is the request field that asked for it.
 */
export async function assertCanGive(tx: Prisma.TransactionClient, budget: LockedBudget, more: bigint, path: string): Promise<void> {
  if (more <= 0n) return;
  const left = toCents(budget.amount) - (await givenAway(tx, budget.id));
  if (more > left) {
    throw new AppError('CONFLICT', `Budget "${budget.name}" has ${formatMoney(left, budget.currency)} left to allocate: ${formatMoney(more, budget.currency)} is ${formatMoney(more - left, budget.currency)} over`, [
      { path, message: `${fromCents(more - left)} over what "${budget.name}" has left` },
    ]);
  }
}

/** A budget's funds may shrink only down to what it has given away. */
export async function assertCanShrinkTo(tx: Prisma.TransactionClient, budget: LockedBudget, amount: bigint): Promise<void> {
  const given = await givenAway(tx, budget.id);
  if (amount < given) {
    throw new AppError('CONFLICT', `Budget "${budget.name}" has allocated ${formatMoney(given, budget.currency)}: its amount cannot go below that (${formatMoney(given - amount, budget.currency)} over)`, [
      { path: 'body.amount', message: `at least ${fromCents(given)}` },
    ]);
  }
}

/** A money amount of a request (a number with at most two decimals) as cents. */
export const requestCents = (amount: number) => BigInt(Math.round(amount * 100));
