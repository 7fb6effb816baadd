import { z } from 'zod';
import { IsoDuration } from '../rules/duration.schemas';
import { Money } from '../schemas/money.schemas';
import { PageCursorParam } from '../schemas/page-cursor';
import { Text } from '../schemas/text.schemas';

// Transfers of funds between two budgets, each side approved by its owner or the owner's manager.

export const budgetTransferStatuses = ['PENDING', 'APPLIED', 'REJECTED', 'CANCELLED'] as const;
export const BudgetTransferStatus = z
  .enum(budgetTransferStatuses)
  .meta({ id: 'BudgetTransferStatus', description: 'PENDING: waiting for approvals; APPLIED: the funds moved; REJECTED by an approver; CANCELLED by who asked' });

export const CreateBudgetTransferRequest = z
  .strictObject({
    fromBudgetId: z.uuid().meta({ description: 'The budget that gives: it must have the amount unallocated' }),
    toBudgetId: z.uuid().meta({ description: 'The budget that receives, in the same currency' }),
    amount: Money.refine((amount) => amount > 0, { error: 'more than 0' }),
    reason: Text(2000).meta({ examples: ['The spring fair costs more than planned'] }),
    remindAfter: IsoDuration.optional().meta({ description: 'Remind the approvers who have not answered after this long (ISO 8601 duration)' }),
  })
  .refine((body) => body.fromBudgetId !== body.toBudgetId, { error: 'a transfer needs two different budgets', path: ['toBudgetId'] })
  .meta({ id: 'CreateBudgetTransferRequest' });
export type CreateBudgetTransferRequest = z.output<typeof CreateBudgetTransferRequest>;

export const BudgetTransferIdParams = z.strictObject({ id: z.uuid() });

export const ListBudgetTransfersQuery = z.strictObject({
  status: BudgetTransferStatus.optional(),
  budgetId: z.uuid().optional().meta({ description: 'Only transfers from or to this budget' }),
  cursor: PageCursorParam.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListBudgetTransfersQuery = z.output<typeof ListBudgetTransfersQuery>;

const Person = z.object({ id: z.uuid(), name: z.string() }).meta({ id: 'BudgetTransferPerson' });
const iso = z.iso.datetime();

const Side = z
  .object({
    budgetId: z.uuid(),
    budgetName: z.string(),
    owner: Person,
    approvers: z.array(Person).meta({ description: 'Who may approve this side: the owner and the owner’s manager, those active' }),
    approvedBy: Person.nullable(),
    approvedAt: iso.nullable(),
  })
  .meta({ id: 'BudgetTransferSide' });

export const BudgetTransferView = z
  .object({
    id: z.uuid(),
    status: BudgetTransferStatus,
    amount: z.string().meta({ description: 'A decimal amount with two places' }),
    currency: z.string(),
    reason: z.string(),
    from: Side,
    to: Side,
    requestedBy: Person,
    requestedAt: iso,
    remindAfter: z.string().nullable(),
    decidedBy: Person.nullable(),
    decidedAt: iso.nullable(),
    decidedOnBehalf: z.boolean().meta({ description: 'An admin decided on behalf of the approvers' }),
    comment: z.string().nullable().meta({ description: 'The reason of a rejection or cancellation, or a comment of the approval' }),
    workflowId: z.string().nullable().meta({ description: 'Its approval workflow in the Temporal UI; null when applied at once' }),
  })
  .meta({ id: 'BudgetTransferView' });
export type BudgetTransferView = z.output<typeof BudgetTransferView>;

export const BudgetTransferList = z
  .object({ items: z.array(BudgetTransferView).meta({ description: 'Newest request first' }), nextCursor: z.string().nullable() })
  .meta({ id: 'BudgetTransferList' });
export type BudgetTransferList = z.output<typeof BudgetTransferList>;
