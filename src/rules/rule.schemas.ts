import { z } from 'zod';
import { Action } from './action.schemas';
import { Slug } from './slug';
import { Condition, Trigger } from './trigger.schemas';

export * from './action.schemas';
export * from './duration.schemas';
export * from './trigger.schemas';

/** A rule as an admin writes it. Rules are data: the engine in evaluate.ts interprets them. */
export const RuleDefinition = z
  .strictObject({
    key: Slug.meta({ description: 'Stable across versions: an edit keeps the key and makes a new version' }),
    name: z.string().trim().min(1).max(200),
    description: z.string().trim().max(2000).optional(),
    enabled: z.boolean().default(true),
    priority: z.int().min(0).max(10_000).default(100).meta({ description: 'Lower runs first; ties run by key' }),
    trigger: Trigger,
    conditions: z.array(Condition).default([]).meta({ description: 'All must hold' }),
    actions: z.array(Action).min(1, { error: 'a rule must do at least one thing' }),
  })
  .superRefine((rule, ctx) => {
    const problem = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    const statusActions = rule.actions.flatMap((action, index) => (action.kind === 'set_status' ? [{ action, index }] : []));
    // The engine keeps the first status an event sets; a second one here could never apply.
    if (statusActions.length > 1) problem(['actions', statusActions[1].index], 'a rule sets at most one status');
    if (rule.trigger.kind === 'status_entered') {
      const entered: readonly string[] = rule.trigger.statuses;
      for (const { action, index } of statusActions) {
        if (entered.includes(action.status)) {
          problem(['actions', index, 'status'], `entering ${action.status} would trigger this rule again: a loop`);
        }
      }
    }
    if (rule.trigger.kind === 'task_overdue') {
      // An overdue task is not an activity: there is no next step to read.
      rule.actions.forEach((action, index) => {
        if (action.kind === 'create_next_step_task') problem(['actions', index], 'an overdue task has no next step: use create_task');
      });
      rule.conditions.forEach((condition, index) => {
        if (condition.kind === 'next_step_given') problem(['conditions', index], 'an overdue task has no next step to test');
      });
    }
  })
  .meta({ id: 'RuleDefinition' });
export type RuleDefinition = z.output<typeof RuleDefinition>;
/** The input form, where defaults may be left out (what an admin POSTs). */
export type RuleDefinitionInput = z.input<typeof RuleDefinition>;

/** A stored rule: decisions name the exact version that produced them. */
export type VersionedRule = RuleDefinition & { id: string; version: number };
