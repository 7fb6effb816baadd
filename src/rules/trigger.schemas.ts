import { z } from 'zod';
import { IsoDuration } from './duration.schemas';
import { ActivityType, Outcome, Status, TaskType } from './lifecycle';

// An empty filter would silently match nothing; omitting it is the way to say "any".
const nonEmpty = <T extends z.ZodType>(item: T, field: string) =>
  z.array(item).min(1, { error: `must list at least one value (omit ${field} to match any)` });

export const ActivityLoggedTrigger = z
  .strictObject({
    kind: z.literal('activity_logged'),
    activityTypes: nonEmpty(ActivityType, 'activityTypes').optional(),
    outcomes: nonEmpty(Outcome, 'outcomes').optional(),
  })
  .meta({ id: 'ActivityLoggedTrigger' });

export const StatusEnteredTrigger = z
  .strictObject({
    kind: z.literal('status_entered'),
    statuses: z.array(Status).min(1, { error: 'must list at least one status' }),
  })
  .meta({ id: 'StatusEnteredTrigger' });

export const TaskOverdueTrigger = z
  .strictObject({
    kind: z.literal('task_overdue'),
    taskTypes: nonEmpty(TaskType, 'taskTypes').optional(),
    after: IsoDuration.meta({ description: 'How long after its due time a still open task fires this rule' }),
  })
  .meta({ id: 'TaskOverdueTrigger' });

export const Trigger = z
  .discriminatedUnion('kind', [ActivityLoggedTrigger, StatusEnteredTrigger, TaskOverdueTrigger])
  .meta({ id: 'RuleTrigger' });
export type Trigger = z.output<typeof Trigger>;

export const Condition = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('status_in'), statuses: z.array(Status).min(1) }),
    z.strictObject({ kind: z.literal('status_not_in'), statuses: z.array(Status).min(1) }),
    z.strictObject({ kind: z.literal('segment_in'), segments: z.array(z.string().min(1)).min(1) }),
    z.strictObject({ kind: z.literal('owner_set'), value: z.boolean() }),
    z.strictObject({ kind: z.literal('next_step_given'), value: z.boolean() }),
    z.strictObject({
      kind: z.literal('field_equals'),
      field: z.string().min(1).max(100).meta({ description: 'A custom field of the account' }),
      value: z.union([z.string(), z.number(), z.boolean()]),
    }),
    // True while the account is CLIENT and after it has left: it decides LOST over REFUSED.
    z.strictObject({ kind: z.literal('was_client'), value: z.boolean() }),
  ])
  .meta({ id: 'RuleCondition' });
export type Condition = z.output<typeof Condition>;
