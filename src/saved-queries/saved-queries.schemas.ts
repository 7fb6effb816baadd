import { z } from 'zod';
import { PageCursorParam } from '../schemas/page-cursor';
import { fieldOf } from './entity-fields';
import { queryEntities, type QueryEntity } from './query-entities';
import { opsFor, queryOps, type QueryOp } from './query-fields';
import { valueSchema } from './query-values.schemas';

export const MAX_FILTERS = 50;
export const MAX_SORT = 3;
export const MAX_COLUMNS = 20;

export const QueryFilter = z
  .strictObject({
    field: z.string().min(1).max(100),
    op: z.enum(queryOps),
    value: z.unknown().optional(),
  })
  .meta({ id: 'QueryFilter', description: 'A condition on one field; GET /queries/fields lists the fields, their operators and values' });
export type QueryFilter = { field: string; op: QueryOp; value?: unknown };

export const QuerySort = z.strictObject({ field: z.string().min(1).max(100), direction: z.enum(['asc', 'desc']).default('asc') }).meta({ id: 'QuerySort' });

const definitionShape = {
  entity: z.enum(queryEntities),
  match: z.enum(['all', 'any']).default('all').meta({ description: 'all: every filter holds (and); any: at least one (or)' }),
  filters: z.array(QueryFilter).max(MAX_FILTERS).default([]),
  sort: z.array(QuerySort).max(MAX_SORT).default([]).meta({ description: 'Left empty: newest first (tasks: soonest due)' }),
  columns: z.array(z.string().min(1).max(100)).min(1, 'choose at least one column').max(MAX_COLUMNS).optional().meta({ description: 'Left out: the entity’s usual columns' }),
};

type Ctx = z.RefinementCtx;
interface DefinitionDraft {
  entity: QueryEntity;
  filters: QueryFilter[];
  sort: { field: string }[];
  columns?: string[];
}

// Fields, operators and values are checked against the entity's catalog, so that an error names
// the exact bad place (filters.2.value) and says what would fit, as segment criteria do.
function checkDefinition(definition: DefinitionDraft, ctx: Ctx) {
  const issue = (path: PropertyKey[], message: string) => ctx.addIssue({ code: 'custom', path, message });
  const known = (key: string) => fieldOf(definition.entity, key);
  // Entries the shape already refused (reported at their own path) are skipped here.
  const sound = (item: unknown): item is QueryFilter =>
    !!item && typeof item === 'object' && typeof (item as QueryFilter).field === 'string' && (queryOps as readonly unknown[]).includes((item as QueryFilter).op);
  const list = <T>(items: T[] | undefined): T[] => (Array.isArray(items) ? items : []);
  list(definition.filters).forEach((filter, index) => {
    if (!sound(filter)) return;
    const field = known(filter.field);
    if (!field || field.noFilter) return issue(['filters', index, 'field'], `no field "${filter.field}" to filter ${definition.entity} on: see GET /queries/fields`);
    const allowed = opsFor(field);
    if (!allowed.includes(filter.op)) return issue(['filters', index, 'op'], `${filter.op} does not fit ${field.label}: use ${allowed.join(', ')}`);
    const schema = valueSchema(field, filter.op);
    if (!schema) {
      if (filter.value !== undefined) issue(['filters', index, 'value'], `${filter.op} takes no value: leave it out`);
      return;
    }
    if (filter.value === undefined) return issue(['filters', index, 'value'], 'required: give a value to compare with');
    const result = schema.safeParse(filter.value);
    if (!result.success) for (const problem of result.error.issues) issue(['filters', index, 'value', ...problem.path], problem.message);
  });
  list(definition.sort).forEach((sort, index) => {
    if (typeof sort?.field === 'string' && !known(sort.field)?.column) issue(['sort', index, 'field'], `cannot sort ${definition.entity} by "${sort.field}": sort by one of the columns`);
  });
  list(definition.columns).forEach((column, index) => {
    if (typeof column !== 'string') return;
    if (!known(column)?.column) issue(['columns', index], `no column "${column}" for ${definition.entity}: see GET /queries/fields`);
    else if (definition.columns!.indexOf(column) !== index) issue(['columns', index], 'already chosen: list a column once');
  });
}

/**
 * The catalog checks run even when another field of the body is wrong (say visibility), so that one
 * answer names every bad place; they need only a known entity.
 */
const checkable = { when: (payload: { value: unknown }) => (queryEntities as readonly unknown[]).includes((payload.value as { entity?: unknown } | undefined)?.entity) };

export const QueryDefinition = z.strictObject(definitionShape).superRefine(checkDefinition, checkable).meta({ id: 'QueryDefinition' });
export type QueryDefinition = z.output<typeof QueryDefinition>;

export const SavedQueryVisibility = z.enum(['private', 'team']).meta({
  id: 'SavedQueryVisibility',
  description: "private: the owner only; team: also the owner's manager, everyone with the same manager and the owner's direct reports",
});

const saveShape = { name: z.string().trim().min(1, 'give the query a name').max(200), visibility: SavedQueryVisibility.default('private'), ...definitionShape };

export const SaveQueryRequest = z.strictObject(saveShape).superRefine(checkDefinition, checkable).meta({ id: 'SaveQueryRequest' });
export type SaveQueryRequest = z.output<typeof SaveQueryRequest>;

export const SavedQueryIdParams = z.strictObject({ id: z.uuid() });

export const ListQueriesQuery = z.strictObject({
  limit: z.coerce.number<string>().int().min(1).max(200).default(100),
  cursor: PageCursorParam.optional(),
});
export type ListQueriesQuery = z.output<typeof ListQueriesQuery>;

export const RowsQuery = z.strictObject({
  limit: z.coerce.number<string>().int().min(1).max(200).default(50),
  cursor: z.string().max(4000).optional().meta({ description: 'nextCursor of the previous page' }),
});
export type RowsQuery = z.output<typeof RowsQuery>;

export const SumQuery = z.strictObject({ field: z.string().min(1).max(100).meta({ description: 'A money field of the query’s entity, e.g. amount' }) });

export const SavedQueryView = z
  .object({
    id: z.uuid(),
    name: z.string(),
    visibility: SavedQueryVisibility,
    owner: z.object({ id: z.uuid(), name: z.string() }),
    mine: z.boolean().meta({ description: 'The caller owns it (and so may change or delete it)' }),
    entity: z.enum(queryEntities),
    match: z.enum(['all', 'any']),
    filters: z.array(QueryFilter),
    sort: z.array(QuerySort),
    columns: z.array(z.string()),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'SavedQuery' });
export type SavedQueryView = z.output<typeof SavedQueryView>;

export const SavedQueryPage = z.object({ items: z.array(SavedQueryView), nextCursor: z.string().nullable() }).meta({ id: 'SavedQueryPage' });
export type SavedQueryPage = z.output<typeof SavedQueryPage>;
