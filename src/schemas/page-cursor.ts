import { z } from 'zod';

/** Where a page ended: the sort time and id of its last item (lists order by time, then id). */
export interface PageCursor {
  at: Date;
  /** `at` as the cursor gave it, with the microseconds of a column that keeps them (a Date drops them). */
  exactAt: string;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Opaque to clients: base64url of "<time ISO>|<id>" of the last item of a page. */
export function encodePageCursor(at: Date | string, id: string): string {
  return Buffer.from(`${typeof at === 'string' ? at : at.toISOString()}|${id}`).toString('base64url');
}

/** The cursor, or undefined when the text is not one this API gave out. */
export function decodePageCursor(text: string): PageCursor | undefined {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(text)) return undefined;
  const [iso, id, ...rest] = Buffer.from(text, 'base64url').toString('utf8').split('|');
  if (rest.length > 0 || !iso || !id || !UUID.test(id)) return undefined;
  // Years 0001 to 9999 only: PostgreSQL's timestamps do not reach JavaScript's extremes, nor year 0.
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}(\d{3})?Z$/.test(iso) || iso.startsWith('0000')) return undefined;
  const at = new Date(iso);
  if (Number.isNaN(at.getTime()) || at.toISOString() !== `${iso.slice(0, 23)}Z`) return undefined;
  return { at, exactAt: iso, id };
}

/** The `cursor` query parameter of every paginated list: a bad one is a 400 naming `query.cursor`. */
export const PageCursorParam = z
  .string()
  .transform((text, ctx) => decodePageCursor(text) ?? (ctx.addIssue({ code: 'custom', message: 'not a cursor from a previous page (pass nextCursor as it was given)' }), z.NEVER))
  .meta({ description: 'nextCursor of the previous page' });
