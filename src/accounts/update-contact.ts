import type { Db } from '../db/prisma';
import { AppError } from '../errors/app-error';
import type { Prisma } from '../generated/prisma/client';
import { loadAccountForCaller, type AccountCaller } from './account-access';
import type { UpdateContactRequest } from './accounts.schemas';
import type { ContactResponse } from './account-views.schemas';
import { toContactView } from './account-view';

/**
 * Changes a contact of an account the caller may change. A new e-mail is normalized as at
 * creation; making it primary takes that role from the previous primary contact. Suppression
 * (unsubscribed, bounced, do-not-contact) is not changed here.
 */
export async function updateContact(db: Db, caller: AccountCaller, accountId: string, contactId: string, request: UpdateContactRequest): Promise<ContactResponse> {
  return db.$transaction(async (tx) => {
    await loadAccountForCaller(tx, caller, accountId, { forWrite: true, lock: true });
    const contact = await tx.contact.findFirst({ where: { id: contactId, accountId }, select: { id: true } });
    if (!contact) throw new AppError('NOT_FOUND', `No contact ${contactId} on account ${accountId}`, [{ path: 'path.contactId', message: 'no such contact on this account' }]);
    const data: Prisma.ContactUncheckedUpdateInput = {};
    if (request.name !== undefined) data.name = request.name;
    if (request.email !== undefined) {
      data.email = request.email;
      data.emailNormalized = request.email ? request.email.trim().toLowerCase() : null;
    }
    if (request.phone !== undefined) data.phone = request.phone;
    if (request.title !== undefined) data.title = request.title;
    if (request.timeZone !== undefined) data.timeZone = request.timeZone;
    if (request.isPrimary) {
      await tx.contact.updateMany({ where: { accountId, isPrimary: true, id: { not: contactId } }, data: { isPrimary: false } });
      data.isPrimary = true;
    }
    return toContactView(await tx.contact.update({ where: { id: contactId }, data }));
  });
}
