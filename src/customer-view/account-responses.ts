import { loadAccountForCaller, type AccountCaller } from '../accounts/account-access';
import type { DbClient } from '../db/prisma';
import { Prisma } from '../generated/prisma/client';
import type { AccountResponsePage, AccountResponseView, CustomerViewQuery } from './customer-view.schemas';
import { belowCursor, toPage, type SortedRow } from './section-page';

type Row = SortedRow & Omit<AccountResponseView, 'occurredAt'>;

/** The account's responses to campaigns, latest first, each with its campaign and sub-source (responses_account_id_idx). */
export async function listAccountResponses(db: DbClient, caller: AccountCaller, accountId: string, query: CustomerViewQuery): Promise<AccountResponsePage> {
  await loadAccountForCaller(db, caller, accountId, { forWrite: false });
  const rows = await db.$queryRaw<Row[]>`
    SELECT r.id::text AS id, r.occurred_at AS "sortAt", r.id::text AS "sortId", r.type::text AS type,
      r.campaign_id::text AS "campaignId", c.name AS "campaignName",
      r.source_id::text AS "sourceId", s.code AS "sourceCode", s.name AS "sourceName", s.channel AS "sourceChannel",
      r.contact_id::text AS "contactId", ct.name AS "contactName", r.created_account AS "createdAccount"
    FROM responses r
    JOIN campaigns c ON c.id = r.campaign_id
    JOIN campaign_sources s ON s.id = r.source_id
    LEFT JOIN contacts ct ON ct.id = r.contact_id
    WHERE r.account_id = CAST(${accountId} AS uuid) AND ${belowCursor(Prisma.sql`r.occurred_at`, Prisma.sql`r.id`, query.cursor)}
    ORDER BY r.occurred_at DESC, r.id DESC
    LIMIT ${query.limit + 1}`;
  return toPage(rows, query.limit, ({ sortAt, sortId: _id, ...row }) => ({ ...row, occurredAt: new Date(sortAt).toISOString() }));
}
