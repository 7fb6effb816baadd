import { z } from 'zod';
import { Text } from '../schemas/text.schemas';

const Name = Text(100);

/** Each kind of view with its parameters: the kind decides which params are valid (discriminated union). */
export const DealsClosingParams = z
  .strictObject({
    days: z.number().int().min(1).max(365).default(30).meta({ description: 'Expected close date from today (UTC) to today + days' }),
  })
  .meta({ id: 'DealsClosingParams' });
export const OverdueTasksParams = z.strictObject({}).meta({ id: 'OverdueTasksParams' });
export const RecontactDueParams = z
  .strictObject({
    period: z.enum(['this-month', 'next-30-days']).default('this-month').meta({ description: 'this-month: the current calendar month (UTC); next-30-days: from now' }),
  })
  .meta({ id: 'RecontactDueParams' });

export const viewKinds = ['deals-closing', 'overdue-tasks', 'recontact-due'] as const;

export const ViewDefinition = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('deals-closing'), params: DealsClosingParams.prefault({}) }),
  z.strictObject({ kind: z.literal('overdue-tasks'), params: OverdueTasksParams.prefault({}) }),
  z.strictObject({ kind: z.literal('recontact-due'), params: RecontactDueParams.prefault({}) }),
]);
export type ViewDefinition = z.output<typeof ViewDefinition>;

export const CreateSavedViewBody = z
  .discriminatedUnion('kind', [
    z.strictObject({ name: Name, kind: z.literal('deals-closing').meta({ description: "The caller's open deals expected to close within `days`" }), params: DealsClosingParams.prefault({}) }),
    z.strictObject({ name: Name, kind: z.literal('overdue-tasks').meta({ description: "The caller's open tasks past due" }), params: OverdueTasksParams.prefault({}) }),
    z.strictObject({ name: Name, kind: z.literal('recontact-due').meta({ description: "The caller's REFUSED/LOST accounts with a pending re-contact timer firing in `period`" }), params: RecontactDueParams.prefault({}) }),
  ])
  .meta({ id: 'CreateSavedView' });
export type CreateSavedViewBody = z.output<typeof CreateSavedViewBody>;

export const SavedViewIdParams = z.strictObject({ id: z.uuid() });

export const SavedView = z
  .object({
    id: z.uuid(),
    name: z.string(),
    kind: z.enum(viewKinds),
    params: z.record(z.string(), z.unknown()),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'SavedView' });
export type SavedView = z.output<typeof SavedView>;

export const SavedViewList = z.object({ items: z.array(SavedView) }).meta({ id: 'SavedViewList' });
export type SavedViewList = z.output<typeof SavedViewList>;

const DealItem = z
  .object({
    id: z.uuid(),
    name: z.string(),
    accountId: z.uuid(),
    accountName: z.string(),
    amount: z.number(),
    currency: z.string(),
    stage: z.string(),
    expectedCloseDate: z.iso.date(),
    ownerId: z.uuid().nullable(),
  })
  .meta({ id: 'ViewDealItem' });
const TaskItem = z
  .object({ id: z.uuid(), accountId: z.uuid(), accountName: z.string(), type: z.string(), title: z.string(), dueAt: z.iso.datetime() })
  .meta({ id: 'ViewTaskItem' });
const RecontactItem = z
  .object({ timerId: z.uuid(), accountId: z.uuid(), accountName: z.string(), status: z.string(), fireAt: z.iso.datetime() })
  .meta({ id: 'ViewRecontactItem' });

export const SavedViewRun = z
  .object({
    view: SavedView,
    items: z.array(z.union([DealItem, TaskItem, RecontactItem])).meta({ description: 'At most 500, soonest first' }),
    total: z.number().int().meta({ description: 'How many items match in all' }),
  })
  .meta({ id: 'SavedViewRun' });
export type SavedViewRun = z.output<typeof SavedViewRun>;
export type DealItem = z.output<typeof DealItem>;
export type TaskItem = z.output<typeof TaskItem>;
export type RecontactItem = z.output<typeof RecontactItem>;
