// The public schema's tables and their indexes, in bytes: a before and after tells what a run made grow.
import type { Db } from '../../src/db/prisma';

export interface TableSize {
  /** pg_table_size: the heap with its TOAST table and free-space and visibility maps. */
  tableBytes: number;
  /** pg_indexes_size: all the table's indexes. */
  indexBytes: number;
}

export async function tableSizes(db: Db): Promise<Map<string, TableSize>> {
  const rows = await db.$queryRaw<{ name: string; table_bytes: bigint; index_bytes: bigint }[]>`
    SELECT c.relname AS name, pg_table_size(c.oid) AS table_bytes, pg_indexes_size(c.oid) AS index_bytes
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')`;
  return new Map(rows.map((row) => [row.name, { tableBytes: Number(row.table_bytes), indexBytes: Number(row.index_bytes) }]));
}

/** The tables that grew from `before` to `after`, largest growth first. */
export function tableGrowth(before: Map<string, TableSize>, after: Map<string, TableSize>): { table: string; tableBytes: number; indexBytes: number }[] {
  return [...after]
    .map(([table, size]) => ({ table, tableBytes: size.tableBytes - (before.get(table)?.tableBytes ?? 0), indexBytes: size.indexBytes - (before.get(table)?.indexBytes ?? 0) }))
    .filter((growth) => growth.tableBytes > 0 || growth.indexBytes > 0)
    .sort((a, b) => b.tableBytes + b.indexBytes - (a.tableBytes + a.indexBytes));
}
