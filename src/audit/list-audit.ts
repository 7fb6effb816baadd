import type { DbClient } from '../db/prisma';
import { Prisma } from '../generated/prisma/client';
import { toCsv } from '../reports/csv';
import { encodePageCursor } from '../schemas/page-cursor';
import type { AuditEntryView, AuditPage, AuditQuery } from './audit.schemas';

const defaultPage = 50;

interface AuditRow {
  id: string;
  at: Date;
  actorId: string | null;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  reason: string | null;
}

/**
 * The audit log, newest first, filtered, a page at a time: keyset paging on (at, id), so a page
 * never repeats or skips an entry while new ones are written. `limit` left out: `defaultLimit`.
 */
export async function listAudit(db: DbClient, query: AuditQuery, defaultLimit = defaultPage): Promise<AuditPage> {
  const limit = query.limit ?? defaultLimit;
  const conditions: Prisma.Sql[] = [];
  if (query.actorId) conditions.push(Prisma.sql`e.actor_id = CAST(${query.actorId} AS uuid)`);
  if (query.action) conditions.push(Prisma.sql`e.action = ${query.action}`);
  if (query.entityType) conditions.push(Prisma.sql`e.entity_type = ${query.entityType}`);
  if (query.entityId) conditions.push(Prisma.sql`e.entity_id = ${query.entityId}`);
  if (query.from) conditions.push(Prisma.sql`e.at >= ${query.from}`);
  if (query.to) conditions.push(Prisma.sql`e.at < ${query.to}`);
  if (query.cursor) conditions.push(Prisma.sql`(e.at, e.id) < (CAST(${query.cursor.at} AS timestamptz), CAST(${query.cursor.id} AS uuid))`);
  const where = conditions.length ? Prisma.sql`WHERE ${Prisma.join(conditions, ' AND ')}` : Prisma.empty;
  const rows = await db.$queryRaw<AuditRow[]>`
    SELECT e.id, e.at, e.actor_id AS "actorId", u.name AS "actorName", e.action, e.entity_type AS "entityType", e.entity_id AS "entityId", e.before, e.after, e.reason
    FROM audit_entries e LEFT JOIN users u ON u.id = e.actor_id
    ${where}
    ORDER BY e.at DESC, e.id DESC
    LIMIT ${limit + 1}`;
  const items = rows.slice(0, limit).map((row): AuditEntryView => ({ ...row, at: row.at.toISOString() }));
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodePageCursor(new Date(last.at), last.id) : null };
}

const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

/** The page as CSV: one line per entry, before and after as JSON text. */
export function auditCsv(page: AuditPage): string {
  return toCsv(
    ['at', 'actor_id', 'actor_name', 'action', 'entity_type', 'entity_id', 'reason', 'before', 'after'],
    page.items.map((entry) => [entry.at, entry.actorId, entry.actorName, entry.action, entry.entityType, entry.entityId, entry.reason, json(entry.before), json(entry.after)]),
  );
}
