import { Prisma } from '../generated/prisma/client';

/** A model field's column: the schema maps each camelCase field to its snake_case column (`dueAt` → `due_at`). */
export const columnOf = (field: string) => field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

/** The columns of `fields`, comma-separated, for a raw statement. */
export const columnList = (fields: readonly string[]) => Prisma.raw(fields.map(columnOf).join(', '));

/** `json_build_object` of the fields a Prisma select names, so that a raw statement answers with the select's keys. */
export const jsonObjectOf = (select: Record<string, true>) =>
  Prisma.raw(`json_build_object(${Object.keys(select).map((field) => `'${field}', ${columnOf(field)}`).join(', ')})`);

/** `record`'s `fields` keyed by their columns, absent ones null: a row for `jsonb_populate_recordset`. */
export const rowOf = <Row extends object>(record: Row, fields: readonly (keyof Row & string)[]) =>
  Object.fromEntries(fields.map((field) => [columnOf(field), record[field] ?? null]));
