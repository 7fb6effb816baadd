import type { Db } from '../../src/db/prisma';

/** Every table's row count and a hash of its rows: two equal answers mean nothing was written in between. */
export async function tableChecksums(db: Db): Promise<Record<string, string>> {
  const tables = await db.$queryRaw<{ name: string }[]>`
    SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations' ORDER BY table_name`;
  const sql = tables
    .map(({ name }) => `SELECT '${name}' AS name, count(*)::int AS n, COALESCE(sum(hashtext(x::text)::bigint), 0)::text AS h FROM "${name}" x`)
    .join(' UNION ALL ');
  const rows = await db.$queryRawUnsafe<{ name: string; n: number; h: string }[]>(sql);
  return Object.fromEntries(rows.map((row) => [row.name, `${row.n}:${row.h}`]));
}
