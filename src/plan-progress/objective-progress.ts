import type { AccountCaller } from '../accounts/account-access';
import type { DbClient } from '../db/prisma';
import { AppError } from '../errors/app-error';
import { Prisma } from '../generated/prisma/client';
import { objectiveProductFigures } from '../products/product-figures';
import type { ObjectiveProgress, ObjectiveProgressQuery } from './progress.schemas';

export const progressRatio = (done: number, target: number | null) => (target && target > 0 ? Math.round((done / target) * 10_000) / 10_000 : null);

/** The accounts a manager may see (their own and the pool), as a condition on an accounts row `ac`. */
export function visibleToCaller(caller: AccountCaller): Prisma.Sql {
  if (caller.role !== 'manager') return Prisma.sql`TRUE`;
  return Prisma.sql`(ac.owner_id = CAST(${caller.id} AS uuid) OR (ac.owner_id IS NULL AND ac.status = 'NEW' AND ac.archived_at IS NULL))`;
}

/**
 * An objective's progress: applied activities linked to it against its target, in total and on each
 * account it applies to. Three set-based queries, whatever the number of accounts.
 */
export async function getObjectiveProgress(db: DbClient, caller: AccountCaller, objectiveId: string, query: ObjectiveProgressQuery): Promise<ObjectiveProgress> {
  const [objective] = await db.$queryRaw<{ id: string; plan_id: string; name: string; kind: string; applies_to_all: boolean; target: string; unit: string; done: number }[]>`
    SELECT ob.id::text, ob.plan_id::text, ob.name, ob.kind, ob.applies_to_all, ob.target::text, ob.unit,
      (SELECT count(*)::int FROM activities a WHERE a.objective_id = ob.id AND a.state = 'APPLIED') AS done
    FROM objectives ob WHERE ob.id = CAST(${objectiveId} AS uuid)`;
  if (!objective) throw new AppError('NOT_FOUND', `No objective ${objectiveId}`);

  // The accounts it applies to: listed in objective_accounts, or every account not archived.
  const scope = objective.applies_to_all
    ? Prisma.sql`SELECT ac.id, ac.name FROM accounts ac WHERE ac.archived_at IS NULL AND ${visibleToCaller(caller)}`
    : Prisma.sql`SELECT ac.id, ac.name FROM objective_accounts oa JOIN accounts ac ON ac.id = oa.account_id
        WHERE oa.objective_id = CAST(${objectiveId} AS uuid) AND ac.archived_at IS NULL AND ${visibleToCaller(caller)}`;
  const direction = query.order === 'done_asc' ? Prisma.sql`ASC` : Prisma.sql`DESC`;
  const [rows, [total], perProduct] = await Promise.all([
    db.$queryRaw<{ account_id: string; account_name: string; done: number }[]>`
      WITH scope AS (${scope}),
      done AS (
        SELECT a.account_id, count(*)::int AS n FROM activities a
        WHERE a.objective_id = CAST(${objectiveId} AS uuid) AND a.state = 'APPLIED'
        GROUP BY a.account_id
      )
      SELECT s.id::text AS account_id, s.name AS account_name, COALESCE(d.n, 0) AS done
      FROM scope s LEFT JOIN done d ON d.account_id = s.id
      ORDER BY COALESCE(d.n, 0) ${direction}, s.name, s.id
      LIMIT ${query.limit}`,
    db.$queryRaw<{ n: number }[]>`WITH scope AS (${scope}) SELECT count(*)::int AS n FROM scope`,
    objectiveProductFigures(db, objectiveId),
  ]);
  const target = Number(objective.target);
  return {
    objectiveId: objective.id,
    planId: objective.plan_id,
    name: objective.name,
    kind: objective.kind,
    appliesToAll: objective.applies_to_all,
    target,
    unit: objective.unit,
    done: objective.done,
    ratio: progressRatio(objective.done, target),
    accountCount: total?.n ?? 0,
    perAccount: rows.map((row) => ({ accountId: row.account_id, accountName: row.account_name, done: row.done })),
    perProduct,
  };
}
