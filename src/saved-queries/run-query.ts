import type { AccountCaller } from '../accounts/account-access';
import type { DbClient } from '../db/prisma';
import { isDataException } from '../db/prisma-errors';
import { AppError } from '../errors/app-error';
import { Prisma } from '../generated/prisma/client';
import { afterCursor, columnSql, columnsOf, encodeRowCursor, orderBy, sortKeys } from './compile-rows';
import { compileWhere, type RunContext } from './compile-filters';
import { fieldOf } from './entity-fields';
import { entitySources } from './query-entities';
import type { QueryCount, QueryRows, QuerySum } from './query-results.schemas';
import type { QueryDefinition } from './saved-queries.schemas';

const sql = Prisma.sql;

/** Where "today" is for the caller: their preferred time zone, UTC by default. */
export async function runContext(db: DbClient, caller: AccountCaller, now = new Date()): Promise<RunContext> {
  const preference = await db.userPreference.findUnique({ where: { userId: caller.id }, select: { timeZone: true } });
  return { caller, now, zone: preference?.timeZone ?? 'UTC' };
}

export async function countRows(db: DbClient, definition: QueryDefinition, context: RunContext): Promise<QueryCount> {
  const source = entitySources[definition.entity];
  const [row] = await db.$queryRaw<{ count: number }[]>`SELECT count(*)::int AS count FROM ${source.from} WHERE ${compileWhere(definition, context)}`;
  return { count: row.count };
}

/** The total of a money field, per currency. */
export async function sumRows(db: DbClient, definition: QueryDefinition, fieldKey: string, context: RunContext): Promise<QuerySum> {
  const field = fieldOf(definition.entity, fieldKey);
  if (!field || field.type !== 'money') {
    throw new AppError('VALIDATION_FAILED', 'Invalid request query: query.field', [
      { path: 'query.field', message: `"${fieldKey}" is not an amount of ${definition.entity}: ${definition.entity === 'opportunities' ? 'use amount' : 'this entity has no amount to sum; ask for its count'}` },
    ]);
  }
  const source = entitySources[definition.entity];
  const sums = await db.$queryRaw<{ currency: string; sum: number }[]>`
    SELECT ${field.currency!} AS currency, round(sum(${field.column!}), 2)::float8 AS sum
    FROM ${source.from} WHERE ${compileWhere(definition, context)}
    GROUP BY 1 ORDER BY 1`;
  const single = sums.length <= 1;
  return { field: fieldKey, sums, sum: single ? (sums[0]?.sum ?? 0) : null, currency: sums.length === 1 ? sums[0].currency : null };
}

interface RawRow {
  id: string;
  accountId: string;
  [key: string]: unknown;
}

/** One page of rows with the chosen columns, in the chosen order; `nextCursor` continues it. */
export async function pageRows(db: DbClient, definition: QueryDefinition, context: RunContext, page: { limit: number; cursor?: string }): Promise<QueryRows> {
  const { entity } = definition;
  const source = entitySources[entity];
  const columns = columnsOf(definition).map((key) => columnSql(entity, key));
  const keys = sortKeys(definition);
  const where = page.cursor ? sql`${compileWhere(definition, context)} AND ${afterCursor(entity, keys, page.cursor)}` : compileWhere(definition, context);
  const selects = [
    sql`${source.id}::text AS id`,
    sql`a.id::text AS "accountId"`,
    ...columns.map((column, index) => sql`${column.select} AS ${Prisma.raw(`c${index}`)}`),
    ...keys.map((key, index) => sql`(${key.expr})::text AS ${Prisma.raw(`k${index}`)}`),
  ];
  // An amount is read with its currency, shown or not.
  const money = columns.find((column) => column.def.currency);
  if (money) selects.push(sql`${money.def.currency!} AS "rowCurrency"`);
  let rows: RawRow[];
  try {
    rows = await db.$queryRaw<RawRow[]>`
      SELECT ${Prisma.join(selects, ', ')} FROM ${source.from}
      WHERE ${where}
      ORDER BY ${orderBy(entity, keys)}
      LIMIT ${page.limit + 1}`;
  } catch (error) {
    // Only a cursor's values reach PostgreSQL unchecked (as sort keys it gave out); a refused one is the client's.
    if (page.cursor && isDataException(error)) {
      throw new AppError('VALIDATION_FAILED', 'Invalid request query: query.cursor', [{ path: 'query.cursor', message: 'not a cursor from a previous page of this query' }]);
    }
    throw error;
  }
  const shown = rows.slice(0, page.limit);
  const last = shown.at(-1);
  return {
    columns: columns.map((column) => ({ field: column.field, label: column.def.label, type: column.def.type })),
    items: shown.map((row) => ({
      id: row.id,
      accountId: row.accountId,
      ...(money ? { currency: row.rowCurrency as string } : {}),
      cells: Object.fromEntries(columns.map((column, index) => [column.field, cell(row[`c${index}`])])),
    })),
    nextCursor: rows.length > page.limit && last ? encodeRowCursor(keys.map((_key, index) => String(last[`k${index}`])), last.id) : null,
  };
}

const cell = (value: unknown): string | number | null => (value instanceof Date ? value.toISOString() : value === null || value === undefined ? null : (value as string | number));
