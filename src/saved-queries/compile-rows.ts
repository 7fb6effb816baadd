import { Prisma } from '../generated/prisma/client';
import { AppError } from '../errors/app-error';
import { fieldOf } from './entity-fields';
import { entitySources, type QueryEntity } from './query-entities';
import type { QueryField } from './query-fields';
import type { QueryDefinition } from './saved-queries.schemas';

const sql = Prisma.sql;

export interface ColumnSql {
  field: string;
  def: QueryField;
  /** What the cell shows: a user's name, a day as YYYY-MM-DD, an amount as a number. */
  select: Prisma.Sql;
}

export interface SortKey {
  expr: Prisma.Sql;
  direction: 'asc' | 'desc';
  pgType: string;
}

export const columnsOf = (definition: QueryDefinition): string[] => definition.columns ?? [...entitySources[definition.entity].defaultColumns];

const userName = (column: Prisma.Sql) => sql`(SELECT u.name FROM users u WHERE u.id = ${column})`;

export function columnSql(entity: QueryEntity, key: string): ColumnSql {
  const def = fieldOf(entity, key)!;
  const column = def.column!;
  const select =
    def.type === 'user' ? userName(column)
    : def.type === 'day' ? sql`to_char(${column}, 'YYYY-MM-DD')`
    : def.type === 'money' ? sql`round(${column}, 2)::float8`
    : def.type === 'enum' ? sql`${column}::text`
    : column;
  return { field: key, def, select };
}

// Empty values sort last either way, so every key is non-null and a cursor compares plainly.
const last: Record<string, Record<'asc' | 'desc', string>> = {
  timestamptz: { asc: 'infinity', desc: '-infinity' },
  date: { asc: 'infinity', desc: '-infinity' },
  numeric: { asc: 'Infinity', desc: '-Infinity' },
};

export function sortKeys(definition: QueryDefinition): SortKey[] {
  const sorts = definition.sort.length > 0 ? definition.sort : [entitySources[definition.entity].defaultSort];
  return sorts.map(({ field, direction }) => {
    const def = fieldOf(definition.entity, field)!;
    const column = def.column!;
    if (def.type === 'user') return { expr: sql`COALESCE(${userName(column)}, '')`, direction, pgType: 'text' };
    const pgType = def.pgType!;
    if (!def.nullable) return { expr: column, direction, pgType };
    const empty = last[pgType]?.[direction] ?? '';
    return { expr: sql`COALESCE(${column}, CAST(${empty} AS ${Prisma.raw(pgType)}))`, direction, pgType };
  });
}

export const orderBy = (entity: QueryEntity, keys: SortKey[]) =>
  Prisma.join([...keys.map((key) => sql`${key.expr} ${Prisma.raw(key.direction === 'asc' ? 'ASC' : 'DESC')}`), sql`${entitySources[entity].id} ASC`], ', ');

/** Opaque to clients: base64url of the last row's sort keys (as text) and id. */
export const encodeRowCursor = (keys: string[], id: string) => Buffer.from(JSON.stringify([...keys, id])).toString('base64url');

const badCursor = () => new AppError('VALIDATION_FAILED', 'Invalid request query: query.cursor', [{ path: 'query.cursor', message: 'not a cursor from a previous page of this query (pass nextCursor as it was given)' }]);

/** The rows after the cursor, in the order of `keys` and then the id. */
export function afterCursor(entity: QueryEntity, keys: SortKey[], cursor: string): Prisma.Sql {
  let values: unknown;
  try {
    values = /^[A-Za-z0-9_-]{1,4000}$/.test(cursor) ? JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) : undefined;
  } catch {
    throw badCursor();
  }
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
  if (!Array.isArray(values) || values.length !== keys.length + 1 || !values.every((value) => typeof value === 'string' && value.length <= 1000) || !uuid.test(values.at(-1))) {
    throw badCursor();
  }
  const id = entitySources[entity].id;
  const cast = (index: number) => sql`CAST(${values[index]} AS ${Prisma.raw(keys[index].pgType)})`;
  // (k1 > v1) OR (k1 = v1 AND k2 < v2) OR … OR (all equal AND id > last id), each key in its direction.
  const branches = [...keys, undefined].map((key, index) => {
    const equal = keys.slice(0, index).map((earlier, at) => sql`${earlier.expr} = ${cast(at)}`);
    const step = key ? sql`${key.expr} ${Prisma.raw(key.direction === 'asc' ? '>' : '<')} ${cast(index)}` : sql`${id} > CAST(${values[keys.length]} AS uuid)`;
    return Prisma.join([...equal, step], ' AND ', '(', ')');
  });
  return Prisma.join(branches, ' OR ', '(', ')');
}
