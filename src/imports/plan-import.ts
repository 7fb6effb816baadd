import { randomUUID } from 'node:crypto';
import type { ValidRow } from './validate-rows';

export interface ExistingAccount {
  id: string;
  key: string;
}
export interface ExistingContact {
  id: string;
  accountId: string;
  nameKey: string;
  emailNormalized: string | null;
  phone: string | null;
  title: string | null;
  timeZone: string | null;
}

interface PlannedContact {
  id: string;
  accountId: string;
  name: string;
  email: string | null;
  emailNormalized: string | null;
  phone: string | null;
  title: string | null;
  timeZone: string | null;
}

export const nameKey = (name: string) => name.trim().toLowerCase();
export const emailKey = (email: string) => email.trim().toLowerCase();

/**
 * Decides, in memory, what an import writes: rows are matched against the existing rows loaded for the
 * file's keys and against the rows before them in the same file, so the database sees a few set writes.
 */
export function planImport(rows: ValidRow[], existingAccounts: ExistingAccount[], existingContacts: ExistingContact[]) {
  const accountsByKey = new Map(existingAccounts.map((account) => [account.key, { id: account.id, isNew: false }]));
  const newAccounts: { id: string; row: ValidRow['data'] }[] = [];
  const touchedExisting = new Set<string>();
  // Contacts known so far, existing or planned: by e-mail, and by account + name for those without one.
  const byEmail = new Map<string, PlannedContact | ExistingContact>();
  const byAccountAndName = new Map<string, PlannedContact | ExistingContact>();
  for (const contact of existingContacts) {
    if (contact.emailNormalized && !byEmail.has(contact.emailNormalized)) byEmail.set(contact.emailNormalized, contact);
    byAccountAndName.set(`${contact.accountId}\u0000${contact.nameKey}`, contact);
  }
  const newContacts: PlannedContact[] = [];
  const filledContacts = new Map<string, ExistingContact>();
  let mergedContacts = 0;

  for (const { data } of rows) {
    const key = nameKey(data.accountName);
    let account = accountsByKey.get(key);
    if (!account) {
      account = { id: randomUUID(), isNew: true };
      accountsByKey.set(key, account);
      newAccounts.push({ id: account.id, row: data });
    } else if (!account.isNew) touchedExisting.add(account.id);
    if (!data.contact) continue;

    const { name, email, phone, title, timeZone } = data.contact;
    const normalized = email ? emailKey(email) : null;
    const known = normalized ? byEmail.get(normalized) : byAccountAndName.get(`${account.id}\u0000${nameKey(name)}`);
    if (known) {
      // A duplicate only fills what the contact lacks: an import never overwrites what someone entered.
      mergedContacts += 1;
      const fillsSomething = (!known.phone && phone) || (!known.title && title) || (!known.timeZone && timeZone);
      known.phone ??= phone ?? null;
      known.title ??= title ?? null;
      known.timeZone ??= timeZone ?? null;
      if (fillsSomething && 'nameKey' in known) filledContacts.set(known.id, known);
      continue;
    }
    const contact: PlannedContact = { id: randomUUID(), accountId: account.id, name, email: email ?? null, emailNormalized: normalized, phone: phone ?? null, title: title ?? null, timeZone: timeZone ?? null };
    newContacts.push(contact);
    if (normalized) byEmail.set(normalized, contact);
    byAccountAndName.set(`${account.id}\u0000${nameKey(name)}`, contact);
  }
  return {
    newAccounts,
    newContacts,
    filledContacts: [...filledContacts.values()],
    counts: { created: { accounts: newAccounts.length, contacts: newContacts.length }, merged: { accounts: touchedExisting.size, contacts: mergedContacts } },
  };
}
