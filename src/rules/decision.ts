import type { Action, TimerAction } from './action.schemas';
import type { BusinessCalendar } from './business-calendar';
import type { ActivityType, Outcome, Status, TaskType } from './lifecycle';

export interface NextStep {
  type: TaskType;
  dueAt: Date;
  title?: string;
}

export type RuleEvent =
  | {
      kind: 'activity_logged';
      activity: { id: string; type: ActivityType; outcome: Outcome | null; occurredAt: Date; nextStep?: NextStep };
    }
  | {
      kind: 'task_overdue';
      task: { id: string; type: TaskType; dueAt: Date };
      /** The check that fired (see overdueChecks); omitted, every rule whose delay has passed matches. */
      after?: string;
    };

export interface EvaluationContext {
  account: {
    id: string;
    status: Status;
    segment: string | null;
    ownerId: string | null;
    /** Has the account ever been CLIENT? The engine also counts the current status. */
    wasClient: boolean;
    fields: Record<string, unknown>;
    timeZone: string;
  };
  /** The only clock the engine reads: the same input gives the same decision. */
  now: Date;
  calendar: BusinessCalendar;
}

export interface RuleRef {
  ruleId: string;
  ruleKey: string;
  ruleVersion: number;
}

/** The answer to "why?": the rule version, what triggered it and the conditions that held. */
export interface Why extends RuleRef {
  trigger: string;
  conditions: string[];
}

export interface DueWhy extends Why {
  dueExplanation: string;
}

export type Assignee = 'owner' | 'owner_manager';

export interface PlannedTask {
  type: TaskType;
  title: string;
  dueAt: Date;
  /** A role, not a user: the caller resolves it against the account's owner. */
  assignTo: Assignee;
  why: DueWhy;
}

export interface PlannedTimer {
  timerKind: string;
  fireAt: Date;
  onFire: TimerAction[];
  why: DueWhy;
}

export interface StatusChange extends RuleRef {
  from: Status;
  to: Status;
}

export interface TimerCancellation extends RuleRef {
  timerKind: string;
}

export interface PlannedEmail {
  templateKey: string;
  to: 'owner' | 'primary_contact';
  why: Why;
}

export interface PlannedNotification {
  recipient: Assignee;
  message: string;
  /** The overdue task, when a task_overdue event caused the notification. */
  taskId?: string;
  why: Why;
}

/**
 * A rule whose trigger matched the event, applied or not: what its actions did, or the conditions
 * that kept it from acting. It answers "why did nothing happen?" as `Why` answers "why this?".
 */
export interface RuleVerdict extends RuleRef {
  /** 0: the event itself; 1 and more: a status the event's rules entered (status_entered). */
  depth: number;
  trigger: string;
  applied: boolean;
  /** The status its set_status action sets, applied or not: what a rule that did not apply would have done. */
  setsStatus: Status | null;
  /** The conditions that held, in words. */
  conditions: string[];
  /** The conditions that did not hold, each with what it needs; empty when applied. */
  failedConditions: string[];
  /** What each action did, or why it did nothing; empty when not applied. */
  did: string[];
}

export interface SkippedAction extends RuleRef {
  action: Action['kind'];
  reason: string;
}

/**
 * What an event changes, for the caller to apply in this order: status changes, then
 * cancellation of the timers of `timerKindsToCancel` pending before the event, then the new
 * timers, tasks, e-mails and notifications. The lists already reflect the rule order: a
 * timer started and then cancelled within the event is not in `timersToStart`.
 */
export interface Decision {
  finalStatus: Status;
  statusChanges: StatusChange[];
  tasks: PlannedTask[];
  timersToStart: PlannedTimer[];
  timerKindsToCancel: TimerCancellation[];
  emails: PlannedEmail[];
  notifications: PlannedNotification[];
  matchedRules: (Why & { depth: number })[];
  /** Every rule whose trigger matched, in evaluation order, with or without its conditions holding. */
  verdicts: RuleVerdict[];
  skippedActions: SkippedAction[];
}

export function emptyDecision(status: Status): Decision {
  return {
    finalStatus: status,
    statusChanges: [],
    tasks: [],
    timersToStart: [],
    timerKindsToCancel: [],
    emails: [],
    notifications: [],
    matchedRules: [],
    verdicts: [],
    skippedActions: [],
  };
}

export function ruleRef({ ruleId, ruleKey, ruleVersion }: RuleRef): RuleRef {
  return { ruleId, ruleKey, ruleVersion };
}
