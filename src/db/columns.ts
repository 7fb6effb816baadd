import { Prisma } from '../generated/prisma/client';

/** A model field's column: the schema maps each camelCase field to its snake_case column (`dueAt` → `due_at`). */
export const columnOf = (field: string) => field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

/** `json_build_object` of the fields a Prisma select names, so that a raw statement answers with the select's keys. */
export const jsonObjectOf = (select: Record<string, true>) =>
  Prisma.raw(`json_build_object(${Object.keys(select).map((field) => `'${field}', ${columnOf(field)}`).join(', ')})`);

/**
 * The columns of a table's `fields`, worked out once (statements on a hot path use them): their list for a raw
 * statement, and a record's row keyed by them for `jsonb_populate_recordset` (absent fields null).
 */
export function columnsOf<Row extends object>(fields: readonly (keyof Row & string)[]) {
  const columns = fields.map((field) => [field, columnOf(field)] as const);
  return {
    list: Prisma.raw(columns.map(([, column]) => column).join(', ')),
    row: (record: Row) => Object.fromEntries(columns.map(([field, column]) => [column, record[field] ?? null])),
  };
}
