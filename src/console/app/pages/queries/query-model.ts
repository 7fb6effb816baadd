import type { QueryFieldCatalog } from '../../../../saved-queries/query-results.schemas';
import type { SavedQueryView } from '../../../../saved-queries/saved-queries.schemas';
import { msg } from '../../i18n/i18n';

export type Catalog = QueryFieldCatalog;
export type EntityCatalog = Catalog['entities'][number];
export type CatalogField = EntityCatalog['fields'][number];
export type Entity = EntityCatalog['entity'];
export type Op = CatalogField['ops'][number];

export interface RelativeDate {
  relative: { amount: number; unit: 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year' };
}
export type DateValue = string | RelativeDate;

/** One filter row as edited: `value` in the API's shape; `text` keeps a typed list ("a, b") as typed. */
export interface FilterDraft {
  key: string;
  field: string;
  op: Op;
  value?: unknown;
  text?: string;
}

export interface QueryDraft {
  name: string;
  entity: Entity;
  match: 'all' | 'any';
  filters: FilterDraft[];
  sort: { field: string; direction: 'asc' | 'desc' }[];
  columns: string[];
  visibility: 'private' | 'team';
}

let counter = 0;
const nextKey = () => `filter-${++counter}`;

export const entityLabels: Record<Entity, string> = {
  accounts: msg('Accounts'),
  contacts: msg('Contacts'),
  opportunities: msg('Deals'),
  tasks: msg('Tasks'),
  activities: msg('Activities'),
};

export const unitLabels = {
  minute: msg('minutes'),
  hour: msg('hours'),
  day: msg('days'),
  week: msg('weeks'),
  month: msg('months'),
  year: msg('years'),
} as const;

export const periodLabels = { day: msg('day'), week: msg('week'), month: msg('month'), quarter: msg('quarter'), year: msg('year') } as const;

export const filterable = (entity: EntityCatalog) => entity.fields.filter((field) => field.ops.length > 0);
export const fieldIn = (entity: EntityCatalog, key: string) => entity.fields.find((field) => field.field === key);

/** The value a fresh filter starts with, for its field and operator. */
export function initialValue(field: CatalogField, op: Op): unknown {
  if (op === 'isSet' || op === 'isNotSet') return undefined;
  const list = op === 'in' || op === 'notIn';
  switch (field.type) {
    case 'enum':
      return list ? [] : field.options?.[0];
    case 'user':
      return list ? ['me'] : 'me';
    case 'date':
    case 'day':
      if (op === 'inPeriod') return { period: 'month', offset: 0 };
      if (op === 'between') return [{ relative: { amount: -30, unit: 'day' } }, { relative: { amount: 0, unit: 'day' } }];
      return { relative: { amount: 0, unit: 'day' } };
    case 'money':
      return op === 'between' ? ['', ''] : '';
    default:
      return list ? [] : '';
  }
}

export function newFilter(field: CatalogField): FilterDraft {
  const op = field.ops[0]!;
  return { key: nextKey(), field: field.field, op, value: initialValue(field, op), text: '' };
}

export const newDraft = (entity: EntityCatalog): QueryDraft => ({
  name: '',
  entity: entity.entity,
  match: 'all',
  filters: [],
  sort: [],
  columns: [...entity.defaultColumns],
  visibility: 'private',
});

export const fromSaved = (saved: SavedQueryView): QueryDraft => ({
  name: saved.name,
  entity: saved.entity,
  match: saved.match,
  filters: saved.filters.map((filter) => ({ ...filter, key: nextKey(), text: Array.isArray(filter.value) ? filter.value.join(', ') : '' })),
  sort: saved.sort,
  columns: saved.columns,
  visibility: saved.visibility,
});

const amount = (value: unknown) => (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : value === '' ? undefined : value);

/** A filter as the API takes it: typed lists split at commas, amounts as numbers. */
function filterBody(filter: FilterDraft, field: CatalogField | undefined) {
  let value = filter.value;
  if (field?.type === 'text' && filter.op === 'in') value = (filter.text ?? '').split(',').map((item) => item.trim()).filter(Boolean);
  if (field?.type === 'money') value = Array.isArray(value) ? value.map(amount) : amount(value);
  return { field: filter.field, op: filter.op, ...(value === undefined ? {} : { value }) };
}

export const definitionBody = (draft: QueryDraft, entity: EntityCatalog) => ({
  entity: draft.entity,
  match: draft.match,
  filters: draft.filters.map((filter) => filterBody(filter, fieldIn(entity, filter.field))),
  sort: draft.sort,
  columns: draft.columns,
});

export const saveBody = (draft: QueryDraft, entity: EntityCatalog) => ({ name: draft.name, visibility: draft.visibility, ...definitionBody(draft, entity) });
