import { z } from 'zod';
import { DueSpec } from './duration.schemas';
import { manualOnlyStatuses, Status, TaskType } from './lifecycle';
import { Slug } from './slug';

const RuleSettableStatus = Status.refine((status) => !manualOnlyStatuses[status], {
  error: (issue) => manualOnlyStatuses[issue.input as Status] ?? 'this status cannot be set by a rule',
}).meta({ description: 'Any status but NEW and POTENTIAL, which only people set' });

export const SetStatusAction = z
  .strictObject({ kind: z.literal('set_status'), status: RuleSettableStatus })
  .meta({ id: 'SetStatusAction' });

export const CreateTaskAction = z
  .strictObject({
    kind: z.literal('create_task'),
    taskType: TaskType,
    title: z.string().trim().min(1).max(200),
    due: DueSpec,
    assignTo: z.enum(['owner', 'owner_manager']),
  })
  .meta({ id: 'CreateTaskAction' });

export const NotifyAction = z
  .strictObject({
    kind: z.literal('notify'),
    recipient: z.enum(['owner', 'owner_manager']),
    message: z.string().trim().min(1).max(1000),
  })
  .meta({ id: 'NotifyAction' });

/** What a timer does when it fires: only actions that make sense without a triggering event. */
export const TimerAction = z
  .discriminatedUnion('kind', [CreateTaskAction, SetStatusAction, NotifyAction])
  .meta({ id: 'TimerAction' });
export type TimerAction = z.output<typeof TimerAction>;

export const CreateNextStepTaskAction = z
  .strictObject({ kind: z.literal('create_next_step_task') })
  .meta({ id: 'CreateNextStepTaskAction', description: "A task from the logged activity's next step" });

export const StartTimerAction = z
  .strictObject({
    kind: z.literal('start_timer'),
    timerKind: Slug.meta({ description: 'Names the timer so that cancel_timers can find it (e.g. recontact)' }),
    after: DueSpec,
    onFire: z.array(TimerAction).min(1, { error: 'a timer must do at least one thing when it fires' }),
  })
  .superRefine((timer, ctx) => {
    if (timer.onFire.filter((action) => action.kind === 'set_status').length > 1) {
      ctx.addIssue({ code: 'custom', path: ['onFire'], message: 'a timer sets at most one status' });
    }
  })
  .meta({ id: 'StartTimerAction' });

export const CancelTimersAction = z
  .strictObject({ kind: z.literal('cancel_timers'), timerKinds: z.array(Slug).min(1) })
  .meta({ id: 'CancelTimersAction', description: "Cancels the account's pending timers of these kinds" });

export const SendEmailAction = z
  .strictObject({
    kind: z.literal('send_email'),
    templateKey: z.string().min(1).max(100),
    to: z.enum(['owner', 'primary_contact']),
  })
  .meta({ id: 'SendEmailAction' });

export const Action = z
  .discriminatedUnion('kind', [
    SetStatusAction,
    CreateTaskAction,
    CreateNextStepTaskAction,
    StartTimerAction,
    CancelTimersAction,
    SendEmailAction,
    NotifyAction,
  ])
  .meta({ id: 'RuleAction' });
export type Action = z.output<typeof Action>;
export type CreateTaskAction = z.output<typeof CreateTaskAction>;
