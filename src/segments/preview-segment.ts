import type { Caller } from '../auth/caller';
import type { DbClient } from '../db/prisma';
import { Prisma } from '../generated/prisma/client';
import { criteriaToSql } from './criteria-to-sql';
import { SegmentCriteria } from './segment-criteria.schemas';
import type { SegmentPreview } from './segments.schemas';

// A contact a mailing would skip; still counted in `count`, reported apart.
const suppressed = Prisma.sql`(c.do_not_contact OR c.unsubscribed_at IS NOT NULL OR c.bounced_at IS NOT NULL
  OR c.email_normalized IS NULL OR c.email_normalized = '')`;

/** Managers see only what the accounts list shows them: their own accounts and the unowned NEW pool. */
function visibleTo(caller: Caller): Prisma.Sql {
  if (caller.role !== 'manager') return Prisma.sql`TRUE`;
  return Prisma.sql`(a.owner_id = CAST(${caller.id} AS uuid) OR (a.owner_id IS NULL AND a.status = 'NEW'))`;
}

/** Counts and a sample of the contacts the criteria select, set-based: one COUNT query and one sample query. */
export async function previewCriteria(db: DbClient, caller: Caller, criteria: unknown, sampleSize: number): Promise<SegmentPreview> {
  // Parsed again here: saved criteria may predate a change of the rules they were checked against.
  const where = Prisma.sql`${criteriaToSql(SegmentCriteria.parse(criteria))} AND ${visibleTo(caller)}`;
  const [counts] = await db.$queryRaw<{ count: number; accounts: number; suppressed: number }[]>`
    SELECT count(*)::int AS count, count(DISTINCT a.id)::int AS accounts, (count(*) FILTER (WHERE ${suppressed}))::int AS suppressed
    FROM contacts c JOIN accounts a ON a.id = c.account_id
    WHERE ${where}`;
  const sample = sampleSize === 0 ? [] : await db.$queryRaw<SegmentPreview['sample']>`
    SELECT c.id::text AS "contactId", c.name AS "contactName", c.email, a.id::text AS "accountId", a.name AS "accountName", a.status::text AS "accountStatus"
    FROM contacts c JOIN accounts a ON a.id = c.account_id
    WHERE ${where}
    ORDER BY a.name, c.name, c.id
    LIMIT ${sampleSize}`;
  return { count: counts.count, accounts: counts.accounts, suppressed: counts.suppressed, sample };
}
