import { z } from 'zod';
import { queryEntities } from './query-entities';
import { queryOps } from './query-fields';

const FieldType = z.enum(['text', 'enum', 'user', 'date', 'day', 'money', 'campaign', 'product']).meta({
  id: 'QueryFieldType',
  description: 'text, enum (options), user (an id or "me"), date (a time), day (a calendar date), money (with a currency), campaign, product (ids)',
});

export const QueryCount = z.object({ count: z.number().int() }).meta({ id: 'QueryCount' });
export type QueryCount = z.output<typeof QueryCount>;

export const QuerySum = z
  .object({
    field: z.string(),
    sums: z.array(z.object({ currency: z.string(), sum: z.number() })).meta({ description: 'One total per currency, by currency' }),
    sum: z.number().nullable().meta({ description: 'The total when the rows have at most one currency (0 when none); null when they have several: read sums' }),
    currency: z.string().nullable().meta({ description: 'That one currency; null when none or several' }),
  })
  .meta({ id: 'QuerySum' });
export type QuerySum = z.output<typeof QuerySum>;

export const QueryRows = z
  .object({
    columns: z.array(z.object({ field: z.string(), label: z.string(), type: FieldType })),
    items: z.array(
      z.object({
        id: z.uuid(),
        accountId: z.uuid(),
        currency: z.string().optional().meta({ description: 'The currency of the row’s amounts, when a money column is chosen' }),
        cells: z.record(z.string(), z.union([z.string(), z.number(), z.null()])).meta({
          description: 'One value per chosen column: users by name, times as ISO 8601, days as YYYY-MM-DD, amounts as numbers',
        }),
      }),
    ),
    nextCursor: z.string().nullable(),
  })
  .meta({ id: 'QueryRows' });
export type QueryRows = z.output<typeof QueryRows>;

export const QueryFieldCatalog = z
  .object({
    operators: z.array(z.object({ op: z.enum(queryOps), label: z.string(), value: z.enum(['none', 'one', 'list', 'range', 'period']) })),
    entities: z.array(
      z.object({
        entity: z.enum(queryEntities),
        label: z.string(),
        defaultColumns: z.array(z.string()),
        fields: z.array(
          z.object({
            field: z.string(),
            label: z.string(),
            type: FieldType,
            ops: z.array(z.enum(queryOps)).meta({ description: 'Empty: a column only, not a filter' }),
            options: z.array(z.string()).optional(),
            column: z.boolean().meta({ description: 'May be shown as a column and sorted on' }),
            summable: z.boolean(),
          }),
        ),
      }),
    ),
  })
  .meta({ id: 'QueryFieldCatalog' });
export type QueryFieldCatalog = z.output<typeof QueryFieldCatalog>;
