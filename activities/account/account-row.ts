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

/** Locks the account row for the transaction (one writer per account at a time) and reads it, in one statement. */
export async function lockAccount(tx: Prisma.TransactionClient, accountId: string): Promise<LockedAccount> {
  const [account] = await tx.$queryRaw<LockedAccount[]>`
    SELECT id::text AS id, status::text AS status, segment, owner_id::text AS "ownerId", was_client AS "wasClient", fields, time_zone AS "timeZone", archived_at AS "archivedAt"
    FROM accounts WHERE id = ${accountId}::uuid FOR UPDATE`;
  if (!account) throw new AppError('NOT_FOUND', `account ${accountId} not found`);
  return { ...account, fields: (account.fields ?? {}) as Record<string, unknown> };
}

export const conflict = (message: string) => new AppError('CONFLICT', message);
