import type { Caller } from '../auth/caller';
import type { DbClient } from '../db/prisma';
import { AppError } from '../errors/app-error';
import type { Account } from '../generated/prisma/client';

export type AccountCaller = Pick<Caller, 'id' | 'role'>;

export interface LoadAccountOptions {
  /** The caller means to change the account (or something of it): see loadAccountForCaller. */
  forWrite: boolean;
  /**
   * Takes a row lock (SELECT … FOR UPDATE) before reading, so the checks still hold when the
   * transaction commits. Only meaningful when `db` is a transaction client.
   */
  lock?: boolean;
}

/** True when a manager may see the account without owning it: the pool of NEW accounts to take. */
export function isInPool(account: Pick<Account, 'ownerId' | 'status' | 'archivedAt'>): boolean {
  return account.ownerId === null && account.status === 'NEW' && account.archivedAt === null;
}

/**
 * Answers the account the caller may work on, or throws.
 *
 * - Unknown id: NOT_FOUND.
 * - admin and marketer: every account, archived ones included.
 * - manager: the accounts they own, plus the pool (unowned, NEW, not archived). Any other
 *   account answers NOT_FOUND, exactly as an unknown id, so its existence does not leak.
 *
 * With `forWrite: true`, additionally:
 * - a manager who sees a pool account without owning it: FORBIDDEN ("take it into work
 *   first"). A "take" route must therefore call with `forWrite: false` and check the pool
 *   itself (isInPool), with a conditional update so that two concurrent takes cannot both win.
 * - an archived account: CONFLICT (archived accounts keep their history and change no more).
 *
 * Access is checked before the archive, so a manager never learns that someone else's account
 * is archived.
 */
export async function loadAccountForCaller(db: DbClient, caller: AccountCaller, accountId: string, options: LoadAccountOptions): Promise<Account> {
  if (options.lock) await db.$queryRaw`SELECT 1 FROM accounts WHERE id = CAST(${accountId} AS uuid) FOR UPDATE`;
  const account = await db.account.findUnique({ where: { id: accountId } });
  if (!account) throw notFound(accountId);
  if (caller.role === 'manager' && account.ownerId !== caller.id) {
    if (!isInPool(account)) throw notFound(accountId);
    if (options.forWrite) {
      throw new AppError('FORBIDDEN', `Account ${accountId} is not yours: take it into work first (POST /api/v1/accounts/${accountId}/take)`);
    }
  }
  if (options.forWrite && account.archivedAt) {
    throw new AppError('CONFLICT', `Account ${accountId} is archived and can no longer change`);
  }
  return account;
}

function notFound(accountId: string): AppError {
  return new AppError('NOT_FOUND', `No account ${accountId}`);
}
