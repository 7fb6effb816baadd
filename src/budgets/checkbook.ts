import type { Db } from '../db/prisma';
import { AppError } from '../errors/app-error';
import type { BudgetEntry, Prisma } from '../generated/prisma/client';
import { fromCents, toCents } from '../schemas/cents';
import { utcDay as day } from '../schemas/days';
import { lockBudgets } from './budget-funds';
import { recordBudgetHistory } from './budget-history';
import type { BudgetEntryView, Checkbook, CheckbookLine, CreateEntryRequest, UpdateEntryRequest } from './budgets.schemas';

// The marketing checkbook: every cost against a budget and its sub-budgets, entered invoices and
// orders beside the sub-source and event costs of the campaigns and events they fund.

const toEntryView = (entry: BudgetEntry): BudgetEntryView => ({
  id: entry.id,
  budgetId: entry.budgetId,
  campaignId: entry.campaignId,
  eventId: entry.eventId,
  supplier: entry.supplier,
  date: entry.date.toISOString().slice(0, 10),
  category: entry.category,
  reference: entry.reference,
  description: entry.description,
  amount: entry.amount.toFixed(2),
  state: entry.state,
});

/** An entry may name a campaign or an event only if the budget funds it. */
async function assertFunded(tx: Prisma.TransactionClient, budgetId: string, body: { campaignId?: string; eventId?: string }): Promise<void> {
  if (!body.campaignId && !body.eventId) return;
  const funded = await tx.budgetAllocation.findFirst({ where: body.campaignId ? { budgetId, campaignId: body.campaignId } : { budgetId, eventId: body.eventId } });
  if (!funded) {
    const [path, what] = body.campaignId ? ['body.campaignId', `campaign ${body.campaignId}`] : ['body.eventId', `event ${body.eventId}`];
    throw new AppError('VALIDATION_FAILED', `Invalid ${path.slice(5)}: budget ${budgetId} does not fund ${what}`, [{ path, message: `not funded by this budget: allocate it first` }]);
  }
}

export async function createEntry(db: Db, actorId: string, budgetId: string, body: CreateEntryRequest): Promise<BudgetEntryView> {
  return db.$transaction(async (tx) => {
    await lockBudgets(tx, [budgetId]);
    await assertFunded(tx, budgetId, body);
    const entry = await tx.budgetEntry.create({
      data: {
        budgetId, campaignId: body.campaignId ?? null, eventId: body.eventId ?? null, supplier: body.supplier, date: day(body.date), category: body.category ?? null,
        reference: body.reference ?? null, description: body.description ?? null, amount: body.amount.toFixed(2), state: body.state, createdById: actorId,
      },
    });
    await recordBudgetHistory(tx, { budgetId, actorId, action: 'entry.create', details: { entryId: entry.id, supplier: entry.supplier, amount: entry.amount.toFixed(2), state: entry.state } });
    return toEntryView(entry);
  });
}

async function lockEntry(tx: Prisma.TransactionClient, budgetId: string, entryId: string): Promise<BudgetEntry> {
  await lockBudgets(tx, [budgetId]);
  const entry = await tx.budgetEntry.findFirst({ where: { id: entryId, budgetId } });
  if (!entry) throw new AppError('NOT_FOUND', `Budget ${budgetId} has no entry ${entryId}`);
  return entry;
}

export async function updateEntry(db: Db, actorId: string, budgetId: string, entryId: string, body: UpdateEntryRequest): Promise<BudgetEntryView> {
  return db.$transaction(async (tx) => {
    const before = await lockEntry(tx, budgetId, entryId);
    const after = await tx.budgetEntry.update({
      where: { id: entryId },
      data: {
        supplier: body.supplier, date: body.date ? day(body.date) : undefined, category: body.category, reference: body.reference, description: body.description,
        amount: body.amount === undefined ? undefined : body.amount.toFixed(2), state: body.state,
      },
    });
    const [was, is] = [toEntryView(before), toEntryView(after)];
    const changed = (Object.keys(body) as (keyof UpdateEntryRequest)[]).filter((key) => body[key] !== undefined);
    await recordBudgetHistory(tx, { budgetId, actorId, action: 'entry.update', details: { entryId, ...Object.fromEntries(changed.map((key) => [key, { before: was[key], after: is[key] }])) } });
    return is;
  });
}

export async function deleteEntry(db: Db, actorId: string, budgetId: string, entryId: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const entry = await lockEntry(tx, budgetId, entryId);
    await tx.budgetEntry.delete({ where: { id: entryId } });
    await recordBudgetHistory(tx, { budgetId, actorId, action: 'entry.delete', details: { entryId, supplier: entry.supplier, amount: entry.amount.toFixed(2), state: entry.state } });
  });
}

interface LineRow extends Omit<CheckbookLine, 'committed' | 'spent'> {
  committed: string;
  spent: string;
}

/**
 * The checkbook of a budget and its sub-budgets, in one statement: entered lines, the sub-source
 * costs of funded campaigns (spent: what the campaign return counts as their cost) and the cost lines
 * of funded events (planned: committed until an actual amount replaces it).
 */
export async function getCheckbook(db: Db, budgetId: string): Promise<Checkbook> {
  const budget = await db.budget.findUnique({ where: { id: budgetId }, select: { currency: true, mergedIntoId: true } });
  if (!budget) throw new AppError('NOT_FOUND', `No budget ${budgetId}`);
  if (budget.mergedIntoId) throw new AppError('NOT_FOUND', `Budget ${budgetId} was merged into budget ${budget.mergedIntoId}`);
  const lines = await db.$queryRaw<LineRow[]>`
    WITH RECURSIVE tree AS (
      SELECT id, name FROM budgets WHERE id = CAST(${budgetId} AS uuid)
      UNION ALL
      SELECT b.id, b.name FROM tree t JOIN budgets b ON b.parent_id = t.id AND b.merged_into_id IS NULL
    )
    SELECT * FROM (
      SELECT 'ENTRY' AS origin, e.id::text, t.id::text AS "budgetId", t.name AS "budgetName", e.campaign_id::text AS "campaignId", e.event_id::text AS "eventId",
        COALESCE(c.name, ev.name) AS "workName", to_char(e.date, 'YYYY-MM-DD') AS date, e.supplier, e.category, e.reference, e.description,
        (CASE WHEN e.state = 'COMMITTED' THEN e.amount ELSE 0 END)::numeric(20, 2)::text AS committed,
        (CASE WHEN e.state = 'ACTUAL' THEN e.amount ELSE 0 END)::numeric(20, 2)::text AS spent
      FROM tree t JOIN budget_entries e ON e.budget_id = t.id LEFT JOIN campaigns c ON c.id = e.campaign_id LEFT JOIN events ev ON ev.id = e.event_id
      UNION ALL
      SELECT 'SOURCE_COST', s.id::text, t.id::text, t.name, c.id::text, NULL, c.name, to_char(s.created_at, 'YYYY-MM-DD'), s.name, s.channel, s.code, NULL,
        '0.00', COALESCE(s.cost, 0)::numeric(20, 2)::text
      FROM tree t JOIN budget_allocations a ON a.budget_id = t.id JOIN campaigns c ON c.id = a.campaign_id JOIN campaign_sources s ON s.campaign_id = c.id
      WHERE s.cost IS NOT NULL
      UNION ALL
      SELECT 'EVENT_COST', k.id::text, t.id::text, t.name, NULL, ev.id::text, ev.name, to_char(COALESCE(ev.starts_at, k.created_at), 'YYYY-MM-DD'), NULL, k.category, NULL, k.label,
        (CASE WHEN k.actual IS NULL THEN COALESCE(k.planned, 0) ELSE 0 END)::numeric(20, 2)::text, COALESCE(k.actual, 0)::numeric(20, 2)::text
      FROM tree t JOIN budget_allocations a ON a.budget_id = t.id JOIN events ev ON ev.id = a.event_id JOIN event_costs k ON k.event_id = ev.id
    ) lines
    ORDER BY date DESC NULLS LAST, origin, "workName", description, supplier, id`;
  const total = (pick: (line: LineRow) => string) => fromCents(lines.reduce((sum, line) => sum + toCents(pick(line)), 0n));
  return { budgetId, currency: budget.currency, lines, committed: total((line) => line.committed), spent: total((line) => line.spent) };
}
