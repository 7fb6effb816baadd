import { z } from 'zod';
import { IsoDuration } from '../rules/duration.schemas';
import { PageCursorParam } from '../schemas/page-cursor';
import { Text } from '../schemas/text.schemas';

// Requests to schedule a campaign or event planned over the funds its budget gave it.

export const budgetOverrunStatuses = ['PENDING', 'APPROVED', 'REJECTED', 'CANCELLED'] as const;
export const BudgetOverrunStatus = z
  .enum(budgetOverrunStatuses)
  .meta({ id: 'BudgetOverrunStatus', description: 'PENDING: waiting for the budget’s owner; APPROVED: the work may be scheduled at up to the planned cost; REJECTED; CANCELLED by who asked' });

export const CreateBudgetOverrunRequest = z
  .strictObject({
    campaignId: z.uuid().optional(),
    eventId: z.uuid().optional(),
    reason: Text(2000).meta({ examples: ['The venue costs more this year'] }),
    remindAfter: IsoDuration.optional().meta({ description: 'Remind the approvers who have not answered after this long (ISO 8601 duration)' }),
  })
  .refine((body) => (body.campaignId === undefined) !== (body.eventId === undefined), { error: 'give campaignId or eventId, one of them', path: ['campaignId'] })
  .meta({ id: 'CreateBudgetOverrunRequest' });
export type CreateBudgetOverrunRequest = z.output<typeof CreateBudgetOverrunRequest>;

export const BudgetOverrunIdParams = z.strictObject({ id: z.uuid() });

export const ListBudgetOverrunsQuery = z.strictObject({
  status: BudgetOverrunStatus.optional(),
  budgetId: z.uuid().optional().meta({ description: 'Only overruns of work this budget funds' }),
  campaignId: z.uuid().optional(),
  eventId: z.uuid().optional(),
  cursor: PageCursorParam.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListBudgetOverrunsQuery = z.output<typeof ListBudgetOverrunsQuery>;

const Person = z.object({ id: z.uuid(), name: z.string() }).meta({ id: 'BudgetOverrunPerson' });
const money = z.string().meta({ description: 'A decimal amount with two places' });
const iso = z.iso.datetime();

export const BudgetOverrunView = z
  .object({
    id: z.uuid(),
    status: BudgetOverrunStatus,
    work: z.object({ kind: z.enum(['campaign', 'event']), id: z.uuid(), name: z.string() }),
    budget: z.object({ id: z.uuid(), name: z.string(), owner: Person }),
    planned: money.meta({ description: 'What the work planned to cost when asked' }),
    allocated: money.meta({ description: 'What its budget gave it when asked' }),
    over: money.meta({ description: 'planned − allocated' }),
    currency: z.string(),
    reason: z.string(),
    approvers: z.array(Person).meta({ description: 'Who may decide: the budget’s owner and the owner’s manager, those active' }),
    requestedBy: Person,
    requestedAt: iso,
    remindAfter: z.string().nullable(),
    decidedBy: Person.nullable(),
    decidedAt: iso.nullable(),
    decidedOnBehalf: z.boolean(),
    comment: z.string().nullable(),
    workflowId: z.string().meta({ description: 'Its approval workflow in the Temporal UI' }),
  })
  .meta({ id: 'BudgetOverrunView' });
export type BudgetOverrunView = z.output<typeof BudgetOverrunView>;

export const BudgetOverrunList = z
  .object({ items: z.array(BudgetOverrunView).meta({ description: 'Newest request first' }), nextCursor: z.string().nullable() })
  .meta({ id: 'BudgetOverrunList' });
export type BudgetOverrunList = z.output<typeof BudgetOverrunList>;

export const WorkFundingQuery = z
  .strictObject({ campaignId: z.uuid().optional(), eventId: z.uuid().optional() })
  .refine((query) => (query.campaignId === undefined) !== (query.eventId === undefined), { error: 'give campaignId or eventId, one of them', path: ['campaignId'] });
export type WorkFundingQuery = z.output<typeof WorkFundingQuery>;

export const WorkFundingView = z
  .object({
    budget: z.object({ id: z.uuid(), name: z.string() }).nullable().meta({ description: 'The budget that funds it; null: not funded, never checked' }),
    currency: z.string().nullable(),
    planned: money.nullable().meta({ description: 'What it plans to cost, as the budget figures count it' }),
    allocated: money.nullable().meta({ description: 'What its budget gave it' }),
    over: money.nullable().meta({ description: 'planned − allocated when above 0, else 0.00' }),
    policy: z.enum(['APPROVAL', 'REFUSE']).meta({ description: 'The budget settings for work over its funding' }),
    approvedUpTo: money.nullable().meta({ description: 'The planned cost an APPROVED overrun covers, if any' }),
    pending: BudgetOverrunView.nullable().meta({ description: 'The overrun request waiting, if any' }),
    schedulable: z.boolean().meta({ description: 'Whether the budget lets it be scheduled now' }),
    canAsk: z.boolean().meta({ description: 'Whether an overrun may be asked now (over, APPROVAL, none waiting, not covered)' }),
    explanation: z.string().meta({ description: 'The same in words' }),
  })
  .meta({ id: 'WorkFundingView' });
export type WorkFundingView = z.output<typeof WorkFundingView>;
