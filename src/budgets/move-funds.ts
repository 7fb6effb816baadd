import { AppError } from '../errors/app-error';
import type { Prisma } from '../generated/prisma/client';
import { fromCents, toCents } from '../schemas/cents';
import { assertCanGive, formatMoney, lockBudgets } from './budget-funds';
import { recordBudgetHistory } from './budget-history';

const MAX_CENTS = 99_999_999_999_999n;

/** The budget and its ancestors, nearest first, up to its root. */
async function ancestry(tx: Prisma.TransactionClient, budgetId: string): Promise<string[]> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    WITH RECURSIVE up AS (
      SELECT id, parent_id, 0 AS depth FROM budgets WHERE id = CAST(${budgetId} AS uuid)
      UNION ALL SELECT b.id, b.parent_id, up.depth + 1 FROM budgets b JOIN up ON b.id = up.parent_id
    ) SELECT id::text FROM up ORDER BY depth`;
  return rows.map((row) => row.id);
}

/** The nodes whose own funds change: each side's chain below the first budget both chains share (all of both chains between two trees). */
async function pathBetween(tx: Prisma.TransactionClient, fromId: string, toId: string) {
  const [fromChain, toChain] = await Promise.all([ancestry(tx, fromId), ancestry(tx, toId)]);
  const common = fromChain.find((id) => toChain.includes(id));
  const below = (chain: string[]) => (common === undefined ? chain : chain.slice(0, chain.indexOf(common)));
  return { losing: below(fromChain), gaining: below(toChain) };
}

/**
 * Locks both budgets and every node between them whose funds a transfer changes, all at once in id
 * order, so a transfer never holds some of them while it waits for others.
 */
export async function lockTransferPath(tx: Prisma.TransactionClient, fromId: string, toId: string) {
  const path = await pathBetween(tx, fromId, toId);
  const locked = await lockBudgets(tx, [fromId, toId, ...path.losing, ...path.gaining]);
  const after = await pathBetween(tx, fromId, toId);
  if (JSON.stringify(after) !== JSON.stringify(path)) throw new AppError('CONFLICT', 'The budget tree changed meanwhile (a merge): send it again');
  return { path, locked, from: locked.get(fromId)!, to: locked.get(toId)! };
}

export interface FundsMove {
  transferId: string;
  fromBudgetId: string;
  toBudgetId: string;
  /** Cents. */
  amount: bigint;
  currency: string;
  actorId: string;
}

/**
 * Moves funds from one budget to another in the caller's transaction. The giving side and its
 * ancestors below the budget both sides share lose the amount, the receiving side and its ancestors
 * below it gain it: every other node keeps what it has and what it gave, so only the giving budget's
 * unallocated funds need to cover the amount (409 naming the amount over). When one is the other's
 * ancestor, the ancestor's own funds stay and what it gives changes. Between two trees both roots change.
 */
export async function moveFunds(tx: Prisma.TransactionClient, move: FundsMove): Promise<void> {
  const { path, locked, from, to } = await lockTransferPath(tx, move.fromBudgetId, move.toBudgetId);
  for (const budget of [from, to]) {
    if (budget.currency !== move.currency) throw new AppError('CONFLICT', `Budget "${budget.name}" is in ${budget.currency}, the transfer in ${move.currency}: there is no conversion`);
  }
  await assertCanGive(tx, from, move.amount, 'body.amount');
  for (const id of path.gaining) {
    const budget = locked.get(id)!;
    if (toCents(budget.amount) + move.amount > MAX_CENTS) {
      throw new AppError('CONFLICT', `Budget "${budget.name}" would hold more than ${formatMoney(MAX_CENTS, budget.currency)}, the most a budget holds`);
    }
  }
  const amount = fromCents(move.amount);
  const changes = [...path.losing.map((id) => ({ id, sign: '-' })), ...path.gaining.map((id) => ({ id, sign: '' }))];
  for (const { id, sign } of changes) {
    await tx.$executeRaw`UPDATE budgets SET amount = amount + CAST(${`${sign}${amount}`} AS numeric), updated_at = now() WHERE id = CAST(${id} AS uuid)`;
  }
  const details = { transferId: move.transferId, fromBudgetId: move.fromBudgetId, toBudgetId: move.toBudgetId, amount };
  const lines = new Map<string, { action: string; amountChange: string | null }>(changes.map(({ id, sign }) => [id, { action: 'transfer.through', amountChange: `${sign}${amount}` }]));
  // The two ends say which way the funds went, whether or not their own funds changed.
  lines.set(move.fromBudgetId, { action: 'transfer.out', amountChange: lines.get(move.fromBudgetId)?.amountChange ?? null });
  lines.set(move.toBudgetId, { action: 'transfer.in', amountChange: lines.get(move.toBudgetId)?.amountChange ?? null });
  for (const [budgetId, line] of lines) await recordBudgetHistory(tx, { budgetId, actorId: move.actorId, ...line, details });
}
