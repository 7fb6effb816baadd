import { AppError } from '../../src/errors/app-error';
import type { Prisma } from '../../src/generated/prisma/client';

export interface LockedAccount {
  id: string;
  status: Prisma.AccountGetPayload<object>['status'];
  segment: string | null;
  ownerId: string | null;
  wasClient: boolean;
  fields: Record<string, unknown>;
  timeZone: string;
  archivedAt: Date | null;
}

/** Locks the account row for the transaction: one writer per account at a time. */
export async function lockAccount(tx: Prisma.TransactionClient, accountId: string): Promise<LockedAccount> {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM accounts WHERE id = ${accountId}::uuid FOR UPDATE`;
  if (!rows.length) throw new AppError('NOT_FOUND', `account ${accountId} not found`);
  const account = await tx.account.findUniqueOrThrow({
    where: { id: accountId },
    select: { id: true, status: true, segment: true, ownerId: true, wasClient: true, fields: true, timeZone: true, archivedAt: true },
  });
  return { ...account, fields: (account.fields ?? {}) as Record<string, unknown> };
}

export const conflict = (message: string) => new AppError('CONFLICT', message);
