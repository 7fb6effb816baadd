import type { Action } from './action.schemas';
import { type Decision, type EvaluationContext, type NextStep, type RuleRef, ruleRef, type Why } from './decision';
import { computeDue, formatLocal, inZone } from './due-date';
import type { Status } from './lifecycle';
import type { Facts } from './match';

/** One pass over the rules for one event; status_entered cascades run as further steps. */
export interface Step {
  facts: Facts;
  trigger: string;
  depth: number;
  statusSetBy?: RuleRef & { to: Status };
}

export interface ActionScope {
  context: EvaluationContext;
  decision: Decision;
  step: Step;
  why: Why;
  nextStep?: NextStep;
  taskId?: string;
}

/** Records what one action does. Nothing here performs it: the caller applies the decision. */
export function applyAction(action: Action, { context, decision, step, why, nextStep, taskId }: ActionScope): void {
  const ref = ruleRef(why);
  const by = `rule ${why.ruleKey} v${why.ruleVersion}`;
  const skip = (reason: string) => decision.skippedActions.push({ ...ref, action: action.kind, reason });
  const { timeZone } = context.account;
  switch (action.kind) {
    case 'set_status': {
      const first = step.statusSetBy;
      if (first) return void skip(`status already set to ${first.to} by rule ${first.ruleKey} v${first.ruleVersion} for this event`);
      // A no-op does not claim the event: a later rule may still set a real change.
      if (action.status === step.facts.status) return void skip(`the account is already ${action.status}`);
      step.statusSetBy = { ...ref, to: action.status };
      decision.statusChanges.push({ from: step.facts.status, to: action.status, ...ref });
      decision.finalStatus = action.status;
      return;
    }
    case 'create_task': {
      const { dueAt, explanation } = computeDue(action.due, context.now, timeZone, context.calendar);
      const { taskType: type, title, assignTo } = action;
      decision.tasks.push({ type, title, dueAt, assignTo, why: { ...why, dueExplanation: explanation } });
      return;
    }
    case 'create_next_step_task': {
      if (!nextStep) return void skip('the activity planned no next step');
      const dueExplanation = `the next step's date chosen by the manager: ${formatLocal(inZone(nextStep.dueAt, timeZone))}`;
      decision.tasks.push({
        type: nextStep.type,
        title: nextStep.title ?? `Next step: ${nextStep.type}`,
        dueAt: nextStep.dueAt,
        assignTo: 'owner',
        why: { ...why, dueExplanation },
      });
      return;
    }
    case 'start_timer': {
      const { dueAt: fireAt, explanation } = computeDue(action.after, context.now, timeZone, context.calendar);
      // One pending timer per kind: a second start within the event replaces the first.
      dropPlannedTimers(decision, action.timerKind, `replaced by the ${action.timerKind} timer of ${by}`);
      decision.timersToStart.push({ timerKind: action.timerKind, fireAt, onFire: action.onFire, why: { ...why, dueExplanation: explanation } });
      return;
    }
    case 'cancel_timers':
      for (const timerKind of action.timerKinds) {
        dropPlannedTimers(decision, timerKind, `cancelled by ${by} later in the same event`);
        if (!decision.timerKindsToCancel.some((cancel) => cancel.timerKind === timerKind)) {
          decision.timerKindsToCancel.push({ timerKind, ...ref });
        }
      }
      return;
    case 'send_email':
      decision.emails.push({ templateKey: action.templateKey, to: action.to, why });
      return;
    case 'notify':
      decision.notifications.push({ recipient: action.recipient, message: action.message, ...(taskId ? { taskId } : {}), why });
      return;
  }
}

function dropPlannedTimers(decision: Decision, timerKind: string, reason: string): void {
  for (const timer of decision.timersToStart.filter((planned) => planned.timerKind === timerKind)) {
    decision.skippedActions.push({ ...ruleRef(timer.why), action: 'start_timer', reason });
  }
  decision.timersToStart = decision.timersToStart.filter((planned) => planned.timerKind !== timerKind);
}
