import { z } from 'zod';
import { Status } from '../rules/lifecycle';
import { RuleDefinition } from '../rules/rule.schemas';

export const maxDryRunDays = 365;
export const defaultDryRunDays = 90;
/** The differing accounts an answer lists; totals count them all. */
export const maxDryRunAccounts = 200;

export const RuleDryRunRequest = z
  .strictObject({
    rules: z
      .array(RuleDefinition)
      .max(100)
      .meta({ description: 'Changed or new rule definitions, as POST /rules takes them: each replaces the current rule of its key, or adds one. Empty: the current set as it is' }),
    days: z
      .int()
      .min(1)
      .max(maxDryRunDays)
      .default(defaultDryRunDays)
      .meta({ description: `How many days back the replay starts (default ${defaultDryRunDays}, at most ${maxDryRunDays})` }),
  })
  .superRefine((request, ctx) => {
    const first = new Map<string, number>();
    request.rules.forEach((rule, index) => {
      const earlier = first.get(rule.key);
      if (earlier === undefined) first.set(rule.key, index);
      else ctx.addIssue({ code: 'custom', path: ['rules', index, 'key'], message: `rule ${rule.key} is already given at rules.${earlier}: one definition per key` });
    });
  })
  .meta({ id: 'RuleDryRunRequest' });
export type RuleDryRunRequest = z.output<typeof RuleDryRunRequest>;

const Count = z.int().min(0);

export const DryRunOutcome = z
  .object({
    status: Status.meta({ description: 'The status at the end of the window' }),
    tasks: Count.meta({ description: 'Tasks the rules created in the window' }),
    timers: Count.meta({ description: 'Timers the rules started in the window (re-contacts, overdue checks)' }),
    emails: Count.meta({ description: "E-mails the rules put in the outbox in the window (a template's, or a notification's)" }),
  })
  .meta({ id: 'RuleDryRunOutcome' });
export type DryRunOutcome = z.output<typeof DryRunOutcome>;

export const DryRunAccount = z
  .object({
    accountId: z.uuid(),
    accountName: z.string(),
    actual: DryRunOutcome.meta({ description: 'What really happened in the window' }),
    proposed: DryRunOutcome.meta({ description: 'What the proposed rule set would have done with the same activities' }),
    differences: z.array(z.string()).meta({ description: "In words, e.g. \"status: actual CLIENT, proposed REFUSED\", \"tasks: 2 actual, 1 proposed (no FOLLOW_UP from rule 'x')\"" }),
  })
  .meta({ id: 'RuleDryRunAccount' });
export type DryRunAccount = z.output<typeof DryRunAccount>;

const ActualAndProposed = z.object({ actual: Count, proposed: Count });

export const RuleDryRunResult = z
  .object({
    window: z.object({ from: z.iso.datetime(), to: z.iso.datetime() }).meta({ description: 'What was replayed: logged from `from` (included) to `to` (excluded, the time of the request)' }),
    replayed: z.object({
      accounts: Count.meta({ description: 'Accounts with a logged activity or a fired timer in the window' }),
      activities: Count.meta({ description: 'Activities logged in the window, replayed in the order they were applied' }),
      timerFirings: Count.meta({ description: 'Timers that really fired in the window (the replay fires the timers the proposed rules would have had)' }),
    }),
    totals: z.object({
      accountsDiffering: Count,
      statusDiffers: Count.meta({ description: 'Accounts whose status at the end of the window would differ' }),
      tasks: ActualAndProposed,
      timers: ActualAndProposed,
      emails: ActualAndProposed,
    }),
    accounts: z.array(DryRunAccount).meta({ description: `The accounts that would differ, by id, at most ${maxDryRunAccounts}` }),
    truncated: z.boolean().meta({ description: `More than ${maxDryRunAccounts} accounts differ: the totals count them all` }),
  })
  .meta({ id: 'RuleDryRunResult' });
export type RuleDryRunResult = z.output<typeof RuleDryRunResult>;
