import type { Db } from '../db/prisma';
import { planUnderImportLock, type ImportOptions } from './import-accounts';
import type { ImportCheckResult, ImportRowCheck } from './import-check.schemas';
import { nameKey, planImport, type ExistingAccount } from './plan-import';
import { validateRows, type ValidRow } from './validate-rows';

export type CheckImportOptions = Omit<ImportOptions, 'dryRun'>;

/**
 * What importing each row would do, writing nothing: the same validation and the same plan as
 * POST /accounts/import (so the counts equal its dry run), told row by row for the person who fixes the file.
 */
export async function checkImport(db: Db, options: CheckImportOptions): Promise<ImportCheckResult> {
  const { valid, rejected } = validateRows(options.rows, options.firstRow, options.fieldName);
  // Read as an import reads: a check run while an import writes sees its rows.
  const { existingAccounts, plan } = await db.$transaction((tx) => planUnderImportLock(tx, valid));
  const accepted = new Map(rowOutcomes(valid, existingAccounts, plan).map((outcome) => [outcome.row, outcome]));
  const reasons = new Map(rejected.map((row) => [row.row, row.reasons]));
  const rows = options.rows.map((value, index): ImportRowCheck => {
    const row = options.firstRow + index;
    return accepted.get(row) ?? { row, outcome: 'rejected', ...namesOf(value), account: null, contact: null, reasons: reasons.get(row) ?? [] };
  });
  return { total: options.rows.length, ...plan.counts, rows };
}

type Plan = ReturnType<typeof planImport>;

/**
 * Reads each valid row's outcome off the plan. An account is new when the plan created it from this
 * very row (planImport keeps the row object), and planImport adds at most one contact per row, in row
 * order: the next planned contact is this row's when it carries this row's account, name and e-mail.
 * Rows that are alike (same contact, same account) all share one outcome after the first, so the
 * match cannot pick the wrong one.
 */
function rowOutcomes(valid: ValidRow[], existingAccounts: ExistingAccount[], plan: Plan): ImportRowCheck[] {
  const existing = new Map(existingAccounts.map((account) => [account.key, account.id]));
  const createdFrom = new Set(plan.newAccounts.map((account) => account.row));
  const newIds = new Map(plan.newAccounts.map((account) => [nameKey(account.row.accountName), account.id]));
  let nextContact = 0;
  const outcomes = valid.map(({ row, data }): ImportRowCheck => {
    const key = nameKey(data.accountName);
    const account = createdFrom.has(data) ? 'created' : existing.has(key) ? 'existing' : 'earlier-row';
    const accountId = existing.get(key) ?? newIds.get(key);
    let contact: ImportRowCheck['contact'] = 'none';
    if (data.contact) {
      const planned = plan.newContacts[nextContact];
      const isThisRow = planned && planned.accountId === accountId && planned.name === data.contact.name && planned.email === (data.contact.email ?? null);
      contact = isThisRow ? 'created' : 'merged';
      if (isThisRow) nextContact += 1;
    }
    return { row, outcome: 'accepted', accountName: data.accountName, contactName: data.contact?.name ?? null, email: data.contact?.email ?? null, account, contact, reasons: [] };
  });
  if (nextContact !== plan.newContacts.length) throw new Error(`Import check: ${plan.newContacts.length} planned contacts, ${nextContact} matched to rows`);
  return outcomes;
}

/** The names a rejected row gives, when they are text, so the report says which row it is. */
function namesOf(value: unknown): Pick<ImportRowCheck, 'accountName' | 'contactName' | 'email'> {
  const text = (candidate: unknown) => (typeof candidate === 'string' ? candidate : null);
  const row = value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  const contact = row.contact && typeof row.contact === 'object' ? (row.contact as Record<string, unknown>) : {};
  return { accountName: text(row.accountName), contactName: text(contact.name), email: text(contact.email) };
}
