import type { Db } from '../db/prisma';
import { loadAccountForCaller, type AccountCaller } from './account-access';
import type { ContactInput } from './accounts.schemas';
import type { ContactResponse } from './account-views.schemas';
import { toContactView } from './account-view';
import { contactData } from './create-account';

/** Adds a contact to an account the caller may change; a new primary contact replaces the old one. */
export async function addContact(db: Db, caller: AccountCaller, accountId: string, contact: ContactInput): Promise<ContactResponse> {
  return db.$transaction(async (tx) => {
    await loadAccountForCaller(tx, caller, accountId, { forWrite: true, lock: true });
    if (contact.isPrimary) await tx.contact.updateMany({ where: { accountId, isPrimary: true }, data: { isPrimary: false } });
    return toContactView(await tx.contact.create({ data: contactData(accountId, contact) }));
  });
}
