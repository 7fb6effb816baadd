import { loadAccountForCaller, type AccountCaller } from '../accounts/account-access';
import type { DbClient } from '../db/prisma';
import { Prisma } from '../generated/prisma/client';
import type { AccountEventPage, AccountEventView, CustomerViewQuery } from './customer-view.schemas';
import { belowCursor, isoOrNull, toPage, type SortedRow } from './section-page';

type Dates = 'startsAt' | 'endsAt' | 'registeredAt' | 'cancelledAt' | 'checkedInAt';
type Row = SortedRow & Omit<AccountEventView, Dates> & Record<Dates, Date | null>;

/**
 * The events the account's contacts registered for (waiting and cancelled included), latest
 * registration first, with whether each attended (event_registrations_account_id_idx). registered_at
 * keeps microseconds, so the cursor carries them.
 */
export async function listAccountEvents(db: DbClient, caller: AccountCaller, accountId: string, query: CustomerViewQuery): Promise<AccountEventPage> {
  await loadAccountForCaller(db, caller, accountId, { forWrite: false });
  const rows = await db.$queryRaw<Row[]>`
    SELECT r.id::text AS "registrationId", to_char(r.registered_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "sortAt", r.id::text AS "sortId",
      e.id::text AS "eventId", e.name AS "eventName", e.kind AS "eventKind", e.status::text AS "eventStatus",
      e.starts_at AS "startsAt", e.ends_at AS "endsAt", e.time_zone AS "timeZone",
      r.contact_id::text AS "contactId", ct.name AS "contactName", r.status::text AS status,
      r.checked_in_at IS NOT NULL AS attended, r.no_show AS "noShow", r.invited, r.channel, r.source_code AS "sourceCode",
      r.registered_at AS "registeredAt", r.cancelled_at AS "cancelledAt", r.checked_in_at AS "checkedInAt"
    FROM event_registrations r
    JOIN events e ON e.id = r.event_id
    LEFT JOIN contacts ct ON ct.id = r.contact_id
    WHERE r.account_id = CAST(${accountId} AS uuid) AND ${belowCursor(Prisma.sql`r.registered_at`, Prisma.sql`r.id`, query.cursor)}
    ORDER BY r.registered_at DESC, r.id DESC
    LIMIT ${query.limit + 1}`;
  return toPage(rows, query.limit, ({ sortAt: _at, sortId: _id, ...row }) => ({
    ...row,
    startsAt: isoOrNull(row.startsAt),
    endsAt: isoOrNull(row.endsAt),
    registeredAt: row.registeredAt!.toISOString(),
    cancelledAt: isoOrNull(row.cancelledAt),
    checkedInAt: isoOrNull(row.checkedInAt),
  }));
}
