import type { DbClient } from '../db/prisma';
import { AppError } from '../errors/app-error';
import { openStages } from '../opportunities/opportunities.schemas';
import { planProductFigures } from '../products/product-figures';
import { progressRatio } from './objective-progress';
import type { PlanReport } from './progress.schemas';

interface PlanRow {
  id: string;
  name: string;
  status: PlanReport['status'];
  parent_id: string | null;
  period_start: string;
  period_end: string;
  revenue_target: string | null;
  currency: string | null;
  accounts_applied: number;
  objective_count: number;
}

interface RevenueRow {
  root_id: string;
  currency: string;
  won: string;
  pipeline: string;
  opportunities: number;
}

/**
 * A plan's progress: revenue of the opportunities linked to it (or to any plan below it) against its
 * revenue target, the accounts it was applied to, its objectives' done/target, and the same figures
 * for each child plan. A handful of set-based queries, whatever the number of accounts or deals.
 */
export async function getPlanReport(db: DbClient, planId: string): Promise<PlanReport> {
  // The plan and its children, with their application counts.
  const plans = await db.$queryRaw<PlanRow[]>`
    SELECT p.id::text, p.name, p.status::text AS status, p.parent_id::text AS parent_id,
      to_char(p.period_start, 'YYYY-MM-DD') AS period_start, to_char(p.period_end, 'YYYY-MM-DD') AS period_end,
      p.revenue_target::text AS revenue_target, p.currency,
      (SELECT count(*)::int FROM plan_accounts pa WHERE pa.plan_id = p.id) AS accounts_applied,
      (SELECT count(*)::int FROM objectives ob WHERE ob.plan_id = p.id) AS objective_count
    FROM plans p
    WHERE p.id = CAST(${planId} AS uuid) OR p.parent_id = CAST(${planId} AS uuid)
    ORDER BY (p.id = CAST(${planId} AS uuid)) DESC, p.period_start, p.name, p.id`;
  const plan = plans.find((row) => row.id === planId);
  if (!plan) throw new AppError('NOT_FOUND', `No plan ${planId}`);

  const [revenue, objectives, perProduct] = await Promise.all([
    // Each reported plan (the plan and its children) with every plan below it: UNION stops on a cycle.
    db.$queryRaw<RevenueRow[]>`
      WITH RECURSIVE tree(root_id, plan_id) AS (
        SELECT p.id, p.id FROM plans p WHERE p.id = CAST(${planId} AS uuid) OR p.parent_id = CAST(${planId} AS uuid)
        UNION
        SELECT t.root_id, p.id FROM plans p JOIN tree t ON p.parent_id = t.plan_id
      )
      SELECT t.root_id::text AS root_id, o.currency,
        COALESCE(sum(o.amount) FILTER (WHERE o.stage = 'WON'), 0)::text AS won,
        COALESCE(sum(o.amount) FILTER (WHERE o.stage = ANY(CAST(${[...openStages]} AS "OpportunityStage"[]))), 0)::text AS pipeline,
        count(*)::int AS opportunities
      FROM tree t JOIN opportunities o ON o.plan_id = t.plan_id
      GROUP BY t.root_id, o.currency
      ORDER BY o.currency`,
    db.$queryRaw<{ id: string; name: string; kind: string; applies_to_all: boolean; target: string; unit: string; done: number }[]>`
      SELECT ob.id::text, ob.name, ob.kind, ob.applies_to_all, ob.target::text, ob.unit, COALESCE(d.n, 0) AS done
      FROM objectives ob
      LEFT JOIN (
        SELECT a.objective_id, count(*)::int AS n FROM activities a
        WHERE a.state = 'APPLIED' AND a.objective_id IN (SELECT id FROM objectives WHERE plan_id = CAST(${planId} AS uuid))
        GROUP BY a.objective_id
      ) d ON d.objective_id = ob.id
      WHERE ob.plan_id = CAST(${planId} AS uuid)
      ORDER BY ob.created_at, ob.id`,
    planProductFigures(db, planId),
  ]);

  const figures = (row: PlanRow) => {
    const own = revenue.filter((line) => line.root_id === row.id);
    const toRevenue = (line: RevenueRow) => ({ currency: line.currency, won: Number(line.won), pipeline: Number(line.pipeline), opportunities: line.opportunities });
    const inCurrency = row.currency ? own.find((line) => line.currency === row.currency) : undefined;
    const target = row.revenue_target === null ? null : Number(row.revenue_target);
    const main = row.currency ? (inCurrency ? toRevenue(inCurrency) : { currency: row.currency, won: 0, pipeline: 0, opportunities: 0 }) : null;
    return {
      id: row.id,
      name: row.name,
      status: row.status,
      periodStart: row.period_start,
      periodEnd: row.period_end,
      revenueTarget: target,
      currency: row.currency,
      revenue: main,
      revenueInOtherCurrencies: own.filter((line) => line.currency !== row.currency).map(toRevenue),
      ratio: main ? progressRatio(main.won, target) : null,
      accountsApplied: row.accounts_applied,
    };
  };

  return {
    ...figures(plan),
    parentId: plan.parent_id,
    objectives: objectives.map((objective) => {
      const target = Number(objective.target);
      return {
        id: objective.id,
        name: objective.name,
        kind: objective.kind,
        appliesToAll: objective.applies_to_all,
        target,
        unit: objective.unit,
        done: objective.done,
        ratio: progressRatio(objective.done, target),
      };
    }),
    children: plans.filter((row) => row.id !== planId).map((row) => ({ ...figures(row), objectiveCount: row.objective_count })),
    perProduct,
  };
}
