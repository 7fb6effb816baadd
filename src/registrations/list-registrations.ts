import type { DbClient } from '../db/prisma';
import { Prisma } from '../generated/prisma/client';
import { encodePageCursor } from '../schemas/page-cursor';
import { readEventForRegistration } from './event-for-registration';
import type { ListRegistrationsQuery, RegistrationPage } from './registrations.schemas';
import { registrationBaseColumns, registrationTables, toRegistrationView, type RegistrationRow } from './registration-view';

/** `text` matched literally inside ILIKE: its own %, _ and \ are not wildcards. */
const likeContaining = (text: string) => `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;

/**
 * One page of an event's registrations in the order people registered (registeredAt, then id): the
 * waiting list's order, so WAITING ones come in their places. `q` finds a name or e-mail containing it,
 * whatever the case (the check-in page's search). An unknown event is a 404.
 */
export async function listRegistrations(db: DbClient, eventId: string, query: ListRegistrationsQuery): Promise<RegistrationPage> {
  await readEventForRegistration(db, eventId, { forUpdate: false });
  const conditions: Prisma.Sql[] = [Prisma.sql`r.event_id = CAST(${eventId} AS uuid)`];
  if (query.status) conditions.push(Prisma.sql`r.status = CAST(${query.status} AS "RegistrationStatus")`);
  if (query.q) {
    const pattern = likeContaining(query.q);
    conditions.push(Prisma.sql`(c.name ILIKE ${pattern} OR c.email ILIKE ${pattern})`);
  }
  if (query.cursor) conditions.push(Prisma.sql`(r.registered_at, r.id) > (CAST(${query.cursor.exactAt} AS timestamptz), CAST(${query.cursor.id} AS uuid))`);
  const rows = await db.$queryRaw<(RegistrationRow & { exactRegisteredAt: string })[]>`
    SELECT w.position AS "waitingPosition", ${registrationBaseColumns},
      to_char(r.registered_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "exactRegisteredAt"
    FROM ${registrationTables}
    LEFT JOIN (
      SELECT id, row_number() OVER (ORDER BY registered_at, id) AS position
      FROM event_registrations WHERE event_id = CAST(${eventId} AS uuid) AND status = 'WAITING'
    ) w ON w.id = r.id
    WHERE ${Prisma.join(conditions, ' AND ')}
    ORDER BY r.registered_at, r.id
    LIMIT ${query.limit + 1}`;
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  // The cursor keeps the microseconds that order registrations decided in the same millisecond.
  return { items: page.map(toRegistrationView), nextCursor: rows.length > query.limit && last ? encodePageCursor(last.exactRegisteredAt, last.id) : null };
}
