import type { DbClient } from '../db/prisma';
import { AppError } from '../errors/app-error';

export interface ActivityContact {
  id: string;
  name: string;
}

/**
 * The contact an activity is logged with, checked before the activity exists: it must be one of
 * the account's own contacts. An unknown id and another account's contact get the same 422, so a
 * manager learns nothing about contacts of accounts they cannot see.
 */
export async function resolveActivityContact(db: DbClient, accountId: string, contactId: string | undefined): Promise<ActivityContact | null> {
  if (!contactId) return null;
  const contact = await db.contact.findFirst({ where: { id: contactId, accountId }, select: { id: true, name: true } });
  if (!contact) {
    const message = `Contact ${contactId} is not one of account ${accountId}'s contacts`;
    throw new AppError('RULE_VIOLATION', message, [{ path: 'body.contactId', message }]);
  }
  return contact;
}

/** contactId and contactName of an activity view, from the row's contact (null when none). */
export function activityContactView(contact: ActivityContact | null): { contactId: string | null; contactName: string | null } {
  return { contactId: contact?.id ?? null, contactName: contact?.name ?? null };
}
