import { z } from 'zod';
import { CampaignStatus } from '../campaigns/campaigns.schemas';

const iso = z.iso.datetime();
const Person = z.object({ id: z.uuid(), name: z.string() }).meta({ id: 'ApprovalPerson', description: 'A person: who asked, or an approver' });

const OnBehalf = z.boolean().meta({ description: 'You are not an approver: as an admin you would decide on behalf of the approvers (scope=all)' });

export const approvalKinds = ['campaign-stage', 'plan', 'budget-transfer', 'budget-overrun'] as const;
export const ApprovalKind = z.enum(approvalKinds).meta({ id: 'ApprovalKind' });

export const ListApprovalsQuery = z.strictObject({
  kind: ApprovalKind.optional().meta({ description: 'Only campaign APPROVAL stages, plans, budget transfers or budget overruns' }),
  scope: z
    .enum(['mine', 'all'])
    .default('mine')
    .meta({ description: 'mine: what waits for your own answer; all (admins only): everything waiting for anyone, which an admin decides on behalf of the approvers' }),
});
export type ListApprovalsQuery = z.output<typeof ListApprovalsQuery>;

export const CampaignStageApprovalItem = z
  .object({
    kind: z.literal('campaign-stage'),
    campaignId: z.uuid(),
    campaignName: z.string(),
    campaignStatus: CampaignStatus,
    stageId: z.uuid(),
    stagePosition: z.number().int().meta({ description: 'Position of the stage in the campaign, from 0' }),
    stageName: z.string().meta({ description: 'The stage’s name, or "Stage n (APPROVAL)" when it has none' }),
    require: z.enum(['any', 'all']).meta({ description: 'One approval suffices (any) or every approver must approve (all)' }),
    approvers: z.number().int().meta({ description: 'How many approvers the stage has' }),
    approvedSoFar: z.number().int().meta({ description: 'Approvers who approved already (matters when require is all)' }),
    waitingOn: z.array(Person).meta({ description: 'The approvers who have not answered' }),
    onBehalf: OnBehalf,
    askedBy: Person.nullable().meta({ description: 'Who created the campaign; null when unknown' }),
    askedAt: iso.meta({ description: 'When the stage started waiting' }),
  })
  .meta({ id: 'CampaignStageApprovalItem' });
export type CampaignStageApprovalItem = z.output<typeof CampaignStageApprovalItem>;

export const PlanApprovalItem = z
  .object({
    kind: z.literal('plan'),
    planId: z.uuid(),
    planName: z.string(),
    parent: z.object({ id: z.uuid(), name: z.string() }).nullable().meta({ description: 'The plan it is part of, if any' }),
    periodStart: z.iso.date(),
    periodEnd: z.iso.date(),
    revenueTarget: z.number().nullable(),
    currency: z.string().nullable(),
    goals: z.array(z.string()),
    waitingOn: z.array(Person).meta({ description: 'The plan’s approvers (one answer decides it)' }),
    onBehalf: OnBehalf,
    askedBy: Person.meta({ description: 'The plan’s author' }),
    askedAt: iso.meta({ description: 'When the plan was submitted' }),
  })
  .meta({ id: 'PlanApprovalItem' });
export type PlanApprovalItem = z.output<typeof PlanApprovalItem>;

export const BudgetTransferApprovalItem = z
  .object({
    kind: z.literal('budget-transfer'),
    transferId: z.uuid(),
    amount: z.string().meta({ description: 'A decimal amount with two places' }),
    currency: z.string(),
    reason: z.string(),
    from: z.object({ id: z.uuid(), name: z.string() }).meta({ description: 'The budget that gives' }),
    to: z.object({ id: z.uuid(), name: z.string() }).meta({ description: 'The budget that receives' }),
    yourSides: z.array(z.enum(['from', 'to'])).meta({ description: 'The sides your approval covers (every waiting side when on behalf)' }),
    waitingOn: z.array(Person).meta({ description: 'Who may approve the sides still waiting' }),
    onBehalf: OnBehalf,
    askedBy: Person,
    askedAt: iso,
  })
  .meta({ id: 'BudgetTransferApprovalItem' });
export type BudgetTransferApprovalItem = z.output<typeof BudgetTransferApprovalItem>;

export const BudgetOverrunApprovalItem = z
  .object({
    kind: z.literal('budget-overrun'),
    overrunId: z.uuid(),
    work: z.object({ kind: z.enum(['campaign', 'event']), id: z.uuid(), name: z.string() }),
    budget: z.object({ id: z.uuid(), name: z.string() }).meta({ description: 'The budget that funds the work' }),
    planned: z.string().meta({ description: 'What the work plans to cost' }),
    allocated: z.string().meta({ description: 'What its budget gave it' }),
    over: z.string(),
    currency: z.string(),
    reason: z.string(),
    waitingOn: z.array(Person).meta({ description: 'The budget’s owner and the owner’s manager' }),
    onBehalf: OnBehalf,
    askedBy: Person,
    askedAt: iso,
  })
  .meta({ id: 'BudgetOverrunApprovalItem' });
export type BudgetOverrunApprovalItem = z.output<typeof BudgetOverrunApprovalItem>;

export const ApprovalItem = z.discriminatedUnion('kind', [CampaignStageApprovalItem, PlanApprovalItem, BudgetTransferApprovalItem, BudgetOverrunApprovalItem]).meta({ id: 'ApprovalItem' });
export type ApprovalItem = z.output<typeof ApprovalItem>;

export const ApprovalInbox = z
  .object({
    items: z.array(ApprovalItem).meta({ description: 'Oldest request first: what has waited longest comes first' }),
    counts: z.object({ campaignStages: z.number().int(), plans: z.number().int(), budgetTransfers: z.number().int(), budgetOverruns: z.number().int(), total: z.number().int() }),
  })
  .meta({ id: 'ApprovalInbox' });
export type ApprovalInbox = z.output<typeof ApprovalInbox>;
