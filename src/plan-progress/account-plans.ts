import type { DbClient } from '../db/prisma';
import { toOpportunityView } from '../opportunities/opportunity-store';
import type { OpportunityView } from '../opportunities/opportunities.schemas';
import type { AccountObjectiveView, AccountPlanView } from './progress.schemas';

const PLAN_LIMIT = 200;
const OBJECTIVE_LIMIT = 200;
const OPPORTUNITY_LIMIT = 100;

/** What the account page shows of plans: applied plans, objectives (applied or for all accounts) and deals. */
export interface AccountPlanSections {
  plans: AccountPlanView[];
  objectives: AccountObjectiveView[];
  opportunities: OpportunityView[];
}

/**
 * The plan sections of an account's page, in three set-based queries:
 * - plans applied to it (plan_accounts), latest period first, whatever their status;
 * - objectives applied to it (objective_accounts) plus every objective that applies to all accounts
 *   of a plan that is neither EXPIRED nor REJECTED, each with what this account has done for it;
 * - its opportunities, newest first.
 */
export async function getAccountPlanSections(db: DbClient, accountId: string): Promise<AccountPlanSections> {
  const [plans, objectives, opportunities] = await Promise.all([
    db.$queryRaw<{ id: string; name: string; status: AccountPlanView['status']; period_start: string; period_end: string; applied_at: Date }[]>`
      SELECT p.id::text, p.name, p.status::text AS status,
        to_char(p.period_start, 'YYYY-MM-DD') AS period_start, to_char(p.period_end, 'YYYY-MM-DD') AS period_end, pa.applied_at
      FROM plan_accounts pa JOIN plans p ON p.id = pa.plan_id
      WHERE pa.account_id = CAST(${accountId} AS uuid)
      ORDER BY p.period_start DESC, p.name, p.id
      LIMIT ${PLAN_LIMIT}`,
    db.$queryRaw<{ id: string; name: string; kind: string; target: string; unit: string; plan_id: string; plan_name: string; plan_status: AccountObjectiveView['planStatus']; applies_to_all: boolean; done: number }[]>`
      SELECT ob.id::text, ob.name, ob.kind, ob.target::text, ob.unit, ob.plan_id::text AS plan_id,
        p.name AS plan_name, p.status::text AS plan_status, ob.applies_to_all, COALESCE(d.n, 0) AS done
      FROM objectives ob
      JOIN plans p ON p.id = ob.plan_id
      LEFT JOIN (
        SELECT a.objective_id, count(*)::int AS n FROM activities a
        WHERE a.account_id = CAST(${accountId} AS uuid) AND a.state = 'APPLIED' AND a.objective_id IS NOT NULL
        GROUP BY a.objective_id
      ) d ON d.objective_id = ob.id
      WHERE EXISTS (SELECT 1 FROM objective_accounts oa WHERE oa.objective_id = ob.id AND oa.account_id = CAST(${accountId} AS uuid))
         OR (ob.applies_to_all AND p.status NOT IN ('EXPIRED', 'REJECTED'))
      ORDER BY p.period_start DESC, p.name, ob.created_at, ob.id
      LIMIT ${OBJECTIVE_LIMIT}`,
    db.opportunity.findMany({ where: { accountId }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: OPPORTUNITY_LIMIT }),
  ]);
  return {
    plans: plans.map((row) => ({ id: row.id, name: row.name, status: row.status, periodStart: row.period_start, periodEnd: row.period_end, appliedAt: row.applied_at.toISOString() })),
    objectives: objectives.map((row) => ({
      id: row.id,
      name: row.name,
      kind: row.kind,
      target: Number(row.target),
      unit: row.unit,
      planId: row.plan_id,
      planName: row.plan_name,
      planStatus: row.plan_status,
      appliesToAll: row.applies_to_all,
      done: row.done,
    })),
    opportunities: opportunities.map(toOpportunityView),
  };
}
