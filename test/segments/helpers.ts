import type { Db } from '../../src/db/prisma';
import type { Prisma } from '../../src/generated/prisma/client';

export interface SeedContact {
  name: string;
  email?: string;
  title?: string;
  doNotContact?: boolean;
  unsubscribedAt?: Date;
  bouncedAt?: Date;
}

/** An account and its contacts straight in the database: faster than the API, and sets dates the API does not. */
export async function seedAccount(db: Db, data: Prisma.AccountUncheckedCreateInput, contacts: SeedContact[]) {
  const account = await db.account.create({ data, select: { id: true } });
  await db.contact.createMany({
    data: contacts.map((contact) => ({ ...contact, accountId: account.id, emailNormalized: contact.email?.toLowerCase() ?? null })),
  });
  return account.id;
}

export const leaf = (field: string, op: string, value?: unknown) => ({ field, op, ...(value === undefined ? {} : { value }) });
export const custom = (key: string, op: string, value?: unknown) => ({ ...leaf('account.fields', op, value), key });
