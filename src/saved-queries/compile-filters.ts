import type { DateTime } from 'luxon';
import { Prisma } from '../generated/prisma/client';
import { likePattern } from '../segments/criteria-to-sql';
import type { AccountCaller } from '../accounts/account-access';
import { endOf, periodRange, resolveDate, type Clock } from './date-values';
import { fieldOf } from './entity-fields';
import { entitySources, type QueryEntity } from './query-entities';
import type { QueryField } from './query-fields';
import type { DateValue, PeriodValue } from './query-values.schemas';
import type { QueryDefinition, QueryFilter } from './saved-queries.schemas';

const sql = Prisma.sql;

export interface RunContext extends Clock {
  caller: AccountCaller;
}

/**
 * The WHERE clause of a definition that passed QueryDefinition: the entity's own rows, what the
 * caller may see, and the filters joined by AND (match all) or OR (match any).
 */
export function compileWhere(definition: QueryDefinition, context: RunContext): Prisma.Sql {
  const source = entitySources[definition.entity];
  const parts = [source.where, visibleRows(definition.entity, context.caller)];
  if (definition.filters.length > 0) {
    const filters = definition.filters.map((filter) => filterToSql(definition.entity, filter, context));
    parts.push(Prisma.join(filters, definition.match === 'any' ? ' OR ' : ' AND ', '(', ')'));
  }
  return Prisma.join(parts, ' AND ');
}

/**
 * The rows the caller sees today elsewhere: a manager the accounts they own and the pool of
 * unowned NEW accounts (with their contacts, deals and activities), and the tasks assigned to
 * them or on their accounts; marketers and admins everything.
 */
function visibleRows(entity: QueryEntity, caller: AccountCaller): Prisma.Sql {
  if (caller.role !== 'manager') return sql`TRUE`;
  if (entity === 'tasks') return sql`(t.assignee_id = CAST(${caller.id} AS uuid) OR a.owner_id = CAST(${caller.id} AS uuid))`;
  return sql`(a.owner_id = CAST(${caller.id} AS uuid) OR (a.owner_id IS NULL AND a.status = 'NEW'))`;
}

function filterToSql(entity: QueryEntity, filter: QueryFilter, context: RunContext): Prisma.Sql {
  const field = fieldOf(entity, filter.field)!;
  const exists = field.exists;
  if (!exists) return compare(field, field.column!, filter, context);
  const related = (condition: Prisma.Sql) => sql`EXISTS (SELECT 1 FROM ${exists.from} WHERE ${exists.link} AND ${condition})`;
  if (filter.op === 'isSet') return related(sql`TRUE`);
  if (filter.op === 'isNotSet') return sql`NOT ${related(sql`TRUE`)}`;
  // "Not in these campaigns": no related row in any of them (rather than a related row outside them).
  if (filter.op === 'notIn') return sql`NOT ${related(compare(field, exists.column, { ...filter, op: 'in' }, context))}`;
  return related(compare(field, exists.column, filter, context));
}

function compare(field: QueryField, column: Prisma.Sql, filter: QueryFilter, context: RunContext): Prisma.Sql {
  const value = filter.value;
  const one = (item: unknown) => typed(field, item === 'me' ? context.caller.id : item);
  const many = () => typedList(field, (value as unknown[]).map((item) => (item === 'me' ? context.caller.id : item)));
  switch (filter.op) {
    case 'eq':
      return sql`${column} = ${one(value)}`;
    case 'neq':
      return sql`${column} IS DISTINCT FROM ${one(value)}`;
    case 'in':
      return sql`${column} = ANY(${many()})`;
    case 'notIn':
      return sql`${column} <> ALL(${many()})`;
    case 'contains':
      return sql`${column} ILIKE ${likePattern(String(value))}`;
    case 'gt':
      return sql`${column} > ${one(value)}`;
    case 'gte':
      return sql`${column} >= ${one(value)}`;
    case 'lt':
      return sql`${column} < ${one(value)}`;
    case 'lte':
      return sql`${column} <= ${one(value)}`;
    case 'isSet':
      return field.type === 'text' ? sql`(${column} IS NOT NULL AND ${column} <> '')` : sql`${column} IS NOT NULL`;
    case 'isNotSet':
      return field.type === 'text' ? sql`(${column} IS NULL OR ${column} = '')` : sql`${column} IS NULL`;
    case 'between':
      if (field.type === 'money') {
        const [low, high] = value as [number, number];
        return sql`${column} BETWEEN ${one(low)} AND ${one(high)}`;
      }
      return dateRange(field, column, value as [DateValue, DateValue], context);
    default:
      return dateCompare(field, column, filter, context);
  }
}

function dateCompare(field: QueryField, column: Prisma.Sql, filter: QueryFilter, context: RunContext): Prisma.Sql {
  if (filter.op === 'inPeriod') {
    const [start, end] = periodRange(filter.value as PeriodValue, context);
    return sql`(${column} >= ${moment(field, start)} AND ${column} < ${moment(field, end)})`;
  }
  const date = resolveDate(filter.value as DateValue, context);
  if (filter.op === 'before') return sql`${column} < ${moment(field, date.start)}`;
  return sql`${column} >= ${moment(field, date.start)}`;
}

/** From the first date to the second, both included (a whole day up to its end). */
function dateRange(field: QueryField, column: Prisma.Sql, [from, to]: [DateValue, DateValue], context: RunContext): Prisma.Sql {
  const start = resolveDate(from, context).start;
  const end = endOf(resolveDate(to, context));
  return sql`(${column} >= ${moment(field, start)} AND ${column} < ${moment(field, end)})`;
}

/** A calendar-date column compares with days in the user's zone, a time column with instants. */
const moment = (field: QueryField, at: DateTime) =>
  field.type === 'day' ? sql`CAST(${at.toISODate()} AS date)` : sql`CAST(${at.toUTC().toISO()} AS timestamptz)`;

// The types come from the catalog (src/saved-queries/entity-fields.ts), never from a request.
const typed = (field: QueryField, value: unknown) => sql`CAST(${value} AS ${Prisma.raw(field.type === 'campaign' || field.type === 'product' ? 'uuid' : field.pgType!)})`;
const typedList = (field: QueryField, values: unknown[]) =>
  sql`CAST(${values} AS ${Prisma.raw(`${field.type === 'campaign' || field.type === 'product' ? 'uuid' : field.pgType!}[]`)})`;
