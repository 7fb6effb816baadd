import type { Caller } from '../auth/caller';
import { AppError } from '../errors/app-error';
import { Prisma } from '../generated/prisma/client';
import type { DbClient } from '../db/prisma';
import { dayOf } from '../plans/plan-view';
import type { CampaignStatus } from '../campaigns/campaigns.schemas';
import { idsIn } from './approver-lists';
import { sideApprovers, sideBudgetId, sidesOf, waitingSides } from '../budgets/budget-transfer-sides';
import { pendingBudgetOverruns } from '../budgets/budget-overruns';
import type { ApprovalInbox, BudgetOverrunApprovalItem, BudgetTransferApprovalItem, CampaignStageApprovalItem, ListApprovalsQuery, PlanApprovalItem } from './approvals.schemas';

interface WaitingStageRow {
  stage_id: string;
  position: number;
  stage_name: string | null;
  require: string | null;
  approver_ids: unknown;
  decided_ids: string[];
  approved_so_far: number;
  started_at: Date | null;
  campaign_id: string;
  campaign_name: string;
  campaign_status: CampaignStatus;
  asker_id: string | null;
  asker_name: string | null;
}

type Person = { id: string; name: string };
const peopleNamed = async (db: DbClient, ids: Iterable<string>): Promise<Map<string, Person>> => {
  const users = await db.user.findMany({ where: { id: { in: [...new Set(ids)] } }, select: { id: true, name: true } });
  return new Map(users.map((user) => [user.id, user]));
};
const peopleOf = (ids: readonly string[], people: Map<string, Person>) => ids.map((id) => people.get(id) ?? { id, name: 'Unknown user' });

/**
 * APPROVAL stages waiting (RUNNING): for the caller, those naming them among the approvers the stage
 * works with and that they have not answered; for an admin asking for everything, every one (those
 * they are not an approver of they would decide on behalf of the approvers). The approvers live in
 * JSON settings, so this is one SQL statement rather than a scan of every running stage in Node.
 */
async function waitingStages(db: DbClient, caller: Caller, everything: boolean): Promise<CampaignStageApprovalItem[]> {
  const forCaller = everything
    ? Prisma.empty
    : Prisma.sql`AND COALESCE(s.started_settings, s.settings) -> 'approverIds' @> jsonb_build_array(${caller.id}::text)
      AND NOT EXISTS (SELECT 1 FROM campaign_approvals a WHERE a.stage_id = s.id AND a.approver_id = CAST(${caller.id} AS uuid))`;
  const rows = await db.$queryRaw<WaitingStageRow[]>`
    SELECT s.id::text AS stage_id, s.position, s.name AS stage_name,
           COALESCE(s.started_settings, s.settings) ->> 'require' AS require,
           COALESCE(s.started_settings, s.settings) -> 'approverIds' AS approver_ids,
           ARRAY(SELECT a.approver_id::text FROM campaign_approvals a WHERE a.stage_id = s.id) AS decided_ids,
           (SELECT count(*)::int FROM campaign_approvals a WHERE a.stage_id = s.id AND a.decision = 'APPROVED') AS approved_so_far,
           s.started_at, c.id::text AS campaign_id, c.name AS campaign_name, c.status::text AS campaign_status,
           u.id::text AS asker_id, u.name AS asker_name
    FROM campaign_stages s
    JOIN campaigns c ON c.id = s.campaign_id
    LEFT JOIN users u ON u.id = c.created_by_id
    WHERE s.type = 'APPROVAL' AND s.status = 'RUNNING' ${forCaller}
    ORDER BY s.started_at ASC NULLS LAST, s.id`;
  const stages = rows.map((row) => {
    const approverIds = idsIn({ approverIds: row.approver_ids }, 'approverIds');
    return { row, approverIds, waitingOn: approverIds.filter((id) => !row.decided_ids.includes(id)) };
  });
  const people = await peopleNamed(db, stages.flatMap((stage) => stage.waitingOn));
  return stages.map(({ row, approverIds, waitingOn }) => ({
    kind: 'campaign-stage',
    campaignId: row.campaign_id,
    campaignName: row.campaign_name,
    campaignStatus: row.campaign_status,
    stageId: row.stage_id,
    stagePosition: row.position,
    stageName: row.stage_name ?? `Stage ${row.position + 1} (APPROVAL)`,
    require: row.require === 'all' ? 'all' : 'any',
    approvers: approverIds.length,
    approvedSoFar: row.approved_so_far,
    waitingOn: peopleOf(waitingOn, people),
    onBehalf: !approverIds.includes(caller.id),
    askedBy: row.asker_id && row.asker_name ? { id: row.asker_id, name: row.asker_name } : null,
    // A RUNNING stage has started; the fallback only guards a row written by hand.
    askedAt: (row.started_at ?? new Date(0)).toISOString(),
  }));
}

/** SUBMITTED plans naming the caller as an approver, or all of them for an admin asking for everything; never the caller's own. */
async function waitingPlans(db: DbClient, caller: Caller, everything: boolean): Promise<PlanApprovalItem[]> {
  const plans = await db.plan.findMany({
    where: { status: 'SUBMITTED', ...(everything ? {} : { approverIds: { has: caller.id } }), authorId: { not: caller.id } },
    select: {
      id: true, name: true, periodStart: true, periodEnd: true, revenueTarget: true, currency: true, goals: true, authorId: true, approverIds: true, submittedAt: true, updatedAt: true,
      parent: { select: { id: true, name: true } },
    },
    orderBy: [{ submittedAt: 'asc' }, { id: 'asc' }],
  });
  const people = await peopleNamed(db, plans.flatMap((plan) => [plan.authorId, ...plan.approverIds]));
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
    waitingOn: peopleOf(plan.approverIds, people),
    onBehalf: !plan.approverIds.includes(caller.id),
    askedBy: people.get(plan.authorId) ?? { id: plan.authorId, name: 'Unknown user' },
    askedAt: (plan.submittedAt ?? plan.updatedAt).toISOString(),
  }));
}

/**
 * PENDING transfers with a waiting side the caller answers for (owner of its budget, or the owner's
 * manager), or all of them for an admin asking for everything; never the caller's own requests.
 */
async function waitingTransfers(db: DbClient, caller: Caller, everything: boolean): Promise<BudgetTransferApprovalItem[]> {
  const transfers = await db.budgetTransfer.findMany({ where: { status: 'PENDING', requestedById: { not: caller.id } }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
  const approvers = await sideApprovers(db, transfers.flatMap((transfer) => [transfer.fromBudgetId, transfer.toBudgetId]));
  const people = await peopleNamed(db, transfers.map((transfer) => transfer.requestedById));
  return transfers.flatMap((transfer) => {
    const yours = sidesOf(transfer, approvers, caller.id);
    if (!yours.length && !everything) return [];
    const waiting = waitingSides(transfer);
    const budget = (id: string) => ({ id, name: approvers.get(id)?.budgetName ?? 'Unknown budget' });
    const waitingOn = [...new Map(waiting.flatMap((side) => approvers.get(sideBudgetId(transfer, side))?.approvers ?? []).map((person) => [person.id, person])).values()];
    return [{
      kind: 'budget-transfer' as const,
      transferId: transfer.id,
      amount: transfer.amount.toFixed(2),
      currency: transfer.currency,
      reason: transfer.reason,
      from: budget(transfer.fromBudgetId),
      to: budget(transfer.toBudgetId),
      yourSides: yours.length ? yours : waiting,
      waitingOn,
      onBehalf: yours.length === 0,
      askedBy: people.get(transfer.requestedById) ?? { id: transfer.requestedById, name: 'Unknown user' },
      askedAt: transfer.createdAt.toISOString(),
    }];
  });
}

/** PENDING overruns of work funded by a budget the caller answers for, or all of them for an admin asking for everything; never the caller's own. */
async function waitingOverruns(db: DbClient, caller: Caller, everything: boolean): Promise<BudgetOverrunApprovalItem[]> {
  return (await pendingBudgetOverruns(db))
    .filter((overrun) => overrun.requestedBy.id !== caller.id && (everything || overrun.approvers.some((person) => person.id === caller.id)))
    .map((overrun) => ({
      kind: 'budget-overrun' as const,
      overrunId: overrun.id,
      work: overrun.work,
      budget: { id: overrun.budget.id, name: overrun.budget.name },
      planned: overrun.planned,
      allocated: overrun.allocated,
      over: overrun.over,
      currency: overrun.currency,
      reason: overrun.reason,
      waitingOn: overrun.approvers,
      onBehalf: !overrun.approvers.some((person) => person.id === caller.id),
      askedBy: overrun.requestedBy,
      askedAt: overrun.requestedAt,
    }));
}

/**
 * What waits for the caller's decision: campaign approval stages, plans, budget transfers and overruns, oldest request first.
 * `scope=all` (admins): every request waiting for anyone, which an admin may decide on behalf of
 * the approvers (`onBehalf`) when not one of them.
 */
export async function getApprovalInbox(db: DbClient, caller: Caller, query: ListApprovalsQuery): Promise<ApprovalInbox> {
  const everything = query.scope === 'all';
  if (everything && caller.role !== 'admin') throw new AppError('FORBIDDEN', 'Only an admin sees every pending approval (scope=all)');
  const wanted = (kind: ListApprovalsQuery['kind']) => query.kind === undefined || query.kind === kind;
  const [stages, plans, transfers, overruns] = await Promise.all([
    wanted('campaign-stage') ? waitingStages(db, caller, everything) : [],
    wanted('plan') ? waitingPlans(db, caller, everything) : [],
    wanted('budget-transfer') ? waitingTransfers(db, caller, everything) : [],
    wanted('budget-overrun') ? waitingOverruns(db, caller, everything) : [],
  ]);
  const items = [...stages, ...plans, ...transfers, ...overruns].sort((a, b) => a.askedAt.localeCompare(b.askedAt));
  return { items, counts: { campaignStages: stages.length, plans: plans.length, budgetTransfers: transfers.length, budgetOverruns: overruns.length, total: items.length } };
}
