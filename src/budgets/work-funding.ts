import type { DbClient } from '../db/prisma';
import { toCents } from '../schemas/cents';

/** A campaign or an event: the work a budget funds. */
export type Work = { campaignId: string; eventId?: undefined } | { eventId: string; campaignId?: undefined };

export interface WorkFunding {
  budgetId: string;
  budgetName: string;
  currency: string;
  workName: string;
  /** Cents the budget gave the work. */
  allocated: bigint;
  /** Cents the work plans to cost, as the budget's figures count them: sub-source costs or event cost lines (actual where known), and checkbook entries naming it. */
  planned: bigint;
}

/** The work's funding and planned cost, or null when no budget funds it. */
export async function workFunding(db: DbClient, work: Work): Promise<WorkFunding | null> {
  const [row] = work.campaignId
    ? await db.$queryRaw<{ budgetId: string; budgetName: string; currency: string; workName: string; allocated: string; planned: string }[]>`
        SELECT b.id::text AS "budgetId", b.name AS "budgetName", b.currency, c.name AS "workName", a.amount::text AS allocated,
          (COALESCE((SELECT sum(s.cost) FROM campaign_sources s WHERE s.campaign_id = c.id), 0)
            + COALESCE((SELECT sum(e.amount) FROM budget_entries e WHERE e.campaign_id = c.id), 0))::numeric(20, 2)::text AS planned
        FROM budget_allocations a JOIN budgets b ON b.id = a.budget_id JOIN campaigns c ON c.id = a.campaign_id
        WHERE a.campaign_id = CAST(${work.campaignId} AS uuid)`
    : await db.$queryRaw<{ budgetId: string; budgetName: string; currency: string; workName: string; allocated: string; planned: string }[]>`
        SELECT b.id::text AS "budgetId", b.name AS "budgetName", b.currency, v.name AS "workName", a.amount::text AS allocated,
          (COALESCE((SELECT sum(COALESCE(k.actual, k.planned, 0)) FROM event_costs k WHERE k.event_id = v.id), 0)
            + COALESCE((SELECT sum(e.amount) FROM budget_entries e WHERE e.event_id = v.id), 0))::numeric(20, 2)::text AS planned
        FROM budget_allocations a JOIN budgets b ON b.id = a.budget_id JOIN events v ON v.id = a.event_id
        WHERE a.event_id = CAST(${work.eventId} AS uuid)`;
  return row ? { ...row, allocated: toCents(row.allocated), planned: toCents(row.planned) } : null;
}
