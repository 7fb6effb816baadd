import type { Db, DbClient } from '../db/prisma';
import { isDatabaseUnavailable } from '../db/prisma-errors';
import { AppError } from '../errors/app-error';
import type { ImportResult } from './import.schemas';
import { emailKey, nameKey, planImport, type ExistingAccount, type ExistingContact } from './plan-import';
import { validateRows, type ValidRow } from './validate-rows';

// Well below PostgreSQL's 65,535 bind parameters per statement, whatever the row width.
const CHUNK = 1000;
// One lock for every import: two imports of the same new company must not both create it.
/** Held by whatever creates accounts from contact fields (imports, responses): they wait for each other. */
export const IMPORT_LOCK = 'accounts-import';
export interface ImportOptions {
  rows: unknown[];
  dryRun: boolean;
  firstRow: number;
  fieldName?: (field: string) => string;
}

/** Imports rows in one transaction: bad rows are reported, the good ones all land or nothing does. */
export async function importAccounts(db: Db, callerId: string, options: ImportOptions): Promise<ImportResult> {
  const { valid, rejected } = validateRows(options.rows, options.firstRow, options.fieldName);
  const answer = (counts: Pick<ImportResult, 'created' | 'merged'>): ImportResult => ({ dryRun: options.dryRun, ...counts, rejected, total: options.rows.length });
  if (valid.length === 0) return answer({ created: { accounts: 0, contacts: 0 }, merged: { accounts: 0, contacts: 0 } });
  try {
    return await db.$transaction(
      async (tx) => {
        const { plan } = await planUnderImportLock(tx, valid);
        if (!options.dryRun) await write(tx, callerId, plan);
        return answer(plan.counts);
      },
      { timeout: 120_000, maxWait: 30_000 },
    );
  } catch (error) {
    if (error instanceof AppError || isDatabaseUnavailable(error)) throw error;
    // Kept as the cause so the error log shows what PostgreSQL refused.
    const failure = new AppError('INTERNAL', 'The import failed and was rolled back: nothing from this file was written');
    failure.cause = error;
    throw failure;
  }
}

/**
 * What importing `valid` would do against the accounts and contacts there now, read under the import
 * lock (imports and responses creating accounts wait for each other); the caller's transaction holds it.
 */
export async function planUnderImportLock(tx: DbClient, valid: ValidRow[]) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${IMPORT_LOCK}))`;
  const accounts = await loadAccounts(tx, [...new Set(valid.map((row) => nameKey(row.data.accountName)))]);
  const emails = [...new Set(valid.flatMap((row) => (row.data.contact?.email ? [emailKey(row.data.contact.email)] : [])))];
  const contacts = await loadContacts(tx, emails, accounts.map((account) => account.id));
  return { existingAccounts: accounts, plan: planImport(valid, accounts, contacts) };
}

/** Existing accounts by trimmed, lower-cased name; an active one wins over an archived one, then the oldest. */
async function loadAccounts(tx: DbClient, keys: string[]): Promise<ExistingAccount[]> {
  return tx.$queryRaw<ExistingAccount[]>`
    SELECT DISTINCT ON (lower(btrim(name))) id, lower(btrim(name)) AS key
    FROM accounts WHERE lower(btrim(name)) = ANY(${keys}::text[])
    ORDER BY lower(btrim(name)), archived_at NULLS FIRST, created_at, id`;
}

/** Contacts with one of the file's e-mails (any account), and every contact of the accounts it names. */
async function loadContacts(tx: DbClient, emails: string[], accountIds: string[]): Promise<ExistingContact[]> {
  return tx.$queryRaw<ExistingContact[]>`
    SELECT id, account_id AS "accountId", lower(btrim(name)) AS "nameKey", email_normalized AS "emailNormalized", phone, title, time_zone AS "timeZone"
    FROM contacts
    WHERE email_normalized = ANY(${emails}::text[]) OR account_id = ANY(${accountIds}::uuid[])
    ORDER BY created_at, id`;
}

async function write(tx: DbClient, callerId: string, plan: ReturnType<typeof planImport>) {
  const now = new Date();
  for (const part of chunks(plan.newAccounts)) {
    await tx.account.createMany({
      data: part.map(({ id, row }) => ({
        id,
        name: row.accountName,
        segment: row.segment ?? null,
        timeZone: row.timeZone ?? 'UTC',
        fields: row.fields ?? {},
        leadSource: row.leadSource ?? null,
        status: 'NEW' as const,
        ownerId: null,
        createdAt: now,
      })),
    });
    // The history of an imported account starts like any other's: NEW, by whoever imported it.
    await tx.statusChange.createMany({
      data: part.map(({ id }) => ({ accountId: id, fromStatus: null, toStatus: 'NEW' as const, changedById: callerId, reason: 'imported', changedAt: now })),
    });
  }
  for (const part of chunks(plan.newContacts)) await tx.contact.createMany({ data: part.map((contact) => ({ ...contact, isPrimary: false })) });
  for (const part of chunks(plan.filledContacts)) {
    await tx.$executeRaw`
      UPDATE contacts c SET phone = COALESCE(c.phone, v.phone), title = COALESCE(c.title, v.title), time_zone = COALESCE(c.time_zone, v.time_zone)
      FROM unnest(${part.map((c) => c.id)}::uuid[], ${part.map((c) => c.phone)}::text[], ${part.map((c) => c.title)}::text[], ${part.map((c) => c.timeZone)}::text[])
        AS v(id, phone, title, time_zone)
      WHERE c.id = v.id`;
  }
}

function chunks<T>(items: T[]): T[][] {
  const parts: T[][] = [];
  for (let start = 0; start < items.length; start += CHUNK) parts.push(items.slice(start, start + CHUNK));
  return parts;
}
