import type { Db } from '../db/prisma';
import { AppError, invalidField as invalid } from '../errors/app-error';
import { checkActiveUsers } from '../events/event-references';
import { Prisma } from '../generated/prisma/client';
import { fromCents, toCents } from '../schemas/cents';
import { utcDay as day } from '../schemas/days';
import { budgetNodes } from './budget-figures';
import { assertCanGive, assertCanShrinkTo, lockBudgets, requestCents, type LockedBudget } from './budget-funds';
import { recordBudgetHistory } from './budget-history';
import type { BudgetTree, BudgetView, CreateBudgetRequest, UpdateBudgetRequest } from './budgets.schemas';

// The budget tree: create, change, read with figures.

export async function listBudgets(db: Db): Promise<BudgetTree> {
  return { items: await budgetNodes(db) };
}

export async function getBudget(db: Db, id: string): Promise<BudgetView> {
  const [nodes, budget, allocations] = await Promise.all([
    budgetNodes(db),
    db.budget.findUnique({ where: { id }, select: { mergedIntoId: true } }),
    db.$queryRaw<{ id: string; budgetId: string; campaignId: string | null; eventId: string | null; name: string; amount: string }[]>`
      SELECT a.id::text, a.budget_id::text AS "budgetId", a.campaign_id::text AS "campaignId", a.event_id::text AS "eventId",
        COALESCE(c.name, e.name) AS name, a.amount::text AS amount
      FROM budget_allocations a LEFT JOIN campaigns c ON c.id = a.campaign_id LEFT JOIN events e ON e.id = a.event_id
      WHERE a.budget_id = CAST(${id} AS uuid) ORDER BY lower(COALESCE(c.name, e.name)), a.id`,
  ]);
  if (!budget) throw new AppError('NOT_FOUND', `No budget ${id}`);
  if (budget.mergedIntoId) throw new AppError('NOT_FOUND', `Budget ${id} was merged into budget ${budget.mergedIntoId}`, [{ path: 'path.id', message: `merged into ${budget.mergedIntoId}` }]);
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const node = byId.get(id);
  // Read side by side, not in one snapshot: a merge may land between the reads.
  if (!node) throw new AppError('NOT_FOUND', `Budget ${id} was merged into another budget`);
  const path: { id: string; name: string }[] = [];
  for (let parent = node.parentId ? byId.get(node.parentId) : undefined; parent; parent = parent.parentId ? byId.get(parent.parentId) : undefined) path.unshift({ id: parent.id, name: parent.name });
  return { ...node, path, children: nodes.filter((each) => each.parentId === id), allocations, mergedIntoId: null };
}

/** A sub-budget's period lies within its parent's. */
function assertWithinParent(parent: LockedBudget, period: { periodStart: string; periodEnd: string }): void {
  if (period.periodStart < parent.periodStart) throw invalid('body.periodStart', `before its parent "${parent.name}" starts (${parent.periodStart})`);
  if (period.periodEnd > parent.periodEnd) throw invalid('body.periodEnd', `after its parent "${parent.name}" ends (${parent.periodEnd})`);
}

export async function createBudget(db: Db, actorId: string, body: CreateBudgetRequest): Promise<BudgetView> {
  await checkActiveUsers(db, [{ id: body.ownerId, path: 'body.ownerId' }]);
  const id = await db.$transaction(async (tx) => {
    let currency = body.currency;
    if (body.parentId) {
      const parent = (await lockBudgets(tx, [body.parentId])).get(body.parentId)!;
      if (currency && currency !== parent.currency) throw invalid('body.currency', `the tree is in ${parent.currency}: a sub-budget has its root's currency (no conversion)`);
      currency = parent.currency;
      assertWithinParent(parent, body);
      await assertCanGive(tx, parent, requestCents(body.amount), 'body.amount');
    } else if (!currency) {
      throw invalid('body.currency', 'a new tree (no parentId) needs its currency');
    }
    const budget = await tx.budget.create({
      data: {
        name: body.name, description: body.description ?? null, parentId: body.parentId ?? null, ownerId: body.ownerId, currency,
        periodStart: day(body.periodStart), periodEnd: day(body.periodEnd), amount: body.amount.toFixed(2), createdById: actorId,
      },
    });
    await recordBudgetHistory(tx, { budgetId: budget.id, actorId, action: 'budget.create', amountChange: body.amount.toFixed(2), details: { name: body.name, parentId: body.parentId ?? null } });
    if (body.parentId) await recordBudgetHistory(tx, { budgetId: body.parentId, actorId, action: 'allocation.budget', details: { budgetId: budget.id, name: body.name, amount: body.amount.toFixed(2) } });
    return budget.id;
  });
  return getBudget(db, id);
}

export async function updateBudget(db: Db, actorId: string, id: string, body: UpdateBudgetRequest): Promise<BudgetView> {
  if (body.ownerId) await checkActiveUsers(db, [{ id: body.ownerId, path: 'body.ownerId' }]);
  await db.$transaction(async (tx) => {
    const current = await tx.budget.findUnique({ where: { id }, select: { parentId: true } });
    if (!current) throw new AppError('NOT_FOUND', `No budget ${id}`);
    const locked = await lockBudgets(tx, current.parentId ? [id, current.parentId] : [id]);
    const budget = locked.get(id)!;
    const parent = current.parentId ? locked.get(current.parentId)! : null;
    const period = { periodStart: body.periodStart ?? budget.periodStart, periodEnd: body.periodEnd ?? budget.periodEnd };
    if (period.periodEnd < period.periodStart) throw invalid(body.periodEnd ? 'body.periodEnd' : 'body.periodStart', 'the period would end before it starts');
    if (parent) assertWithinParent(parent, period);
    await assertChildrenWithin(tx, budget, period);
    const change = body.amount === undefined ? 0n : requestCents(body.amount) - toCents(budget.amount);
    if (change > 0n && parent) await assertCanGive(tx, parent, change, 'body.amount');
    if (change < 0n) await assertCanShrinkTo(tx, budget, requestCents(body.amount!));
    const before = await tx.budget.findUniqueOrThrow({ where: { id } });
    const after = await tx.budget.update({
      where: { id },
      data: {
        name: body.name, description: body.description, ownerId: body.ownerId,
        periodStart: body.periodStart ? day(body.periodStart) : undefined, periodEnd: body.periodEnd ? day(body.periodEnd) : undefined,
        amount: body.amount === undefined ? undefined : body.amount.toFixed(2),
      },
    });
    const changed = (Object.keys(body) as (keyof UpdateBudgetRequest)[]).filter((key) => body[key] !== undefined);
    await recordBudgetHistory(tx, {
      budgetId: id, actorId, action: 'budget.update', amountChange: change === 0n ? null : fromCents(change),
      details: Object.fromEntries(changed.map((key) => [key, { before: historyValue(before[key]), after: historyValue(after[key]) }])),
    });
  });
  return getBudget(db, id);
}

/** A budget field as the history keeps it: days as YYYY-MM-DD, amounts as decimal text. */
const historyValue = (value: unknown): Prisma.InputJsonValue | null => {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (value instanceof Prisma.Decimal) return value.toFixed(2);
  return value === null || value === undefined ? null : String(value);
};

/** A shorter period must still hold every sub-budget's. */
async function assertChildrenWithin(tx: Prisma.TransactionClient, budget: LockedBudget, period: { periodStart: string; periodEnd: string }): Promise<void> {
  const outside = await tx.$queryRaw<{ name: string }[]>`
    SELECT name FROM budgets WHERE parent_id = CAST(${budget.id} AS uuid) AND merged_into_id IS NULL
      AND (period_start < CAST(${period.periodStart} AS date) OR period_end > CAST(${period.periodEnd} AS date))
    ORDER BY name LIMIT 3`;
  if (outside.length > 0) {
    throw new AppError('CONFLICT', `The period would no longer hold the sub-budget${outside.length === 1 ? '' : 's'} ${outside.map((row) => `"${row.name}"`).join(', ')}: change theirs first`);
  }
}
