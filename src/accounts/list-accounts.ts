import type { DbClient } from '../db/prisma';
import { Prisma } from '../generated/prisma/client';
import type { AccountCaller } from './account-access';
import { encodePageCursor } from '../schemas/page-cursor';
import type { ListAccountsQuery } from './accounts.schemas';
import type { AccountList } from './account-views.schemas';
import { toAccountSummary } from './account-view';
import { accountSummarySelect } from './account-views.schemas';

/**
 * One page of the accounts the caller may see, newest first (createdAt desc, id desc).
 * A manager sees the accounts they own plus the pool (unowned NEW accounts, not archived);
 * marketers and admins see all. Archived accounts are left out unless includeArchived.
 */
export async function listAccounts(db: DbClient, caller: AccountCaller, query: ListAccountsQuery): Promise<AccountList> {
  const where = whereClause(caller, query);
  // The text search needs EXISTS over contacts (no relation in the schema), so the page's ids
  // come from SQL, and the rows from Prisma.
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT a.id::text AS id FROM accounts a
    WHERE ${where}
    ORDER BY a.created_at DESC, a.id DESC
    LIMIT ${query.limit + 1}`;
  const pageIds = rows.slice(0, query.limit).map((row) => row.id);
  const accounts = await db.account.findMany({ where: { id: { in: pageIds } }, select: accountSummarySelect });
  const byId = new Map(accounts.map((account) => [account.id, account]));
  const items = pageIds.flatMap((id) => {
    const account = byId.get(id);
    return account ? [toAccountSummary(account)] : [];
  });
  const last = items.at(-1);
  const nextCursor = rows.length > query.limit && last ? encodePageCursor(new Date(last.createdAt), last.id) : null;
  return { items, nextCursor };
}

function whereClause(caller: AccountCaller, query: ListAccountsQuery): Prisma.Sql {
  const conditions: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (!query.includeArchived) conditions.push(Prisma.sql`a.archived_at IS NULL`);
  if (query.status) conditions.push(Prisma.sql`a.status = ANY(CAST(${query.status} AS "AccountStatus"[]))`);
  if (query.segment) conditions.push(Prisma.sql`a.segment = ${query.segment}`);
  const ownerId = query.owner === 'me' ? caller.id : query.ownerId;
  if (ownerId) conditions.push(Prisma.sql`a.owner_id = CAST(${ownerId} AS uuid)`);
  if (caller.role === 'manager') {
    conditions.push(
      Prisma.sql`(a.owner_id = CAST(${caller.id} AS uuid) OR (a.owner_id IS NULL AND a.status = 'NEW' AND a.archived_at IS NULL))`,
    );
  }
  if (query.q) {
    const pattern = `%${query.q.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
    conditions.push(Prisma.sql`(a.name ILIKE ${pattern} OR EXISTS (
      SELECT 1 FROM contacts c WHERE c.account_id = a.id AND (c.name ILIKE ${pattern} OR c.email_normalized ILIKE ${pattern})))`);
  }
  if (query.cursor) {
    conditions.push(Prisma.sql`(a.created_at, a.id) < (CAST(${query.cursor.at} AS timestamptz), CAST(${query.cursor.id} AS uuid))`);
  }
  return Prisma.join(conditions, ' AND ');
}
