import { z } from 'zod';
import { Currency, Money } from '../schemas/money.schemas';
import { Text } from '../schemas/text.schemas';

// What the budgets API takes and answers: the budget tree, its allocations to campaigns and events,
// the checkbook and merges.

const Day = z.iso
  .date()
  .refine((day) => day >= '1900-01-01' && day <= '2999-12-31', { error: 'a day between 1900-01-01 and 2999-12-31' })
  .meta({ description: 'A day, YYYY-MM-DD', examples: ['2027-01-01'] });
const money = z.string().meta({ description: 'A decimal amount with two places, such as "1500.00"' });

const periodOrder = (body: { periodStart?: string; periodEnd?: string }, ctx: z.RefinementCtx) => {
  if (body.periodStart && body.periodEnd && body.periodEnd < body.periodStart) ctx.addIssue({ code: 'custom', path: ['periodEnd'], message: 'must not be before periodStart' });
};

export const CreateBudgetRequest = z
  .strictObject({
    name: Text(200).meta({ examples: ['Marketing FY2027', 'EMEA', 'Product line A'] }),
    description: Text(2000).optional(),
    parentId: z.uuid().optional().meta({ description: 'The budget that allocates its funds to this one; none: a new tree' }),
    ownerId: z.uuid().meta({ description: 'Who answers for it (an active user)' }),
    currency: Currency.optional().meta({ description: "A tree's one currency: required for a root; a sub-budget has its root's (giving another is refused)" }),
    periodStart: Day,
    periodEnd: Day,
    amount: Money.meta({ description: "Its funds: a root's total; a sub-budget's, allocated from its parent (not more than the parent has left: 409)" }),
  })
  .superRefine(periodOrder)
  .meta({ id: 'CreateBudgetRequest' });
export type CreateBudgetRequest = z.output<typeof CreateBudgetRequest>;

export const UpdateBudgetRequest = z
  .strictObject({
    name: Text(200).optional(),
    description: Text(2000).nullable().optional().meta({ description: 'null clears it' }),
    ownerId: z.uuid().optional(),
    periodStart: Day.optional(),
    periodEnd: Day.optional(),
    amount: Money.optional().meta({ description: 'More: taken from the parent (409 when it has not enough left); less: not below what it allocated (409)' }),
  })
  .superRefine(periodOrder)
  .refine((body) => Object.values(body).some((value) => value !== undefined), { error: 'nothing to change: give name, description, ownerId, periodStart, periodEnd or amount' })
  .meta({ id: 'UpdateBudgetRequest' });
export type UpdateBudgetRequest = z.output<typeof UpdateBudgetRequest>;

export const BudgetIdParams = z.strictObject({ id: z.uuid() });
export const BudgetEntryParams = z.strictObject({ id: z.uuid(), entryId: z.uuid() });
export const BudgetAllocationParams = z.strictObject({ id: z.uuid(), allocationId: z.uuid() });

export const SetAllocationRequest = z
  .strictObject({
    campaignId: z.uuid().optional(),
    eventId: z.uuid().optional(),
    amount: Money.meta({ description: 'The funds it gets from this budget (replacing what it had); 0 keeps it funded by this budget with nothing' }),
  })
  .refine((body) => (body.campaignId === undefined) !== (body.eventId === undefined), { error: 'give campaignId or eventId, one of them', path: ['campaignId'] })
  .meta({ id: 'SetBudgetAllocationRequest' });
export type SetAllocationRequest = z.output<typeof SetAllocationRequest>;


export const entryStates = ['COMMITTED', 'ACTUAL'] as const;
export const EntryState = z.enum(entryStates).meta({ id: 'BudgetEntryState', description: 'COMMITTED: ordered, not invoiced yet; ACTUAL: spent' });

export const CreateEntryRequest = z
  .strictObject({
    supplier: Text(200),
    date: Day,
    category: Text(100).optional().meta({ examples: ['print', 'venue', 'media'] }),
    reference: Text(100).optional().meta({ description: 'The invoice or order number', examples: ['INV-2027-0042'] }),
    description: Text(2000).optional(),
    amount: Money,
    state: EntryState,
    campaignId: z.uuid().optional().meta({ description: 'A campaign this budget funds' }),
    eventId: z.uuid().optional().meta({ description: 'An event this budget funds' }),
  })
  .refine((body) => !(body.campaignId && body.eventId), { error: 'give campaignId or eventId, not both', path: ['eventId'] })
  .meta({ id: 'CreateBudgetEntryRequest' });
export type CreateEntryRequest = z.output<typeof CreateEntryRequest>;

export const UpdateEntryRequest = z
  .strictObject({
    supplier: Text(200).optional(),
    date: Day.optional(),
    category: Text(100).nullable().optional(),
    reference: Text(100).nullable().optional(),
    description: Text(2000).nullable().optional(),
    amount: Money.optional(),
    state: EntryState.optional().meta({ description: 'COMMITTED → ACTUAL when the invoice arrives' }),
  })
  .refine((body) => Object.values(body).some((value) => value !== undefined), { error: 'nothing to change' })
  .meta({ id: 'UpdateBudgetEntryRequest' });
export type UpdateEntryRequest = z.output<typeof UpdateEntryRequest>;

export const MergeBudgetRequest = z
  .strictObject({ intoId: z.uuid().meta({ description: 'The budget that takes everything: a sibling (same parent), or another root' }) })
  .meta({ id: 'MergeBudgetRequest' });
export type MergeBudgetRequest = z.output<typeof MergeBudgetRequest>;

export const BudgetFigures = z
  .object({
    amount: money.meta({ description: 'Its funds' }),
    allocatedToBudgets: money.meta({ description: 'Given to its sub-budgets' }),
    allocatedToWork: money.meta({ description: 'Given to campaigns and events' }),
    unallocated: money.meta({ description: 'amount − allocatedToBudgets − allocatedToWork (never below 0)' }),
    committed: money.meta({ description: 'Rolled up over its sub-tree: planned event costs not yet actual, and COMMITTED entries' }),
    spent: money.meta({ description: 'Rolled up: sub-source costs of funded campaigns, actual event costs, ACTUAL entries' }),
    remaining: money.meta({ description: 'amount − committed − spent (below 0: overspent)' }),
    revenue: money.meta({ description: "Rolled up: WON opportunities in the budget's currency linked to the sub-sources of funded campaigns, as the campaign return counts them" }),
    roi: z.number().nullable().meta({ description: '(revenue − spent) / spent, 4 places; null while nothing is spent' }),
  })
  .meta({ id: 'BudgetFigures' });
export type BudgetFigures = z.output<typeof BudgetFigures>;

export const BudgetNode = z
  .object({
    id: z.uuid(),
    name: z.string(),
    description: z.string().nullable(),
    parentId: z.uuid().nullable(),
    ownerId: z.uuid(),
    ownerName: z.string(),
    currency: z.string(),
    periodStart: z.string(),
    periodEnd: z.string(),
    depth: z.number().int().meta({ description: '0 for a root' }),
    figures: BudgetFigures,
  })
  .meta({ id: 'BudgetNode' });
export type BudgetNode = z.output<typeof BudgetNode>;

export const BudgetTree = z
  .object({ items: z.array(BudgetNode).meta({ description: 'Every budget not merged away, each tree depth first (a parent before its children, siblings by name)' }) })
  .meta({ id: 'BudgetTree' });
export type BudgetTree = z.output<typeof BudgetTree>;

export const BudgetAllocationView = z
  .object({
    id: z.uuid(),
    budgetId: z.uuid(),
    campaignId: z.uuid().nullable(),
    eventId: z.uuid().nullable(),
    name: z.string().meta({ description: "The campaign's or event's name" }),
    amount: money,
  })
  .meta({ id: 'BudgetAllocationView' });
export type BudgetAllocationView = z.output<typeof BudgetAllocationView>;

export const BudgetView = BudgetNode.extend({
  path: z.array(z.object({ id: z.uuid(), name: z.string() })).meta({ description: 'Its ancestors, from the root' }),
  children: z.array(BudgetNode),
  allocations: z.array(BudgetAllocationView),
  mergedIntoId: z.uuid().nullable(),
}).meta({ id: 'BudgetView' });
export type BudgetView = z.output<typeof BudgetView>;

export const checkbookOrigins = ['ENTRY', 'SOURCE_COST', 'EVENT_COST'] as const;

export const CheckbookLine = z
  .object({
    origin: z.enum(checkbookOrigins).meta({ description: 'ENTRY: entered here; SOURCE_COST: a sub-source cost of a funded campaign; EVENT_COST: a cost line of a funded event' }),
    id: z.uuid().meta({ description: 'The entry, sub-source or event cost line' }),
    budgetId: z.uuid(),
    budgetName: z.string(),
    campaignId: z.uuid().nullable(),
    eventId: z.uuid().nullable(),
    workName: z.string().nullable().meta({ description: "The campaign's or event's name" }),
    date: z.string().nullable(),
    supplier: z.string().nullable(),
    category: z.string().nullable(),
    reference: z.string().nullable(),
    description: z.string().nullable(),
    committed: money,
    spent: money,
  })
  .meta({ id: 'BudgetCheckbookLine' });
export type CheckbookLine = z.output<typeof CheckbookLine>;

export const Checkbook = z
  .object({
    budgetId: z.uuid(),
    currency: z.string(),
    lines: z.array(CheckbookLine).meta({ description: 'Its own and its sub-budgets’ lines, newest first' }),
    committed: money,
    spent: money,
  })
  .meta({ id: 'BudgetCheckbook' });
export type Checkbook = z.output<typeof Checkbook>;

export const BudgetEntryView = z
  .object({
    id: z.uuid(),
    budgetId: z.uuid(),
    campaignId: z.uuid().nullable(),
    eventId: z.uuid().nullable(),
    supplier: z.string(),
    date: z.string(),
    category: z.string().nullable(),
    reference: z.string().nullable(),
    description: z.string().nullable(),
    amount: money,
    state: EntryState,
  })
  .meta({ id: 'BudgetEntryView' });
export type BudgetEntryView = z.output<typeof BudgetEntryView>;

export const BudgetHistoryLine = z
  .object({
    id: z.uuid(),
    at: z.iso.datetime(),
    actorId: z.uuid().nullable(),
    action: z.string(),
    amountChange: money.nullable(),
    details: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'BudgetHistoryLine' });
export const BudgetHistory = z.object({ items: z.array(BudgetHistoryLine) }).meta({ id: 'BudgetHistory' });
export type BudgetHistory = z.output<typeof BudgetHistory>;
