import { loadAccountForCaller, type AccountCaller } from '../accounts/account-access';
import { encodePageCursor } from '../schemas/page-cursor';
import type { DbClient } from '../db/prisma';
import type { Prisma } from '../generated/prisma/client';
import type { AccountTimerPage, AccountTimersQuery } from './account-timers.schemas';
import { timerSelect, toTimerView } from './lifecycle-views';

const select = { ...timerSelect, taskId: true, activityId: true, createdAt: true, settledAt: true } as const;

/**
 * Every timer of one account, pending or ended, latest started first: the account page shows
 * pending timers only, and a timeline also needs the ones that fired or were cancelled, and why.
 * Whoever may read the account may read its timers (a manager: their own accounts and the pool).
 */
export async function listAccountTimers(db: DbClient, caller: AccountCaller, accountId: string, query: AccountTimersQuery): Promise<AccountTimerPage> {
  await loadAccountForCaller(db, caller, accountId, { forWrite: false });
  const where: Prisma.TimerWhereInput = { accountId, ...(query.state ? { state: query.state.toUpperCase() as 'PENDING' } : {}) };
  const after = query.cursor;
  const rows = await db.timer.findMany({
    where: after ? { AND: [where, { OR: [{ createdAt: { lt: after.at } }, { createdAt: after.at, id: { lt: after.id } }] }] } : where,
    select,
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(({ taskId, activityId, createdAt, settledAt, ...timer }) => ({
      ...toTimerView(timer),
      taskId,
      activityId,
      createdAt: createdAt.toISOString(),
      settledAt: settledAt?.toISOString() ?? null,
    })),
    nextCursor: rows.length > query.limit && last ? encodePageCursor(last.createdAt, last.id) : null,
  };
}
