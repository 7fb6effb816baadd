import { z } from 'zod';
import { ActivityType, Outcome, Status, TaskType } from '../rules/lifecycle';
import { TaskCollateral } from '../collateral-kits/task-collateral.schemas';

const FUTURE_TOLERANCE_MS = 5 * 60_000;
const isoDate = z.iso.datetime({ offset: true });

export const NextStepRequest = z
  .strictObject({
    type: TaskType,
    dueAt: isoDate.refine((value) => Date.parse(value) > Date.now(), 'must be in the future'),
    title: z.string().trim().min(1).max(200).optional(),
  })
  .meta({ id: 'NextStep' });

export const LogActivityRequest = z
  .strictObject({
    type: ActivityType,
    outcome: Outcome,
    occurredAt: isoDate.refine((value) => Date.parse(value) <= Date.now() + FUTURE_TOLERANCE_MS, 'cannot be in the future').optional(),
    notes: z.string().max(10_000).optional(),
    nextStep: NextStepRequest.optional(),
    contactId: z.uuid().optional().meta({ description: "Who it was with: one of the account's contacts (any other id is refused with 422)" }),
    planId: z.uuid().optional().meta({ description: 'The plan the activity was done for (any status, EXPIRED included)' }),
    objectiveId: z.uuid().optional().meta({ description: "The objective it counts for; given alone, the activity also gets the objective's plan" }),
  })
  .meta({ id: 'LogActivityRequest' });
export type LogActivityRequest = z.output<typeof LogActivityRequest>;

export const Why = z
  .object({
    ruleId: z.string(),
    ruleKey: z.string(),
    ruleVersion: z.number().int(),
    trigger: z.string(),
    conditions: z.array(z.string()),
    dueExplanation: z.string().optional(),
  })
  .meta({ id: 'Why', description: 'Why it exists: the rule version, its trigger, the conditions that held and how its time was computed' });

export const CampaignTaskWhy = z
  .object({
    source: z.literal('campaign'),
    campaignId: z.uuid(),
    campaignName: z.string().meta({ description: 'As it was when the task was created' }),
    stageId: z.uuid(),
    stagePosition: z.number().int().meta({ description: "The stage's position in the campaign (0 is the first stage)" }),
    stageName: z.string().nullable(),
    trigger: z.string().meta({ description: 'Which campaign stage made the task, in words' }),
    conditions: z.array(z.string()).meta({ description: 'Why this account and this assignee' }),
    dueExplanation: z.string(),
  })
  .meta({ id: 'CampaignTaskWhy', description: "A call task made by a campaign's CALL_TASKS stage: the campaign, the stage, why this account and assignee, and its due date" });
export type CampaignTaskWhy = z.output<typeof CampaignTaskWhy>;

export const TaskWhy = z
  .union([Why, CampaignTaskWhy])
  .meta({ id: 'TaskWhy', description: 'Why the task exists: the rule that made it (Why), or the campaign stage that made it (CampaignTaskWhy, source = campaign)' });

export const TaskView = z
  .object({
    id: z.uuid(),
    accountId: z.uuid(),
    assigneeId: z.uuid().nullable(),
    type: z.string(),
    title: z.string(),
    dueAt: z.iso.datetime(),
    state: z.enum(['OPEN', 'DONE', 'CANCELLED']),
    completedAt: z.iso.datetime().nullable(),
    createdBy: z.object({ activityId: z.uuid().nullable(), timerId: z.uuid().nullable(), ruleKey: z.string().nullable(), ruleVersion: z.number().int().nullable() }),
    campaignStageId: z.uuid().nullable().meta({ description: "Set on the call tasks of a campaign's CALL_TASKS stage" }),
    why: TaskWhy,
    collateral: TaskCollateral.nullable().meta({ description: "A campaign call task's call script and kit (with download paths); null when its stage attached none" }),
  })
  .meta({ id: 'Task' });
export type TaskView = z.output<typeof TaskView>;

export const TimerView = z
  .object({
    id: z.uuid(),
    accountId: z.uuid(),
    kind: z.string(),
    fireAt: z.iso.datetime(),
    state: z.enum(['PENDING', 'FIRED', 'CANCELLED']),
    ruleKey: z.string().nullable(),
    ruleVersion: z.number().int().nullable().meta({ description: 'The rule version that started it; a later edit of the rule does not change it' }),
    why: Why,
    history: z.array(z.record(z.string(), z.unknown())),
  })
  .meta({ id: 'Timer' });
export type TimerView = z.output<typeof TimerView>;

export const RuleMatchedView = z
  .object({
    ruleId: z.string(),
    ruleKey: z.string(),
    ruleVersion: z.number().int(),
    depth: z.number().int().meta({ description: '0: the activity itself; 1 and more: a status its rules entered (a status_entered rule)' }),
    trigger: z.string().meta({ description: 'The event that matched the trigger, in words' }),
    applied: z.boolean().meta({ description: "True when all its conditions held and its actions ran; false when one didn't" }),
    setsStatus: Status.nullable().meta({ description: 'The status the rule sets, applied or not: what a rule that did not apply would have done' }),
    conditions: z.array(z.string()).meta({ description: 'The conditions that held, in words' }),
    failedConditions: z.array(z.string()).meta({ description: 'The conditions that did not hold, each with what it needs ("status is CLIENT, needs POTENTIAL, …")' }),
    did: z.array(z.string()).meta({ description: 'What each action did, or why it did nothing ("status not set to …: the account is already …")' }),
    explanation: z.string().meta({ description: 'All of it in one line: the rule, then what it did or why it did nothing' }),
  })
  .meta({ id: 'RuleMatched', description: 'A rule whose trigger matched the activity: what it did, or which of its conditions failed' });
export type RuleMatchedView = z.output<typeof RuleMatchedView>;

export const RulesMatched = z.array(RuleMatchedView).meta({ description: 'The rules whose trigger matched, in the order they ran, applied or not' });

/** Who an activity was with, as every activity view shows it. */
export const ActivityContactFields = {
  contactId: z.uuid().nullable().meta({ description: 'The contact it was with; null when none was named (or the contact was erased)' }),
  contactName: z.string().nullable().meta({ description: "That contact's current name" }),
};

export const LogActivityResponse = z
  .object({
    activity: z.object({
      id: z.uuid(), type: ActivityType, outcome: Outcome, occurredAt: z.iso.datetime(), notes: z.string().nullable(), ...ActivityContactFields, planId: z.uuid().nullable(), objectiveId: z.uuid().nullable(),
    }),
    previousStatus: Status,
    status: Status,
    tasksCreated: z.array(TaskView),
    timersStarted: z.array(TimerView),
    timersCancelled: z.array(TimerView),
    rulesMatched: RulesMatched,
  })
  .meta({ id: 'LogActivityResult' });

export const TakeAccountResponse = z.object({ accountId: z.uuid(), status: Status, ownerId: z.uuid(), workflowId: z.string() }).meta({ id: 'TakeAccountResult' });

export const RescheduleTimerRequest = z
  .strictObject({
    fireAt: isoDate.refine((value) => Date.parse(value) > Date.now(), 'must be in the future'),
    reason: z.string().trim().min(1).max(500),
  })
  .meta({ id: 'RescheduleTimerRequest' });

export const ReasonRequest = z.strictObject({ reason: z.string().trim().min(1).max(500) }).meta({ id: 'ReasonRequest' });

export const AccountIdParams = z.strictObject({ id: z.uuid() });
export const AccountTimerParams = z.strictObject({ id: z.uuid(), timerId: z.uuid() });
export const TaskIdParams = z.strictObject({ id: z.uuid() });
export { TaskType };
