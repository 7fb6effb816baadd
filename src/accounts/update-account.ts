import type { Db } from '../db/prisma';
import { AppError } from '../errors/app-error';
import { loadAccountForCaller, type AccountCaller } from './account-access';
import type { UpdateAccountRequest } from './accounts.schemas';
import type { AccountResponse } from './account-views.schemas';
import { toAccountView } from './account-view';

export const STATUS_CHANGE_REFUSED = 'status changes only through logged activities (or POST /accounts/:id/take for NEW accounts)';
export const OWNER_CHANGE_REFUSED = 'ownership changes only by taking a NEW account into work (POST /accounts/:id/take)';

/**
 * Changes an account's descriptive data. Its status and owner are refused (422) whatever the
 * caller: they change through activities and take. An archived account changes no more (409).
 */
export async function updateAccount(db: Db, caller: AccountCaller, accountId: string, request: UpdateAccountRequest): Promise<AccountResponse> {
  const { status, ownerId, ...changes } = request;
  if (status !== undefined) throw new AppError('RULE_VIOLATION', STATUS_CHANGE_REFUSED, [{ path: 'body.status', message: STATUS_CHANGE_REFUSED }]);
  if (ownerId !== undefined) throw new AppError('RULE_VIOLATION', OWNER_CHANGE_REFUSED, [{ path: 'body.ownerId', message: OWNER_CHANGE_REFUSED }]);
  return db.$transaction(async (tx) => {
    await loadAccountForCaller(tx, caller, accountId, { forWrite: true, lock: true });
    const account = await tx.account.update({ where: { id: accountId }, data: changes });
    return toAccountView(account);
  });
}
