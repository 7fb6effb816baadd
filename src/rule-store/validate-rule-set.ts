import type { ErrorDetail } from '../errors/app-error';
import type { RuleDefinition } from '../rules/rule.schemas';

/** One edge of the graph "status entered → status set": entering `from`, rule `ruleKey` sets `to`. */
export interface StatusStep {
  from: string;
  to: string;
  ruleKey: string;
  actionIndex: number;
}

type RuleShape = Pick<RuleDefinition, 'key' | 'enabled' | 'trigger' | 'actions'>;

// Only set_status actions of the rule itself count: a timer's set_status happens later, as a
// separate event, so a cycle through timers is a slow cycle the engine survives, not a loop.
function stepsOf(rule: RuleShape): StatusStep[] {
  if (rule.enabled === false || rule.trigger.kind !== 'status_entered') return [];
  const entered = rule.trigger.statuses;
  return rule.actions.flatMap((action, actionIndex) =>
    action.kind === 'set_status' ? entered.map((from) => ({ from, to: action.status, ruleKey: rule.key, actionIndex })) : [],
  );
}

/** The shortest chain of steps from `start` to `goal`, or undefined when there is none. */
function chain(steps: readonly StatusStep[], start: string, goal: string): StatusStep[] | undefined {
  if (start === goal) return [];
  const cameBy = new Map<string, StatusStep>();
  const queue = [start];
  for (let status = queue.shift(); status !== undefined; status = queue.shift()) {
    for (const step of steps.filter((candidate) => candidate.from === status)) {
      if (step.to === start || cameBy.has(step.to)) continue;
      cameBy.set(step.to, step);
      if (step.to === goal) {
        const path: StatusStep[] = [];
        for (let at: StatusStep | undefined = step; at; at = at.from === start ? undefined : cameBy.get(at.from)) path.unshift(at);
        return path;
      }
      queue.push(step.to);
    }
  }
  return undefined;
}

/**
 * A status_entered loop through `changed` once it replaces the rule of the same key in
 * `current`, as a list of steps, or undefined. Only loops through the changed rule count, so
 * a loop already stored (written around the API) cannot block an unrelated edit, and an edit
 * that breaks it is accepted.
 */
export function findStatusLoop(current: readonly RuleShape[], changed: RuleShape): StatusStep[] | undefined {
  const rules = [...current.filter((rule) => rule.key !== changed.key), changed];
  const steps = rules.flatMap(stepsOf);
  for (const step of stepsOf(changed)) {
    const back = chain(steps, step.to, step.from);
    if (back) return [step, ...back];
  }
  return undefined;
}

export const describeLoop = (loop: readonly StatusStep[]) =>
  loop.map((step) => `entering ${step.from}, rule ${step.ruleKey} sets ${step.to}`).join('; then ');

/**
 * The problems of the whole rule set after `changed` is written, as error details on the part of
 * the request that holds it (`at`: the body of POST/PUT, or `body.rules.3` of a dry run).
 */
export function ruleSetProblems(current: readonly RuleShape[], changed: RuleShape, at = 'body'): ErrorDetail[] {
  const loop = findStatusLoop(current, changed);
  if (!loop) return [];
  return [{ path: `${at}.actions.${loop[0].actionIndex}.status`, message: `status_entered rules would loop for ever: ${describeLoop(loop)}` }];
}
