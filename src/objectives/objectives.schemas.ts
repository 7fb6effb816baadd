import { z } from 'zod';
import { PageCursorParam } from '../schemas/page-cursor';
import { ProductIds, ProductRef } from '../products/products.schemas';

const text = (max: number) => z.string().trim().min(1).max(max);

export const CreateObjectiveRequest = z
  .strictObject({
    name: text(200).meta({ description: 'For example "Enable sampling"' }),
    kind: text(100).meta({ description: 'What is counted, for example VISITS or SAMPLING' }),
    target: z.number().positive().max(999_999_999_999.99).meta({ description: 'How many (of unit) to reach; more than 0' }),
    unit: text(50).meta({ description: 'For example "visits per account"' }),
    appliesToAll: z.boolean().default(false).meta({ description: 'Applies to every account without being applied to each' }),
    productIds: ProductIds.optional(),
  })
  .meta({ id: 'CreateObjectiveRequest' });
export type CreateObjectiveRequest = z.output<typeof CreateObjectiveRequest>;

export const PlanIdParams = z.strictObject({ id: z.uuid() });
export const ObjectiveIdParams = z.strictObject({ id: z.uuid() });

export const ListObjectivesQuery = z.strictObject({
  appliesToAll: z
    .enum(['true', 'false'])
    .optional()
    .transform((value) => (value === undefined ? undefined : value === 'true'))
    .meta({ description: 'true: only the objectives that apply to all accounts; false: only the others' }),
  planId: z.uuid().optional(),
  limit: z.coerce.number<string>().int().min(1).max(200).default(50),
  cursor: PageCursorParam.optional(),
});
export type ListObjectivesQuery = z.output<typeof ListObjectivesQuery>;

export const ObjectiveView = z
  .object({
    id: z.uuid(),
    planId: z.uuid(),
    planName: z.string(),
    planStatus: z.enum(['DRAFT', 'SUBMITTED', 'APPROVED', 'REJECTED', 'EXPIRED']),
    name: z.string(),
    kind: z.string(),
    target: z.number(),
    unit: z.string(),
    appliesToAll: z.boolean(),
    createdById: z.uuid().nullable(),
    createdAt: z.iso.datetime(),
    products: z.array(ProductRef).meta({ description: 'The products it is about, by code' }),
  })
  .meta({ id: 'Objective' });
export type ObjectiveView = z.output<typeof ObjectiveView>;

export const ObjectiveList = z.object({ items: z.array(ObjectiveView) }).meta({ id: 'ObjectiveList' });
export const ObjectivePage = z.object({ items: z.array(ObjectiveView), nextCursor: z.string().nullable() }).meta({ id: 'ObjectivePage' });
