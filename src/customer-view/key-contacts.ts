import { loadAccountForCaller, type AccountCaller } from '../accounts/account-access';
import type { DbClient } from '../db/prisma';
import { Prisma } from '../generated/prisma/client';
import type { CustomerViewQuery, KeyContactPage, KeyContactView } from './customer-view.schemas';
import { toPage, type SortedRow } from './section-page';

type Row = Omit<KeyContactView, 'lastInteractionAt' | 'activities' | 'responses' | 'eventsAttended'> & {
  lastInteractionAt: Date | null;
  activities: number;
  responses: number;
  eventsAttended: number;
  rank: number;
};

/**
 * The account's contacts by importance: the primary contact first (the one the account names), then who
 * engaged last (an activity with them, a response, an event they attended), then who engaged most, then
 * the oldest, then by name. The ranking is computed over the account's contacts (a few, by contacts_account_id_idx),
 * so a page's cursor holds the last contact and its rank: the next page starts after that contact
 * where it ranks now, or after the rank if it is gone.
 */
export async function listKeyContacts(db: DbClient, caller: AccountCaller, accountId: string, query: CustomerViewQuery): Promise<KeyContactPage> {
  await loadAccountForCaller(db, caller, accountId, { forWrite: false });
  const account = Prisma.sql`CAST(${accountId} AS uuid)`;
  const cursor = query.cursor;
  const after = cursor
    ? Prisma.sql`rank > COALESCE((SELECT rank FROM ranked WHERE "contactId" = ${cursor.id}), ${cursor.at.getTime()})`
    : Prisma.sql`TRUE`;
  const rows = await db.$queryRaw<Row[]>`
    WITH engaged AS (
      SELECT ct.*, act.n AS activities, act.last AS last_activity, resp.n AS responses, resp.last AS last_response, ev.n AS events_attended, ev.last AS last_event
      FROM contacts ct
      CROSS JOIN LATERAL (SELECT count(*)::int AS n, max(a.occurred_at) AS last FROM activities a WHERE a.contact_id = ct.id AND a.state = 'APPLIED') act
      CROSS JOIN LATERAL (SELECT count(*)::int AS n, max(r.occurred_at) AS last FROM responses r WHERE r.account_id = ${account} AND r.contact_id = ct.id) resp
      CROSS JOIN LATERAL (
        SELECT count(*)::int AS n, max(g.checked_in_at) AS last FROM event_registrations g
        WHERE g.account_id = ${account} AND g.contact_id = ct.id AND g.checked_in_at IS NOT NULL
      ) ev
      WHERE ct.account_id = ${account}
    ),
    ranked AS (
      SELECT id::text AS "contactId", name, title, email, phone, is_primary AS "isPrimary",
        CASE WHEN do_not_contact THEN 'DO_NOT_CONTACT' WHEN unsubscribed_at IS NOT NULL THEN 'UNSUBSCRIBED' WHEN bounced_at IS NOT NULL THEN 'BOUNCED' END AS "unreachableReason",
        GREATEST(last_activity, last_response, last_event) AS "lastInteractionAt", activities, responses, events_attended AS "eventsAttended",
        row_number() OVER (
          ORDER BY is_primary DESC, GREATEST(last_activity, last_response, last_event) DESC NULLS LAST, activities + responses + events_attended DESC, created_at, name, id
        )::int AS rank
      FROM engaged
    )
    SELECT * FROM ranked WHERE ${after} ORDER BY rank LIMIT ${query.limit + 1}`;
  // The rank travels in the cursor's time part (milliseconds after the epoch): the cursor stays opaque.
  const sorted = rows.map((row) => ({ ...row, sortAt: new Date(row.rank), sortId: row.contactId }) satisfies Row & SortedRow);
  return toPage(sorted, query.limit, ({ sortAt: _at, sortId: _id, rank: _rank, lastInteractionAt, unreachableReason, ...row }) => ({
    ...row,
    unreachableReason,
    reachable: unreachableReason === null,
    lastInteractionAt: lastInteractionAt?.toISOString() ?? null,
  }));
}
