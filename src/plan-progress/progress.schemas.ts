import { z } from 'zod';
import { ProductFigures } from '../products/products.schemas';

export const planStatuses = ['DRAFT', 'SUBMITTED', 'APPROVED', 'REJECTED', 'EXPIRED'] as const;
const PlanStatusView = z.enum(planStatuses);
const Day = z.iso.date();
const count = z.number().int();
const ratio = z.number().nullable().meta({ description: 'done / target, rounded to 4 decimals; null when the target is 0 or not set' });

export const ObjectiveIdParams = z.strictObject({ id: z.uuid() });
export const PlanIdParams = z.strictObject({ id: z.uuid() });

export const ObjectiveProgressQuery = z.strictObject({
  limit: z.coerce.number<string>().int().min(1).max(1000).default(100).meta({ description: 'How many accounts perAccount lists (accountCount gives them all)' }),
  order: z.enum(['done_desc', 'done_asc']).default('done_desc').meta({ description: 'done_desc: the accounts that did most first; done_asc: the laggards first' }),
});
export type ObjectiveProgressQuery = z.output<typeof ObjectiveProgressQuery>;

export const ObjectiveProgress = z
  .object({
    objectiveId: z.uuid(),
    planId: z.uuid(),
    name: z.string(),
    kind: z.string(),
    appliesToAll: z.boolean(),
    target: z.number(),
    unit: z.string(),
    done: count.meta({ description: 'Applied activities linked to the objective, on any account' }),
    ratio,
    accountCount: count.meta({ description: 'Accounts the objective applies to (objective_accounts, or every account not archived when appliesToAll); a manager counts the accounts they may see' }),
    perAccount: z
      .array(z.object({ accountId: z.uuid(), accountName: z.string(), done: count }))
      .meta({ description: 'At most `limit` of those accounts, in `order` (then by name)' }),
    perProduct: z.array(ProductFigures).meta({ description: "The objective's products on the deals linked to it or to its plan, per currency, by code" }),
  })
  .meta({ id: 'ObjectiveProgress' });
export type ObjectiveProgress = z.output<typeof ObjectiveProgress>;

const Revenue = z
  .object({
    currency: z.string(),
    won: z.number().meta({ description: 'Sum of WON opportunities' }),
    pipeline: z.number().meta({ description: 'Sum of open opportunities (PROSPECTING to NEGOTIATION)' }),
    opportunities: count,
  })
  .meta({ id: 'PlanRevenue' });

const planFigures = {
  revenueTarget: z.number().nullable(),
  currency: z.string().nullable(),
  revenue: Revenue.nullable().meta({ description: "Opportunities linked to the plan or any plan below it, in the plan's currency; null when the plan has no currency" }),
  revenueInOtherCurrencies: z.array(Revenue).meta({ description: 'Linked opportunities in other currencies (never converted)' }),
  ratio: z.number().nullable().meta({ description: 'revenue.won / revenueTarget, rounded to 4 decimals; null without a target' }),
  accountsApplied: count.meta({ description: 'Accounts the plan was applied to (plan_accounts)' }),
};

const PlanHeader = {
  id: z.uuid(),
  name: z.string(),
  status: PlanStatusView,
  periodStart: Day,
  periodEnd: Day,
};

export const PlanReport = z
  .object({
    ...PlanHeader,
    parentId: z.uuid().nullable(),
    ...planFigures,
    objectives: z.array(
      z.object({ id: z.uuid(), name: z.string(), kind: z.string(), appliesToAll: z.boolean(), target: z.number(), unit: z.string(), done: count, ratio }),
    ),
    children: z.array(z.object({ ...PlanHeader, ...planFigures, objectiveCount: count })).meta({ description: 'Child plans (for example the quarters), earliest first' }),
    perProduct: z
      .array(ProductFigures)
      .meta({ description: 'Products on the deals linked to the plan or any plan below it, and the products the plan or its objectives name, per currency, by code' }),
  })
  .meta({ id: 'PlanReport' });
export type PlanReport = z.output<typeof PlanReport>;

// ---- On the account page ----

export const AccountPlanView = z
  .object({ ...PlanHeader, appliedAt: z.iso.datetime() })
  .meta({ id: 'AccountPlan', description: 'A plan applied to the account' });
export type AccountPlanView = z.output<typeof AccountPlanView>;

export const AccountObjectiveView = z
  .object({
    id: z.uuid(),
    name: z.string(),
    kind: z.string(),
    target: z.number(),
    unit: z.string(),
    planId: z.uuid(),
    planName: z.string(),
    planStatus: PlanStatusView,
    appliesToAll: z.boolean(),
    done: count.meta({ description: 'Applied activities of this account linked to the objective' }),
  })
  .meta({ id: 'AccountObjective', description: 'An objective applied to the account, or one that applies to all accounts (of a plan neither EXPIRED nor REJECTED)' });
export type AccountObjectiveView = z.output<typeof AccountObjectiveView>;
