import type { AccountCaller } from './account-access';
import type { DbClient, Db } from '../db/prisma';
import type { ContactInput, CreateAccountRequest } from './accounts.schemas';
import type { CreatedAccountResponse } from './account-views.schemas';
import { toAccountView, toContactView } from './account-view';

/** The row of one contact, with its e-mail normalized for duplicate detection and suppression. */
export function contactData(accountId: string, contact: ContactInput) {
  return {
    accountId,
    name: contact.name,
    email: contact.email ?? null,
    emailNormalized: contact.email ? contact.email.trim().toLowerCase() : null,
    phone: contact.phone ?? null,
    title: contact.title ?? null,
    isPrimary: contact.isPrimary ?? false,
    timeZone: contact.timeZone ?? null,
  };
}

/**
 * Creates a NEW, unowned account with its contacts in one transaction, whoever the caller is:
 * a manager then takes it into work. Its history starts with the creation (no previous status).
 */
export async function createAccount(db: Db, caller: AccountCaller, request: CreateAccountRequest): Promise<CreatedAccountResponse> {
  return db.$transaction(async (tx) => {
    const account = await tx.account.create({
      data: {
        name: request.name,
        segment: request.segment ?? null,
        timeZone: request.timeZone,
        fields: request.fields ?? {},
        leadSource: request.leadSource ?? null,
        status: 'NEW',
        ownerId: null,
      },
    });
    await tx.statusChange.create({
      data: { accountId: account.id, fromStatus: null, toStatus: 'NEW', changedById: caller.id, reason: 'created', changedAt: account.createdAt },
    });
    const contacts = await createContacts(tx, account.id, request.contacts ?? []);
    return { account: toAccountView(account), contacts: contacts.map(toContactView) };
  });
}

async function createContacts(tx: DbClient, accountId: string, contacts: ContactInput[]) {
  if (contacts.length === 0) return [];
  return tx.contact.createManyAndReturn({ data: contacts.map((contact) => contactData(accountId, contact)) });
}
