import { Duration } from 'luxon';
import type { EvaluationContext, RuleEvent, RuleRef } from './decision';
import { addDuration, formatLocal, inZone } from './due-date';
import type { Status } from './lifecycle';
import type { Condition, Trigger } from './trigger.schemas';

/** An event the engine evaluates: the caller's, or a status entered while evaluating it. */
export type StepEvent = RuleEvent | { kind: 'status_entered'; status: Status; from: Status; setBy: RuleRef; cause: string };

/** What conditions read: a snapshot taken when a step starts, so rule order cannot change it. */
export interface Facts {
  status: Status;
  wasClient: boolean;
  nextStepGiven: boolean;
  account: EvaluationContext['account'];
}

export function triggerMatches(trigger: Trigger, event: StepEvent, context: EvaluationContext): boolean {
  switch (trigger.kind) {
    case 'activity_logged': {
      if (event.kind !== 'activity_logged') return false;
      const { type, outcome } = event.activity;
      return (
        (!trigger.activityTypes || trigger.activityTypes.includes(type)) &&
        (!trigger.outcomes || (outcome !== null && trigger.outcomes.includes(outcome)))
      );
    }
    case 'status_entered':
      return event.kind === 'status_entered' && trigger.statuses.includes(event.status);
    case 'task_overdue': {
      if (event.kind !== 'task_overdue') return false;
      if (trigger.taskTypes && !trigger.taskTypes.includes(event.task.type)) return false;
      // A fired check names its delay, so a PT24H rule does not fire again with the P3D check.
      if (event.after !== undefined) return sameDuration(trigger.after, event.after);
      return addDuration(trigger.after, event.task.dueAt, context.account.timeZone) <= context.now;
    }
  }
}

export function sameDuration(a: string, b: string): boolean {
  const [left, right] = [Duration.fromISO(a), Duration.fromISO(b)];
  return left.isValid && right.isValid && left.toISO() === right.toISO();
}

export function describeEvent(event: StepEvent, context: EvaluationContext): string {
  switch (event.kind) {
    case 'activity_logged': {
      const { id, type, outcome } = event.activity;
      return `${type} activity ${id} logged${outcome ? ` with outcome ${outcome}` : ''}`;
    }
    case 'task_overdue': {
      const { id, type, dueAt } = event.task;
      const due = formatLocal(inZone(dueAt, context.account.timeZone));
      return `${type} task ${id} still open${event.after ? ` ${event.after}` : ''} after its due time ${due}`;
    }
    case 'status_entered':
      return `status ${event.status} entered from ${event.from} (rule ${event.setBy.ruleKey} v${event.setBy.ruleVersion}, after ${event.cause})`;
  }
}

export function conditionHolds(condition: Condition, facts: Facts): boolean {
  const { account } = facts;
  switch (condition.kind) {
    case 'status_in':
      return condition.statuses.includes(facts.status);
    case 'status_not_in':
      return !condition.statuses.includes(facts.status);
    case 'segment_in':
      return account.segment !== null && condition.segments.includes(account.segment);
    case 'owner_set':
      return (account.ownerId !== null) === condition.value;
    case 'next_step_given':
      return facts.nextStepGiven === condition.value;
    case 'field_equals':
      // Strict: a field holding "3" does not equal 3, as it would not in a report either.
      return account.fields[condition.field] === condition.value;
    case 'was_client':
      return facts.wasClient === condition.value;
  }
}

/** A condition that held, in words, with the value it read. */
export function describeCondition(condition: Condition, facts: Facts): string {
  switch (condition.kind) {
    case 'status_in':
      return `status ${facts.status} is one of ${condition.statuses.join(', ')}`;
    case 'status_not_in':
      return `status ${facts.status} is none of ${condition.statuses.join(', ')}`;
    case 'segment_in':
      return `segment ${facts.account.segment} is one of ${condition.segments.join(', ')}`;
    case 'owner_set':
      return condition.value ? 'the account has an owner' : 'the account has no owner';
    case 'next_step_given':
      return condition.value ? 'the activity planned a next step' : 'the activity planned no next step';
    case 'field_equals':
      return `field ${condition.field} is ${JSON.stringify(condition.value)}`;
    case 'was_client':
      return condition.value ? 'the account is or was a CLIENT' : 'the account has never been a CLIENT';
  }
}
