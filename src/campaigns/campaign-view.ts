import { campaignWorkflowId, type CampaignRunPlan } from '../../workflows/campaign.messages';
import { planCampaignRuns } from './journey/plan-runs';
import type { DbClient } from '../db/prisma';
import { AppError } from '../errors/app-error';
import { Prisma } from '../generated/prisma/client';
import type { CallTaskCounts, ListCounts } from '../../workflows/campaign.messages';
import type {
  ApprovalStageCounts,
  CampaignEventView,
  CampaignSummary,
  CampaignTotals,
  CampaignView,
  EvergreenView,
  ListStageCounts,
  SourceView,
  StageCounts,
  StageView,
} from './campaign-views.schemas';
import { countMailingStage, type MailingStageCounts } from './mailing-counts';
import { describeCohort } from './describe-cohort';
import { loadEnrollments, storedCohortCounts } from './enrollment-view';
import { CohortFilter, EvergreenSettings, StartCondition } from './journey.schemas';
import type { SendWindow } from './stage-settings.schemas';

export const campaignSummarySelect = {
  id: true,
  name: true,
  description: true,
  status: true,
  parentId: true,
  channels: true,
  budgetAmount: true,
  currency: true,
  copiedFromId: true,
  createdById: true,
  createdAt: true,
  updatedAt: true,
  endedAt: true,
  endReason: true,
  _count: { select: { stages: true, children: true } },
} as const satisfies Prisma.CampaignSelect;
type SummaryRow = Prisma.CampaignGetPayload<{ select: typeof campaignSummarySelect }>;

export const stageSelect = {
  id: true,
  campaignId: true,
  position: true,
  type: true,
  name: true,
  status: true,
  startAt: true,
  startWhen: true,
  cohort: true,
  settings: true,
  startedSettings: true,
  result: true,
  startedAt: true,
  completedAt: true,
  endReason: true,
} as const satisfies Prisma.CampaignStageSelect;
export type StageRow = Prisma.CampaignStageGetPayload<{ select: typeof stageSelect }>;

export const sourceSelect = { id: true, code: true, name: true, channel: true, cost: true } as const satisfies Prisma.CampaignSourceSelect;
type SourceRow = Prisma.CampaignSourceGetPayload<{ select: typeof sourceSelect }>;

const iso = (date: Date | null) => (date ? date.toISOString() : null);
const money = (value: Prisma.Decimal | null) => (value === null ? null : Number(value.toFixed(2)));
const record = (value: Prisma.JsonValue | null): Record<string, unknown> =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

export const campaignNotFound = (id: string) => new AppError('NOT_FOUND', `No campaign ${id}`, [{ path: 'path.id', message: 'no such campaign' }]);

export function toCampaignSummary(row: SummaryRow): CampaignSummary {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    status: row.status,
    parentId: row.parentId,
    channels: row.channels,
    budget: row.budgetAmount !== null && row.currency ? { amount: money(row.budgetAmount) as number, currency: row.currency } : null,
    stageCount: row._count.stages,
    childCount: row._count.children,
    copiedFromId: row.copiedFromId,
    createdById: row.createdById,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    endedAt: iso(row.endedAt),
    endReason: row.endReason,
  };
}

export const toSourceView = (row: SourceRow): SourceView => ({ id: row.id, code: row.code, name: row.name, channel: row.channel, cost: money(row.cost) });

/** The settings the stage works with: those it started with, else its current ones. */
const effectiveSettings = (stage: StageRow) => record(stage.startedSettings ?? stage.settings);

const stringIds = (value: unknown) => (Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string') : []);

/** A stored condition or cohort read back through its schema (null when absent or no longer valid). */
const parsedOrNull = <T>(schema: { safeParse(value: unknown): { success: true; data: T } | { success: false } }, value: unknown): T | null => {
  if (value === null || value === undefined) return null;
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : null;
};

export interface StageViewOptions {
  /** Every stage of the campaign (default: those shown), to name the stages a cohort refers to. */
  allStages?: readonly { position: number; type: string; name: string | null }[];
  /** What each PENDING stage waits for, by stage id (from the campaign's run plan). */
  waitsFor?: ReadonlyMap<string, string | null>;
}

/** Names the stages a cohort refers to, e.g. `stage 2 (MAILING) “Offer”`, as the run plan's words do. */
function stageLabeller(stages: readonly { position: number; type: string; name: string | null }[]) {
  const byPosition = new Map(stages.map((stage) => [stage.position, stage]));
  return (position: number) => {
    const stage = byPosition.get(position);
    return stage ? `stage ${position + 1} (${stage.type})${stage.name ? ` “${stage.name}”` : ''}` : `stage ${position + 1}`;
  };
}

/**
 * The stages' views with their counts read live, in a fixed number of queries whatever the number of
 * stages (one per MAILING stage for its delivery counts).
 */
export async function toStageViews(db: DbClient, campaignId: string, stages: readonly StageRow[], options: StageViewOptions = {}): Promise<StageView[]> {
  const ofType = (type: StageRow['type']) => stages.filter((stage) => stage.type === type);
  const listIds = ofType('LIST').map((stage) => stage.id);
  const approvalStages = ofType('APPROVAL');
  const approvalIds = approvalStages.map((stage) => stage.id);

  const cohorts = new Map(stages.map((stage) => [stage.id, parsedOrNull(CohortFilter, stage.cohort)]));
  const quotesSources = [...cohorts.values()].some((cohort) => cohort?.response?.sourceCode !== undefined);
  const [recipientGroups, approvals, mailingCounts, sources] = await Promise.all([
    listIds.length
      ? db.campaignRecipient.groupBy({ by: ['listStageId', 'cell'], where: { campaignId, listStageId: { in: listIds } }, _count: { _all: true } })
      : [],
    approvalIds.length
      ? db.campaignApproval.findMany({
          where: { stageId: { in: approvalIds } },
          select: { stageId: true, approverId: true, decision: true, comment: true, onBehalf: true, decidedAt: true },
          orderBy: { decidedAt: 'asc' },
        })
      : [],
    Promise.all(
      ofType('MAILING').map(async (stage) => [stage.id, await countMailingStage(db, stage.id, effectiveSettings(stage).sendWindow as SendWindow | undefined)] as const),
    ),
    quotesSources ? db.campaignSource.findMany({ where: { campaignId }, select: { code: true, name: true } }) : [],
  ]);
  // An evergreen campaign's CALL_TASKS stage runs once per enrollment and stores no counts of its own: its tasks are counted.
  const uncounted = ofType('CALL_TASKS').filter((stage) => stage.status !== 'PENDING' && typeof record(stage.result).tasksCreated !== 'number');
  const liveTasks = uncounted.length
    ? await db.$queryRaw<{ stage_id: string; created: number; unassigned: number }[]>`
        SELECT campaign_stage_id::text AS stage_id, count(*)::int AS created, count(*) FILTER (WHERE assignee_id IS NULL)::int AS unassigned
        FROM tasks WHERE campaign_stage_id IN (${Prisma.join(uncounted.map((stage) => Prisma.sql`CAST(${stage.id} AS uuid)`))})
        GROUP BY 1`
    : [];
  const label = stageLabeller(options.allStages ?? stages);
  const sourceName = (code: string) => {
    const source = sources.find((candidate) => candidate.code.toLowerCase() === code.toLowerCase());
    return source ? `“${source.name}” (${source.code})` : undefined;
  };
  const userIds = new Set([...approvalStages.flatMap((stage) => stringIds(effectiveSettings(stage).approverIds)), ...approvals.map((approval) => approval.approverId)]);
  const users = userIds.size ? await db.user.findMany({ where: { id: { in: [...userIds] } }, select: { id: true, name: true } }) : [];
  const userNames = new Map(users.map((user) => [user.id, user.name]));
  const mailingById = new Map<string, MailingStageCounts>(mailingCounts);

  const countsOf = (stage: StageRow): StageCounts => {
    const result = record(stage.result);
    switch (stage.type) {
      case 'LIST': {
        const cells = recipientGroups.filter((group) => group.listStageId === stage.id);
        const cell = (name: 'TARGET' | 'TEST') => cells.find((group) => group.cell === name)?._count._all ?? 0;
        const counts: ListStageCounts = {
          list: typeof result.listed === 'number' ? (result as unknown as ListCounts) : null,
          recipients: { target: cell('TARGET'), test: cell('TEST'), total: cell('TARGET') + cell('TEST') },
        };
        return counts;
      }
      case 'MAILING':
        return { ...(mailingById.get(stage.id) as MailingStageCounts), cohort: storedCohortCounts(result) };
      case 'APPROVAL': {
        const settings = effectiveSettings(stage);
        const decided = approvals.filter((approval) => approval.stageId === stage.id);
        const listed = stringIds(settings.approverIds);
        const everyone = [...new Set([...listed, ...decided.map((approval) => approval.approverId)])];
        const approvers = everyone.map((userId) => {
          const decision = decided.find((approval) => approval.approverId === userId);
          return {
            userId,
            name: userNames.get(userId) ?? null,
            decision: decision?.decision ?? null,
            comment: decision?.comment ?? null,
            decidedAt: iso(decision?.decidedAt ?? null),
            onBehalf: decision?.onBehalf ?? false,
          };
        });
        const counts: ApprovalStageCounts = {
          approvers,
          pendingApprovals: stage.status === 'RUNNING' ? listed.filter((userId) => !decided.some((approval) => approval.approverId === userId)).length : 0,
          approved: decided.filter((approval) => approval.decision === 'APPROVED').length,
          rejected: decided.filter((approval) => approval.decision === 'REJECTED').length,
        };
        return counts;
      }
      case 'CALL_TASKS': {
        const live = uncounted.includes(stage) ? (liveTasks.find((row) => row.stage_id === stage.id) ?? { created: 0, unassigned: 0 }) : null;
        const tasks: Partial<CallTaskCounts> = live ? { tasksCreated: live.created, unassigned: live.unassigned } : (result as Partial<CallTaskCounts>);
        return {
          tasksCreated: typeof tasks.tasksCreated === 'number' ? tasks.tasksCreated : null,
          unassigned: typeof tasks.unassigned === 'number' ? tasks.unassigned : null,
          cohort: storedCohortCounts(result),
        };
      }
      case 'WAIT':
        return { until: typeof result.until === 'string' ? result.until : null };
    }
  };

  return stages.map((stage) => {
    const cohort = cohorts.get(stage.id) ?? null;
    return {
      id: stage.id,
      position: stage.position,
      type: stage.type,
      name: stage.name,
      status: stage.status,
      startAt: iso(stage.startAt),
      startWhen: parsedOrNull(StartCondition, stage.startWhen),
      cohort,
      cohortText: cohort ? describeCohort(cohort, label, sourceName) : null,
      waitsFor: stage.status === 'PENDING' ? (options.waitsFor?.get(stage.id) ?? null) : null,
      startedAt: iso(stage.startedAt),
      completedAt: iso(stage.completedAt),
      endReason: stage.endReason,
      settings: record(stage.settings),
      startedSettings: stage.startedSettings === null ? null : record(stage.startedSettings),
      counts: countsOf(stage),
    };
  });
}

/** Sums over the stages' counts, plus the contacts an evergreen campaign's enrollments listed. */
export function campaignTotals(stages: readonly StageView[], enrolled: { target: number; test: number } = { target: 0, test: 0 }): CampaignTotals {
  const totals: CampaignTotals = {
    listed: enrolled.target + enrolled.test,
    target: enrolled.target,
    testCell: enrolled.test,
    sent: 0, failed: 0, skipped: 0, pendingMail: 0, waitingForSendWindow: 0, tasksCreated: 0, pendingApprovals: 0,
  };
  for (const stage of stages) {
    const counts = stage.counts as Record<string, unknown>;
    if (stage.type === 'LIST') {
      const { recipients } = counts as ListStageCounts;
      totals.listed += recipients.total;
      totals.target += recipients.target;
      totals.testCell += recipients.test;
    } else if (stage.type === 'MAILING') {
      const mailing = counts as unknown as MailingStageCounts;
      totals.sent += mailing.sent;
      totals.failed += mailing.failed;
      totals.skipped += mailing.skipped;
      totals.pendingMail += mailing.pending + mailing.sending;
      totals.waitingForSendWindow += mailing.waitingForSendWindow;
    } else if (stage.type === 'CALL_TASKS') totals.tasksCreated += (counts.tasksCreated as number | null) ?? 0;
    else if (stage.type === 'APPROVAL') totals.pendingApprovals += (counts as ApprovalStageCounts).pendingApprovals;
  }
  return totals;
}

export const HISTORY_LIMIT = 100;

/** A scheduled campaign's run plan says what its PENDING stages wait for; drafts and ended campaigns wait for nothing. */
const PLANNED: readonly string[] = ['SCHEDULED', 'RUNNING', 'PAUSED'];
// The view reads the plan once; the recheck only matters to the workflow.
const VIEW_PLAN_OPTIONS = { responseRecheck: 'PT5M' };

function evergreenView(stored: unknown, plan: CampaignRunPlan | null, stoppedAt: Date | null): EvergreenView | null {
  const settings = parsedOrNull(EvergreenSettings, stored);
  if (!settings) return null;
  return { ...settings, nextEnrollmentAt: plan?.evergreen?.nextEnrollmentAt ?? null, stoppedAt: iso(stoppedAt) };
}

/**
 * GET /campaigns/:id: the campaign, its parent and children, sources, stages with live counts and
 * what each waits for, an evergreen campaign's schedule and newest enrollments, totals and history.
 */
export async function getCampaignView(db: DbClient, campaignId: string): Promise<CampaignView> {
  const campaign = await db.campaign.findUnique({
    where: { id: campaignId },
    select: {
      ...campaignSummarySelect,
      offers: true,
      evergreen: true,
      enrollmentStoppedAt: true,
      parent: { select: { id: true, name: true } },
      children: { select: campaignSummarySelect, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], take: 200 },
      sources: { select: sourceSelect, orderBy: { code: 'asc' } },
      stages: { select: stageSelect, orderBy: { position: 'asc' } },
    },
  });
  if (!campaign) throw campaignNotFound(campaignId);
  const isEvergreen = campaign.evergreen !== null;
  const plan = PLANNED.includes(campaign.status) ? await planCampaignRuns(db, campaignId, new Date(), VIEW_PLAN_OPTIONS) : null;
  const waitsFor = new Map((plan?.runs ?? []).filter((run) => run.enrollmentId === null && run.status === 'PENDING').map((run) => [run.stageId, run.waitsFor]));
  const [stages, events, enrollments, enrolled] = await Promise.all([
    toStageViews(db, campaignId, campaign.stages, { waitsFor }),
    db.campaignEvent.findMany({
      where: { campaignId },
      orderBy: [{ at: 'desc' }, { id: 'desc' }],
      take: HISTORY_LIMIT,
      select: { id: true, kind: true, message: true, details: true, byUserId: true, stageId: true, at: true },
    }),
    isEvergreen ? loadEnrollments(db, campaignId, campaign.stages, plan) : { total: 0, enrollments: [] },
    isEvergreen ? db.campaignRecipient.groupBy({ by: ['cell'], where: { campaignId }, _count: { _all: true } }) : [],
  ]);
  const cell = (name: 'TARGET' | 'TEST') => enrolled.find((group) => group.cell === name)?._count._all ?? 0;
  const history: CampaignEventView[] = events.map((event) => ({ ...event, at: event.at.toISOString() }));
  return {
    ...toCampaignSummary(campaign),
    workflowId: campaign.status === 'DRAFT' ? null : campaignWorkflowId(campaignId),
    offers: Array.isArray(campaign.offers) ? (campaign.offers as CampaignView['offers']) : [],
    parent: campaign.parent,
    children: campaign.children.map(toCampaignSummary),
    sources: campaign.sources.map(toSourceView),
    stages,
    evergreen: evergreenView(campaign.evergreen, plan, campaign.enrollmentStoppedAt),
    enrollmentCount: enrollments.total,
    enrollments: enrollments.enrollments,
    totals: campaignTotals(stages, { target: cell('TARGET'), test: cell('TEST') }),
    history,
  };
}
