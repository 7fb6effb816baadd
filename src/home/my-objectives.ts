import type { Caller } from '../auth/caller';
import type { DbClient } from '../db/prisma';
import type { MyObjectivesQuery, MyObjectives } from './home-reads.schemas';
import { progressRatio } from '../plan-progress/objective-progress';

/** Objectives the caller created or of plans they wrote, on plans still in play (not expired or rejected); least done first. */
export async function getMyObjectives(db: DbClient, caller: Caller, query: MyObjectivesQuery): Promise<MyObjectives> {
  const rows = await db.$queryRaw<{ id: string; name: string; plan_id: string; plan_name: string; target: string; unit: string; done: number; total: number }[]>`
    WITH mine AS (
      SELECT ob.id, ob.name, ob.plan_id, p.name AS plan_name, ob.target, ob.unit, ob.created_at
      FROM objectives ob JOIN plans p ON p.id = ob.plan_id
      WHERE p.status::text NOT IN ('EXPIRED', 'REJECTED')
        AND (ob.created_by_id = CAST(${caller.id} AS uuid) OR p.author_id = CAST(${caller.id} AS uuid))
    )
    SELECT m.id::text, m.name, m.plan_id::text, m.plan_name, m.target::text, m.unit,
      (SELECT count(*)::int FROM activities a WHERE a.objective_id = m.id AND a.state = 'APPLIED') AS done,
      (SELECT count(*)::int FROM mine) AS total
    FROM mine m ORDER BY m.created_at DESC, m.id LIMIT ${query.limit}`;
  const items = rows
    .map((row) => ({ objectiveId: row.id, name: row.name, planId: row.plan_id, planName: row.plan_name, target: Number(row.target), unit: row.unit, done: row.done, ratio: progressRatio(row.done, Number(row.target)) }))
    .sort((a, b) => (a.ratio ?? 0) - (b.ratio ?? 0));
  return { items, total: rows[0]?.total ?? 0 };
}
