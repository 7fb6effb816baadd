import { z } from 'zod';
import { Text } from '../schemas/text.schemas';
import { Currency, Money } from '../schemas/money.schemas';
import { PageCursorParam } from '../schemas/page-cursor';
import { IsoDuration } from '../rules/duration.schemas';
import { ProductIds, ProductRef } from '../products/products.schemas';


export const planStatuses = ['DRAFT', 'SUBMITTED', 'APPROVED', 'REJECTED', 'EXPIRED'] as const;
export type PlanStatus = (typeof planStatuses)[number];
export const PlanStatusEnum = z.enum(planStatuses).meta({ id: 'PlanStatus' });

/** A calendar day, YYYY-MM-DD, that exists (2026-02-30 does not). */
export const PlanDay = z.iso.date({ error: 'must be a date as YYYY-MM-DD' }).meta({ examples: ['2026-12-31'] });


const ApproverIds = z
  .array(z.uuid())
  .min(1)
  .max(20)
  .refine((ids) => new Set(ids).size === ids.length, { error: 'must not repeat an approver' })
  .meta({ description: 'Users who may approve or reject (any role; never the author). One approval is final' });

const planFields = {
  name: Text(200),
  description: Text(5000).nullable().optional(),
  periodStart: PlanDay.meta({ description: 'First day of the period' }),
  periodEnd: PlanDay.meta({ description: 'Last day of the period (inclusive): an approved plan expires when this UTC day ends' }),
  revenueTarget: Money.nullable().optional(),
  currency: Currency.nullable().optional().meta({ description: 'Currency of revenueTarget; EUR when a target is given without one' }),
  goals: z.array(Text(500)).max(50).optional().meta({ description: 'Qualitative goals' }),
  product: Text(200).nullable().optional(),
  productIds: ProductIds.optional(),
  approverIds: ApproverIds,
  remindAfter: IsoDuration.nullable().optional().meta({ description: 'Remind the approvers who have not answered after this long (ISO 8601 duration)' }),
};

export const CreateChildPlanRequest = z.strictObject(planFields).meta({ id: 'CreateChildPlanRequest' });
export type CreateChildPlanRequest = z.output<typeof CreateChildPlanRequest>;

export const CreatePlanRequest = z
  .strictObject({
    ...planFields,
    parentId: z.uuid().optional().meta({ description: 'The plan this one is a part of: its period must lie within the parent’s' }),
    quarterlyChildren: z.boolean().optional().meta({ description: 'Also create four quarterly child plans: the period split in quarters, the revenue target split evenly, the same approvers' }),
  })
  .meta({ id: 'CreatePlanRequest' });
export type CreatePlanRequest = z.output<typeof CreatePlanRequest>;

export const UpdatePlanRequest = z
  .strictObject({
    name: planFields.name.optional(),
    description: planFields.description,
    periodStart: planFields.periodStart.optional(),
    periodEnd: planFields.periodEnd.optional(),
    revenueTarget: planFields.revenueTarget,
    currency: planFields.currency,
    goals: planFields.goals,
    product: planFields.product,
    productIds: ProductIds.optional().meta({ description: 'Replaces the products the plan names' }),
    approverIds: ApproverIds.optional(),
    remindAfter: planFields.remindAfter,
  })
  .meta({ id: 'UpdatePlanRequest' });
export type UpdatePlanRequest = z.output<typeof UpdatePlanRequest>;

export const PlanIdParams = z.strictObject({ id: z.uuid() });

export const ApprovePlanRequest = z.strictObject({ comment: Text(500).optional() }).meta({ id: 'ApprovePlanRequest' });
export const RejectPlanRequest = z
  .strictObject({ reason: Text(500).meta({ description: 'Sent back to the author by notification and e-mail; kept in the history' }) })
  .meta({ id: 'RejectPlanRequest' });

export const ListPlansQuery = z.strictObject({
  status: PlanStatusEnum.optional(),
  active: z
    .enum(['true', 'false'])
    .transform((text) => text === 'true')
    .optional()
    .meta({ description: 'true: APPROVED plans whose period has not ended; false: every other plan' }),
  parentId: z
    .union([z.uuid(), z.literal('none')])
    .optional()
    .meta({ description: 'The children of this plan; `none`: top-level plans only' }),
  limit: z.coerce.number<string>().int().min(1).max(200).default(50),
  cursor: PageCursorParam.optional(),
});
export type ListPlansQuery = z.output<typeof ListPlansQuery>;

// ---- Answers ----

const iso = z.iso.datetime();

export const PlanSummary = z
  .object({
    id: z.uuid(),
    name: z.string(),
    description: z.string().nullable(),
    status: PlanStatusEnum,
    parentId: z.uuid().nullable(),
    periodStart: z.string(),
    periodEnd: z.string(),
    revenueTarget: z.number().nullable(),
    currency: z.string().nullable(),
    goals: z.array(z.string()),
    product: z.string().nullable(),
    approverIds: z.array(z.uuid()),
    remindAfter: z.string().nullable(),
    authorId: z.uuid(),
    submittedAt: iso.nullable(),
    decidedAt: iso.nullable(),
    decidedById: z.uuid().nullable(),
    decidedOnBehalf: z.boolean().meta({ description: 'An admin who is not an approver decided it on behalf of the approvers (decidedById is the admin)' }),
    rejectionReason: z.string().nullable(),
    expiredAt: iso.nullable(),
    createdAt: iso,
    updatedAt: iso,
  })
  .meta({ id: 'PlanSummary' });
export type PlanSummary = z.output<typeof PlanSummary>;

export const PlanPage = z.object({ items: z.array(PlanSummary), nextCursor: z.string().nullable() }).meta({ id: 'PlanPage' });
export type PlanPage = z.output<typeof PlanPage>;

const PlanLink = z.object({ id: z.uuid(), name: z.string(), status: PlanStatusEnum, periodStart: z.string(), periodEnd: z.string() });

export const PlanEventView = z
  .object({ id: z.uuid(), kind: z.string(), message: z.string(), details: z.unknown(), byUserId: z.uuid().nullable(), at: iso })
  .meta({ id: 'PlanEvent' });

export const PlanView = PlanSummary.extend({
  workflowId: z.string().nullable().meta({ description: 'The id of the plan’s workflow in Temporal (approval routing and expiry); null for a draft never submitted, which has none' }),
  parent: PlanLink.nullable(),
  children: z.array(PlanLink),
  objectives: z.object({
    count: z.number().int(),
    items: z.array(z.object({ id: z.uuid(), name: z.string(), kind: z.string(), target: z.number(), unit: z.string(), appliesToAll: z.boolean() })),
  }),
  accountsApplied: z.number().int().meta({ description: 'Accounts the plan was applied to' }),
  products: z.array(ProductRef).meta({ description: 'Products of the catalog the plan names, by code' }),
  history: z.array(PlanEventView).meta({ description: 'The newest 100 events, newest first' }),
}).meta({ id: 'Plan' });
export type PlanView = z.output<typeof PlanView>;
