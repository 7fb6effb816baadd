import { z } from 'zod';
import { CampaignStatus, Offer, StageStatusEnum, StageTypeEnum } from './campaigns.schemas';
import { CohortFilter, EvergreenSettings, StartCondition } from './journey.schemas';

// What the campaign API answers: summaries, pages, stages with their counts, history, the whole campaign.

const iso = z.iso.datetime();
const BudgetView = z.object({ amount: z.number(), currency: z.string() });

export const CampaignSummary = z
  .object({
    id: z.uuid(),
    name: z.string(),
    description: z.string().nullable(),
    status: CampaignStatus,
    parentId: z.uuid().nullable(),
    channels: z.array(z.string()),
    budget: BudgetView.nullable(),
    stageCount: z.number().int(),
    childCount: z.number().int(),
    copiedFromId: z.uuid().nullable(),
    createdById: z.uuid().nullable(),
    createdAt: iso,
    updatedAt: iso,
    endedAt: iso.nullable(),
    endReason: z.string().nullable(),
  })
  .meta({ id: 'CampaignSummary' });
export type CampaignSummary = z.output<typeof CampaignSummary>;

export const CampaignPage = z.object({ items: z.array(CampaignSummary), nextCursor: z.string().nullable() }).meta({ id: 'CampaignPage' });
export type CampaignPage = z.output<typeof CampaignPage>;

export const SourceView = z
  .object({ id: z.uuid(), code: z.string(), name: z.string(), channel: z.string().nullable(), cost: z.number().nullable() })
  .meta({ id: 'CampaignSource' });
export type SourceView = z.output<typeof SourceView>;

const count = z.number().int();
const ListCountsView = z.object({
  matched: count, merged: count, suppressed: count, inOtherCampaigns: count, alreadyListed: count, listed: count, target: count, testCell: count,
});
export const ListStageCounts = z
  .object({
    list: ListCountsView.nullable().meta({ description: 'What freezing the list did; null until the stage has run' }),
    recipients: z.object({ target: count, test: count, total: count }).meta({ description: 'Contacts in the campaign’s list from this stage, read live' }),
  })
  .meta({ id: 'ListStageCounts' });
export const CohortCountsView = z
  .object({
    members: count.meta({ description: 'Contacts in the cohort' }),
    accounts: count.meta({ description: 'Their accounts' }),
    listed: count.nullable().meta({ description: 'Contacts of the cell(s) the cohort was drawn from' }),
    frozenAt: iso,
  })
  .meta({ id: 'StageCohortCounts', description: 'The cohort as it was frozen when the stage started; null until then, or without a cohort' });
export type CohortCountsView = z.output<typeof CohortCountsView>;
const cohortCounts = CohortCountsView.nullable();

const deliveryCounts = { recipients: count, pending: count, sending: count, sent: count, failed: count, skipped: count, cancelled: count };
export const MailingStageCountsView = z
  .object({
    ...deliveryCounts,
    waitingForSendWindow: count.meta({ description: 'Pending recipients whose send window is closed now' }),
    cohort: cohortCounts,
  })
  .meta({ id: 'MailingStageCounts' });
export const ApprovalStageCounts = z
  .object({
    approvers: z.array(
      z.object({
        userId: z.uuid(),
        name: z.string().nullable(),
        decision: z.enum(['APPROVED', 'REJECTED']).nullable(),
        comment: z.string().nullable(),
        decidedAt: iso.nullable(),
        onBehalf: z.boolean().meta({ description: 'An admin who is not an approver decided the stage on behalf of the approvers (userId is the admin)' }),
      }),
    ).meta({ description: 'The approvers (those the stage waits for now, and any who answered), and an admin who decided on their behalf' }),
    pendingApprovals: count.meta({ description: 'Approvers who have not answered while the stage waits for them' }),
    approved: count,
    rejected: count,
  })
  .meta({ id: 'ApprovalStageCounts' });
export const CallTasksStageCounts = z
  .object({ tasksCreated: count.nullable(), unassigned: count.nullable(), cohort: cohortCounts })
  .meta({ id: 'CallTasksStageCounts', description: 'null until the stage has run' });
export const WaitStageCounts = z.object({ until: iso.nullable() }).meta({ id: 'WaitStageCounts' });

export type ListStageCounts = z.output<typeof ListStageCounts>;
export type ApprovalStageCounts = z.output<typeof ApprovalStageCounts>;
export type StageCounts =
  | ListStageCounts
  | z.output<typeof MailingStageCountsView>
  | ApprovalStageCounts
  | z.output<typeof CallTasksStageCounts>
  | z.output<typeof WaitStageCounts>;

export const StageView = z
  .object({
    id: z.uuid(),
    position: count,
    type: StageTypeEnum,
    name: z.string().nullable(),
    status: StageStatusEnum,
    startAt: iso.nullable().meta({ description: 'Not before this date; null: on its condition, or right after the previous stage' }),
    // null: right after the previous stage (the first stage: on its date); the target cell of the list.
    startWhen: StartCondition.nullable(),
    cohort: CohortFilter.nullable(),
    cohortText: z.string().nullable().meta({ description: 'The cohort in words', examples: ['Contacts in the target cell who did not respond to the campaign since stage 2 started'] }),
    waitsFor: z
      .string()
      .nullable()
      .meta({
        description: 'A PENDING stage of a scheduled campaign: what it waits for, in words (null when it may start now; an evergreen campaign says it per enrollment)',
        examples: ['stage 3 (WAIT) “A week” to end'],
      }),
    startedAt: iso.nullable(),
    completedAt: iso.nullable(),
    endReason: z.string().nullable(),
    settings: z.record(z.string(), z.unknown()),
    startedSettings: z.record(z.string(), z.unknown()).nullable().meta({ description: 'The settings the stage started with (edits never reach a started stage)' }),
    counts: z.union([ListStageCounts, MailingStageCountsView, ApprovalStageCounts, CallTasksStageCounts, WaitStageCounts]),
  })
  .meta({ id: 'CampaignStage' });
export type StageView = z.output<typeof StageView>;

export const CampaignEventView = z
  .object({
    id: z.uuid(),
    kind: z.string(),
    message: z.string(),
    details: z.unknown(),
    byUserId: z.uuid().nullable(),
    stageId: z.uuid().nullable(),
    at: iso,
  })
  .meta({ id: 'CampaignEvent' });
export type CampaignEventView = z.output<typeof CampaignEventView>;

export const CampaignTotals = z
  .object({
    listed: count, target: count, testCell: count,
    sent: count, failed: count, skipped: count, pendingMail: count, waitingForSendWindow: count,
    tasksCreated: count, pendingApprovals: count,
  })
  .meta({ id: 'CampaignTotals', description: 'Sums over the stages' });
export type CampaignTotals = z.output<typeof CampaignTotals>;

const RunMailingCounts = z.object({ ...deliveryCounts, cohort: cohortCounts }).meta({ id: 'EnrollmentMailingCounts', description: 'The deliveries of this enrollment’s contacts' });
export const EnrollmentRunView = z
  .object({
    stageId: z.uuid(),
    position: count,
    type: StageTypeEnum,
    status: StageStatusEnum,
    startedAt: iso.nullable(),
    completedAt: iso.nullable(),
    endReason: z.string().nullable(),
    waitsFor: z.string().nullable().meta({ description: 'PENDING: what the run waits for, in words' }),
    counts: z.union([RunMailingCounts, CallTasksStageCounts, WaitStageCounts]),
  })
  .meta({ id: 'CampaignEnrollmentRun', description: 'One stage as it runs for one enrollment' });
export type EnrollmentRunView = z.output<typeof EnrollmentRunView>;

export const EnrollmentView = z
  .object({
    id: z.uuid(),
    number: count,
    scheduledFor: iso.meta({ description: 'The schedule’s occurrence it ran for' }),
    enrolledAt: iso,
    status: z.enum(['RUNNING', 'COMPLETED', 'CANCELLED']),
    completedAt: iso.nullable(),
    counts: ListCountsView.nullable().meta({ description: 'What enrolling did, as a LIST stage counts it (only contacts new to the campaign are listed)' }),
    runs: z.array(EnrollmentRunView).meta({ description: 'Each stage’s run for this enrollment, in stage order' }),
  })
  .meta({ id: 'CampaignEnrollment', description: 'One scheduled enrollment of an evergreen campaign: the segment’s new contacts then, run through the stages' });
export type EnrollmentView = z.output<typeof EnrollmentView>;

export const EvergreenView = EvergreenSettings.extend({
  nextEnrollmentAt: iso.nullable().meta({ description: 'When the next enrollment is due (already past: it enrolls now); null for a draft, once stopped, or once ended' }),
  stoppedAt: iso.nullable().meta({ description: 'When its enrollments were stopped' }),
}).meta({ id: 'EvergreenCampaign', description: 'An evergreen (continuous) campaign’s settings, and where its enrollments stand' });
export type EvergreenView = z.output<typeof EvergreenView>;

export const CampaignView = CampaignSummary.extend({
  workflowId: z.string().nullable().meta({ description: 'The id of the campaign’s workflow in Temporal; null for a draft, which has none yet' }),
  offers: z.array(Offer),
  parent: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  children: z.array(CampaignSummary).meta({ description: 'The child campaigns (oldest first, at most 200)' }),
  sources: z.array(SourceView),
  stages: z.array(StageView),
  // null for a campaign with an end.
  evergreen: EvergreenView.nullable(),
  enrollmentCount: count.meta({ description: 'Enrollments of an evergreen campaign in all' }),
  enrollments: z.array(EnrollmentView).meta({ description: 'An evergreen campaign’s newest 50 enrollments, newest first' }),
  totals: CampaignTotals,
  history: z.array(CampaignEventView).meta({ description: 'The newest 100 events, newest first' }),
}).meta({ id: 'Campaign' });
export type CampaignView = z.output<typeof CampaignView>;
