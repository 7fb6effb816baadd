import { encodePageCursor, type PageCursor } from '../schemas/page-cursor';
import { Prisma } from '../generated/prisma/client';

/** A row as a section's query answers it: the page's sort time and id come along with the item. */
export interface SortedRow {
  /** A Date, or the ISO text of a column that keeps microseconds (SQL to_char), so no row is skipped or repeated. */
  sortAt: Date | string;
  sortId: string;
}

/**
 * The page of `limit` items out of `limit + 1` rows, and the cursor of its last one when more follow.
 * Sections order newest first by (time, id), so the next page is the rows below the cursor.
 */
export function toPage<R extends SortedRow, T>(rows: R[], limit: number, view: (row: R) => T): { items: T[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { items: page.map(view), nextCursor: rows.length > limit && last ? encodePageCursor(last.sortAt, last.sortId) : null };
}

/** `(at, id) < cursor`, or TRUE without one. */
export const belowCursor = (at: Prisma.Sql, id: Prisma.Sql, cursor: PageCursor | undefined): Prisma.Sql =>
  cursor ? Prisma.sql`(${at}, ${id}) < (CAST(${cursor.exactAt} AS timestamptz), CAST(${cursor.id} AS uuid))` : Prisma.sql`TRUE`;

export const isoOrNull = (date: Date | null): string | null => (date ? date.toISOString() : null);
