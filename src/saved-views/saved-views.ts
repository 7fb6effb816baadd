import type { AccountCaller } from '../accounts/account-access';
import type { DbClient } from '../db/prisma';
import { isUniqueViolation } from '../db/prisma-errors';
import { AppError } from '../errors/app-error';
import { Prisma, type SavedView as SavedViewRow } from '../generated/prisma/client';
import { openStages } from '../opportunities/opportunities.schemas';
import {
  ViewDefinition,
  type CreateSavedViewBody,
  type DealItem,
  type RecontactItem,
  type SavedView,
  type SavedViewList,
  type SavedViewRun,
  type TaskItem,
} from './saved-views.schemas';

/** A run lists at most this many items; `total` still counts them all. */
const RUN_LIMIT = 500;

/** Saves a view for the caller; a name the caller already uses: 409. */
export async function createSavedView(db: DbClient, caller: AccountCaller, body: CreateSavedViewBody): Promise<SavedView> {
  try {
    const row = await db.savedView.create({ data: { userId: caller.id, name: body.name, kind: body.kind, params: body.params } });
    return toSavedView(row);
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError('CONFLICT', `You already have a view named "${body.name}"`, [{ path: 'body.name', message: 'already used by one of your views' }]);
    }
    throw error;
  }
}

export async function listSavedViews(db: DbClient, caller: AccountCaller): Promise<SavedViewList> {
  const rows = await db.savedView.findMany({ where: { userId: caller.id }, orderBy: [{ name: 'asc' }, { id: 'asc' }] });
  return { items: rows.map(toSavedView) };
}

/** Deletes one of the caller's views; another user's view answers 404, as an unknown id. */
export async function deleteSavedView(db: DbClient, caller: AccountCaller, id: string): Promise<void> {
  const { count } = await db.savedView.deleteMany({ where: { id, userId: caller.id } });
  if (count === 0) throw notFound(id);
}

/** Runs one of the caller's views now, over the caller's own deals, tasks or accounts. */
export async function runSavedView(db: DbClient, caller: AccountCaller, id: string): Promise<SavedViewRun> {
  const row = await db.savedView.findFirst({ where: { id, userId: caller.id } });
  if (!row) throw notFound(id);
  const definition = ViewDefinition.parse({ kind: row.kind, params: row.params });
  const found = await runDefinition(db, caller, definition);
  return { view: toSavedView(row), items: found.items, total: found.total };
}

async function runDefinition(db: DbClient, caller: AccountCaller, definition: ViewDefinition): Promise<{ items: (DealItem | TaskItem | RecontactItem)[]; total: number }> {
  switch (definition.kind) {
    case 'deals-closing': {
      // Open deals the caller owns, or on accounts they own, expected to close from today to today + days (UTC).
      const rows = await db.$queryRaw<(Omit<DealItem, 'amount'> & { amount: string; total: number })[]>`
        SELECT o.id::text AS id, o.name, o.account_id::text AS "accountId", a.name AS "accountName", o.amount::text AS amount, o.currency,
          o.stage::text AS stage, to_char(o.expected_close_date, 'YYYY-MM-DD') AS "expectedCloseDate", o.owner_id::text AS "ownerId",
          count(*) OVER ()::int AS total
        FROM opportunities o JOIN accounts a ON a.id = o.account_id
        WHERE (o.owner_id = CAST(${caller.id} AS uuid) OR a.owner_id = CAST(${caller.id} AS uuid))
          AND a.archived_at IS NULL
          AND o.stage = ANY(CAST(${[...openStages]} AS "OpportunityStage"[]))
          AND o.expected_close_date BETWEEN (now() AT TIME ZONE 'UTC')::date AND (now() AT TIME ZONE 'UTC')::date + ${definition.params.days}::int
        ORDER BY o.expected_close_date, o.id
        LIMIT ${RUN_LIMIT}`;
      return { items: rows.map(({ total: _total, amount, ...item }) => ({ ...item, amount: Number(amount) })), total: rows[0]?.total ?? 0 };
    }
    case 'overdue-tasks': {
      const rows = await db.$queryRaw<(Omit<TaskItem, 'dueAt'> & { dueAt: Date; total: number })[]>`
        SELECT t.id::text AS id, t.account_id::text AS "accountId", a.name AS "accountName", t.type, t.title, t.due_at AS "dueAt",
          count(*) OVER ()::int AS total
        FROM tasks t JOIN accounts a ON a.id = t.account_id
        WHERE t.assignee_id = CAST(${caller.id} AS uuid) AND t.state = 'OPEN' AND t.due_at < now()
        ORDER BY t.due_at, t.id
        LIMIT ${RUN_LIMIT}`;
      return { items: rows.map(({ total: _total, dueAt, ...item }) => ({ ...item, dueAt: dueAt.toISOString() })), total: rows[0]?.total ?? 0 };
    }
    case 'recontact-due': {
      const window =
        definition.params.period === 'this-month'
          ? Prisma.sql`t.fire_at >= date_trunc('month', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'
              AND t.fire_at < (date_trunc('month', now() AT TIME ZONE 'UTC') + interval '1 month') AT TIME ZONE 'UTC'`
          : Prisma.sql`t.fire_at >= now() AND t.fire_at < now() + interval '30 days'`;
      const rows = await db.$queryRaw<(Omit<RecontactItem, 'fireAt'> & { fireAt: Date; total: number })[]>`
        SELECT t.id::text AS "timerId", a.id::text AS "accountId", a.name AS "accountName", a.status::text AS status, t.fire_at AS "fireAt",
          count(*) OVER ()::int AS total
        FROM timers t JOIN accounts a ON a.id = t.account_id
        WHERE a.owner_id = CAST(${caller.id} AS uuid) AND a.archived_at IS NULL AND a.status IN ('REFUSED', 'LOST')
          AND t.kind = 'recontact' AND t.state = 'PENDING' AND ${window}
        ORDER BY t.fire_at, t.id
        LIMIT ${RUN_LIMIT}`;
      return { items: rows.map(({ total: _total, fireAt, ...item }) => ({ ...item, fireAt: fireAt.toISOString() })), total: rows[0]?.total ?? 0 };
    }
  }
}

function toSavedView(row: SavedViewRow): SavedView {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind as SavedView['kind'],
    params: (row.params ?? {}) as Record<string, unknown>,
    createdAt: row.createdAt.toISOString(),
  };
}

function notFound(id: string): AppError {
  return new AppError('NOT_FOUND', `No saved view ${id}`, [{ path: 'path.id', message: 'no such view of yours' }]);
}
