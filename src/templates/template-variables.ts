import type { DbClient } from '../db/prisma';
import type { TemplateVariables } from './render-template';

export interface RecipientContext {
  variables: TemplateVariables;
  contact: { id: string; name: string; email: string | null } | null;
  owner: { id: string; name: string; email: string } | null;
}

/**
 * The variables of one account's e-mail: the account, one of its contacts (the given one, else
 * the primary, else the first) and its owner. Undefined when the account does not exist.
 */
export async function loadRecipientContext(db: DbClient, accountId: string, options: { contactId?: string } = {}): Promise<RecipientContext | undefined> {
  const account = await db.account.findUnique({ where: { id: accountId }, select: { name: true, segment: true, fields: true, ownerId: true } });
  if (!account) return undefined;
  const [contact, owner] = await Promise.all([
    db.contact.findFirst({
      where: { accountId, ...(options.contactId ? { id: options.contactId } : {}) },
      orderBy: [{ isPrimary: 'desc' }, { createdAt: 'asc' }, { id: 'asc' }],
      select: { id: true, name: true, email: true, title: true },
    }),
    account.ownerId ? db.user.findUnique({ where: { id: account.ownerId }, select: { id: true, name: true, email: true } }) : null,
  ]);
  const fields = account.fields && typeof account.fields === 'object' && !Array.isArray(account.fields) ? account.fields : {};
  return {
    variables: {
      // Custom fields first: a field called "name" must not hide the account's real name.
      account: { ...fields, name: account.name, segment: account.segment },
      contact: contact ? { name: contact.name, email: contact.email, title: contact.title } : {},
      owner: owner ? { name: owner.name, email: owner.email } : {},
    },
    contact: contact ? { id: contact.id, name: contact.name, email: contact.email } : null,
    owner,
  };
}
