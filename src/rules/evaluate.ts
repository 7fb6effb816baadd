import type { Action, TimerAction } from './action.schemas';
import { type Step, applyAction } from './actions';
import {
  type Decision,
  emptyDecision,
  type EvaluationContext,
  type NextStep,
  type RuleEvent,
  type RuleRef,
  ruleRef,
  type Why,
} from './decision';
import { AppError } from '../errors/app-error';
import { conditionHolds, describeCondition, describeEvent, type StepEvent, triggerMatches } from './match';
import { describeUnmetCondition } from './unmet-condition';
import type { Status } from './lifecycle';
import type { VersionedRule } from './rule.schemas';

export type * from './decision';
export { emptyDecision } from './decision';
export type { VersionedRule } from './rule.schemas';

/**
 * How many status_entered steps one event may cause (so at most this many status changes);
 * more means status_entered rules that chase each other.
 */
export const maxCascadeDepth = 5;

interface Run {
  rules: VersionedRule[];
  context: EvaluationContext;
  decision: Decision;
  nextStep?: NextStep;
  taskId?: string;
  cause: string;
}

/**
 * Decides what an event does to an account: which rules match (priority, then key), the
 * status they set (the first set_status of a step wins; later ones are skipped with a
 * reason), and the tasks, timers, e-mails and notifications they plan. A status change is
 * evaluated in turn as a status_entered event. Pure: reads no clock but `context.now`.
 */
export function evaluateRules(rules: VersionedRule[], event: RuleEvent, context: EvaluationContext): Decision {
  const run: Run = {
    rules: inOrder(rules),
    context,
    decision: emptyDecision(context.account.status),
    nextStep: event.kind === 'activity_logged' ? event.activity.nextStep : undefined,
    taskId: event.kind === 'task_overdue' ? event.task.id : undefined,
    cause: describeEvent(event, context),
  };
  cascade(run, runStep(run, event, 0));
  return run.decision;
}

/**
 * A timer's origin: the rule version that started it, which keeps answering for its actions.
 * A PlannedTimer's `why` fits (its conditions are those that held when the timer started).
 */
export interface TimerOrigin extends RuleRef {
  timerKind?: string;
  conditions?: string[];
}

/**
 * What a fired timer does, with due dates counted from `context.now`. With `rules`, a status
 * it sets cascades through status_entered rules as in evaluateRules.
 */
export function applyTimerActions(
  onFire: TimerAction[],
  context: EvaluationContext,
  origin: TimerOrigin,
  rules: VersionedRule[] = [],
): Decision {
  const timer = origin.timerKind ? `timer ${origin.timerKind}` : 'a timer';
  const trigger = `${timer} fired (started by rule ${origin.ruleKey} v${origin.ruleVersion})`;
  const run: Run = { rules: inOrder(rules), context, decision: emptyDecision(context.account.status), cause: trigger };
  const step = newStep(run, trigger, 0);
  const why: Why = { ...ruleRef(origin), trigger, conditions: origin.conditions ?? [] };
  run.decision.matchedRules.push({ ...why, depth: 0 });
  const did: string[] = [];
  run.decision.verdicts.push({ ...why, depth: 0, applied: true, setsStatus: statusSetBy(onFire), failedConditions: [], did });
  for (const action of onFire) applyAction(action, { context, decision: run.decision, step, why, did });
  cascade(run, step);
  return run.decision;
}

function runStep(run: Run, event: StepEvent, depth: number): Step {
  const step = newStep(run, describeEvent(event, run.context), depth);
  for (const rule of run.rules) {
    if (!triggerMatches(rule.trigger, event, run.context)) continue;
    const held = rule.conditions.filter((condition) => conditionHolds(condition, step.facts));
    const conditions = held.map((condition) => describeCondition(condition, step.facts));
    const ref = { ruleId: rule.id, ruleKey: rule.key, ruleVersion: rule.version };
    const setsStatus = statusSetBy(rule.actions);
    if (held.length < rule.conditions.length) {
      // Every condition that failed, not only the first: the manager learns all that is missing at once.
      const failedConditions = rule.conditions.filter((condition) => !held.includes(condition)).map((condition) => describeUnmetCondition(condition, step.facts));
      run.decision.verdicts.push({ ...ref, depth, trigger: step.trigger, applied: false, setsStatus, conditions, failedConditions, did: [] });
      continue;
    }
    const why: Why = { ...ref, trigger: step.trigger, conditions };
    run.decision.matchedRules.push({ ...why, depth });
    const did: string[] = [];
    run.decision.verdicts.push({ ...why, depth, applied: true, setsStatus, failedConditions: [], did });
    for (const action of rule.actions) {
      applyAction(action, { context: run.context, decision: run.decision, step, why, nextStep: run.nextStep, taskId: run.taskId, did });
    }
  }
  return step;
}

function statusSetBy(actions: (Action | TimerAction)[]): Status | null {
  return actions.find((action) => action.kind === 'set_status')?.status ?? null;
}

function cascade(run: Run, first: Step): void {
  for (let step = first; step.statusSetBy; ) {
    const { to, ...setBy } = step.statusSetBy;
    if (step.depth + 1 > maxCascadeDepth) {
      const chain = [run.context.account.status, ...run.decision.statusChanges.map((change) => change.to)].join(' → ');
      throw new AppError(
        'RULE_VIOLATION',
        `The rules changed the status more than ${maxCascadeDepth} times for one event (${chain}): status_entered rules lead into each other`,
        run.decision.statusChanges.map((change) => ({ message: `${change.from} → ${change.to} by rule ${change.ruleKey} v${change.ruleVersion}` })),
      );
    }
    const entered: StepEvent = { kind: 'status_entered', status: to, from: step.facts.status, setBy, cause: run.cause };
    step = runStep(run, entered, step.depth + 1);
  }
}

function newStep(run: Run, trigger: string, depth: number): Step {
  const { account } = run.context;
  const status = run.decision.finalStatus;
  const wasClient =
    account.wasClient || account.status === 'CLIENT' || run.decision.statusChanges.some((change) => change.to === 'CLIENT');
  return { facts: { status, wasClient, nextStepGiven: run.nextStep !== undefined, account }, trigger, depth };
}

// Code-point order, not localeCompare: the order must not depend on the machine's locale.
function inOrder(rules: VersionedRule[]): VersionedRule[] {
  const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return rules
    .filter((rule) => rule.enabled)
    .sort((a, b) => a.priority - b.priority || compare(a.key, b.key) || a.version - b.version || compare(a.id, b.id));
}
