import type { Caller } from '../auth/caller';
import type { DbClient } from '../db/prisma';
import { dayOf } from '../plans/plan-view';
import type { CampaignStatus } from '../campaigns/campaigns.schemas';
import type { ApprovalInbox, CampaignStageApprovalItem, ListApprovalsQuery, PlanApprovalItem } from './approvals.schemas';

interface WaitingStageRow {
  stage_id: string;
  position: number;
  stage_name: string | null;
  require: string | null;
  approvers: number;
  approved_so_far: number;
  started_at: Date | null;
  campaign_id: string;
  campaign_name: string;
  campaign_status: CampaignStatus;
  asker_id: string | null;
  asker_name: string | null;
}

/**
 * APPROVAL stages waiting (RUNNING) for the caller: named among the approvers the stage started with,
 * and not answered yet. The approvers live in JSON settings, so this is one SQL statement rather
 * than a scan of every running stage in Node.
 */
async function waitingStages(db: DbClient, callerId: string): Promise<CampaignStageApprovalItem[]> {
  const rows = await db.$queryRaw<WaitingStageRow[]>`
    SELECT s.id::text AS stage_id, s.position, s.name AS stage_name,
           COALESCE(s.started_settings, s.settings) ->> 'require' AS require,
           jsonb_array_length(COALESCE(s.started_settings, s.settings) -> 'approverIds')::int AS approvers,
           (SELECT count(*)::int FROM campaign_approvals a WHERE a.stage_id = s.id AND a.decision = 'APPROVED') AS approved_so_far,
           s.started_at, c.id::text AS campaign_id, c.name AS campaign_name, c.status::text AS campaign_status,
           u.id::text AS asker_id, u.name AS asker_name
    FROM campaign_stages s
    JOIN campaigns c ON c.id = s.campaign_id
    LEFT JOIN users u ON u.id = c.created_by_id
    WHERE s.type = 'APPROVAL' AND s.status = 'RUNNING'
      AND COALESCE(s.started_settings, s.settings) -> 'approverIds' @> jsonb_build_array(${callerId}::text)
      AND NOT EXISTS (SELECT 1 FROM campaign_approvals a WHERE a.stage_id = s.id AND a.approver_id = CAST(${callerId} AS uuid))
    ORDER BY s.started_at ASC NULLS LAST, s.id`;
  return rows.map((row) => ({
    kind: 'campaign-stage',
    campaignId: row.campaign_id,
    campaignName: row.campaign_name,
    campaignStatus: row.campaign_status,
    stageId: row.stage_id,
    stagePosition: row.position,
    stageName: row.stage_name ?? `Stage ${row.position + 1} (APPROVAL)`,
    require: row.require === 'all' ? 'all' : 'any',
    approvers: row.approvers,
    approvedSoFar: row.approved_so_far,
    askedBy: row.asker_id && row.asker_name ? { id: row.asker_id, name: row.asker_name } : null,
    // A RUNNING stage has started; the fallback only guards a row written by hand.
    askedAt: (row.started_at ?? new Date(0)).toISOString(),
  }));
}

/** SUBMITTED plans naming the caller as an approver; an author never approves their own plan. */
async function waitingPlans(db: DbClient, callerId: string): Promise<PlanApprovalItem[]> {
  const plans = await db.plan.findMany({
    where: { status: 'SUBMITTED', approverIds: { has: callerId }, authorId: { not: callerId } },
    select: {
      id: true, name: true, periodStart: true, periodEnd: true, revenueTarget: true, currency: true, goals: true, authorId: true, submittedAt: true, updatedAt: true,
      parent: { select: { id: true, name: true } },
    },
    orderBy: [{ submittedAt: 'asc' }, { id: 'asc' }],
  });
  const authors = await db.user.findMany({ where: { id: { in: [...new Set(plans.map((plan) => plan.authorId))] } }, select: { id: true, name: true } });
  const authorName = new Map(authors.map((author) => [author.id, author.name]));
  return plans.map((plan) => ({
    kind: 'plan',
    planId: plan.id,
    planName: plan.name,
    parent: plan.parent,
    periodStart: dayOf(plan.periodStart),
    periodEnd: dayOf(plan.periodEnd),
    revenueTarget: plan.revenueTarget === null ? null : plan.revenueTarget.toNumber(),
    currency: plan.currency,
    goals: plan.goals,
    askedBy: { id: plan.authorId, name: authorName.get(plan.authorId) ?? 'Unknown user' },
    askedAt: (plan.submittedAt ?? plan.updatedAt).toISOString(),
  }));
}

/** What waits for the caller's decision: campaign approval stages and plans, oldest request first. */
export async function getApprovalInbox(db: DbClient, caller: Caller, query: ListApprovalsQuery): Promise<ApprovalInbox> {
  const [stages, plans] = await Promise.all([
    query.kind === 'plan' ? [] : waitingStages(db, caller.id),
    query.kind === 'campaign-stage' ? [] : waitingPlans(db, caller.id),
  ]);
  const items = [...stages, ...plans].sort((a, b) => a.askedAt.localeCompare(b.askedAt));
  return { items, counts: { campaignStages: stages.length, plans: plans.length, total: items.length } };
}
