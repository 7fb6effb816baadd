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
  /** Collects what each action did (or why it did nothing), in words, for the rule's verdict. */
  did?: string[];
}

const assigneeWords = { owner: 'the owner', owner_manager: "the owner's manager" } as const;
const recipientWords = { owner: 'the owner', primary_contact: 'the primary contact' } as const;

/** Records what one action does. Nothing here performs it: the caller applies the decision. */
export function applyAction(action: Action, { context, decision, step, why, nextStep, taskId, did = [] }: ActionScope): void {
  const ref = ruleRef(why);
  const by = `rule ${why.ruleKey} v${why.ruleVersion}`;
  const { timeZone } = context.account;
  const local = (date: Date) => formatLocal(inZone(date, timeZone));
  const skip = (reason: string, words: string) => {
    decision.skippedActions.push({ ...ref, action: action.kind, reason });
    did.push(`${words}: ${reason}`);
  };
  switch (action.kind) {
    case 'set_status': {
      const first = step.statusSetBy;
      const notSet = `status not set to ${action.status}`;
      if (first) return void skip(`status already set to ${first.to} by rule ${first.ruleKey} v${first.ruleVersion} for this event`, notSet);
      // A no-op does not claim the event: a later rule may still set a real change.
      if (action.status === step.facts.status) return void skip(`the account is already ${action.status}`, notSet);
      step.statusSetBy = { ...ref, to: action.status };
      decision.statusChanges.push({ from: step.facts.status, to: action.status, ...ref });
      decision.finalStatus = action.status;
      did.push(`status ${step.facts.status} → ${action.status}`);
      return;
    }
    case 'create_task': {
      const { dueAt, explanation } = computeDue(action.due, context.now, timeZone, context.calendar);
      const { taskType: type, title, assignTo } = action;
      decision.tasks.push({ type, title, dueAt, assignTo, why: { ...why, dueExplanation: explanation } });
      // The title is in the task itself (tasksCreated, the open tasks): the words name it by type.
      did.push(`${type} task for ${assigneeWords[assignTo]}, due ${local(dueAt)}`);
      return;
    }
    case 'create_next_step_task': {
      if (!nextStep) return void skip('the activity planned no next step', 'no next-step task');
      const dueExplanation = `the next step's date chosen by the manager: ${local(nextStep.dueAt)}`;
      decision.tasks.push({
        type: nextStep.type,
        title: nextStep.title ?? `Next step: ${nextStep.type}`,
        dueAt: nextStep.dueAt,
        assignTo: 'owner',
        why: { ...why, dueExplanation },
      });
      did.push(`${nextStep.type} task from the activity's next step, due ${local(nextStep.dueAt)}`);
      return;
    }
    case 'start_timer': {
      const { dueAt: fireAt, explanation } = computeDue(action.after, context.now, timeZone, context.calendar);
      // One pending timer per kind: a second start within the event replaces the first.
      dropPlannedTimers(decision, action.timerKind, `replaced by the ${action.timerKind} timer of ${by}`);
      decision.timersToStart.push({ timerKind: action.timerKind, fireAt, onFire: action.onFire, why: { ...why, dueExplanation: explanation } });
      did.push(`${action.timerKind} timer started, fires ${local(fireAt)}`);
      return;
    }
    case 'cancel_timers':
      for (const timerKind of action.timerKinds) {
        dropPlannedTimers(decision, timerKind, `cancelled by ${by} later in the same event`);
        if (!decision.timerKindsToCancel.some((cancel) => cancel.timerKind === timerKind)) {
          decision.timerKindsToCancel.push({ timerKind, ...ref });
        }
      }
      // Whether one is pending is known when the decision is written: the answer lists those cancelled.
      did.push(`pending ${action.timerKinds.join(', ')} ${action.timerKinds.length === 1 ? 'timer' : 'timers'} cancelled, if any`);
      return;
    case 'send_email':
      decision.emails.push({ templateKey: action.templateKey, to: action.to, why });
      did.push(`e-mail from template ${action.templateKey} to ${recipientWords[action.to]}`);
      return;
    case 'notify':
      decision.notifications.push({ recipient: action.recipient, message: action.message, ...(taskId ? { taskId } : {}), why });
      did.push(`notification to ${assigneeWords[action.recipient]}: "${action.message}"`);
      return;
  }
}

function dropPlannedTimers(decision: Decision, timerKind: string, reason: string): void {
  for (const timer of decision.timersToStart.filter((planned) => planned.timerKind === timerKind)) {
    decision.skippedActions.push({ ...ruleRef(timer.why), action: 'start_timer', reason });
  }
  decision.timersToStart = decision.timersToStart.filter((planned) => planned.timerKind !== timerKind);
}
