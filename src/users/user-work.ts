import { getApprovalInbox } from '../approvals/approval-inbox';
import type { DbClient } from '../db/prisma';
import { AppError } from '../errors/app-error';
import type { UserWork } from './users.schemas';
import { toUserView, userViewSelect } from './user-view';

const LISTED = 50;

/** What a user has in hand, for the admin deciding whom to give it to: counts, and the first accounts and tasks. */
export async function getUserWork(db: DbClient, userId: string) {
  const user = await db.user.findUnique({ where: { id: userId }, select: userViewSelect });
  if (!user) throw new AppError('NOT_FOUND', `No user ${userId}`);
  const inWork = { ownerId: userId, archivedAt: null };
  const openTasks = { assigneeId: userId, state: 'OPEN' as const };
  const [accountsInWork, openTaskCount, accounts, tasks, approvals] = await Promise.all([
    db.account.count({ where: inWork }),
    db.task.count({ where: openTasks }),
    db.account.findMany({ where: inWork, select: { id: true, name: true, status: true }, orderBy: [{ name: 'asc' }, { id: 'asc' }], take: LISTED }),
    db.task.findMany({ where: openTasks, select: { id: true, title: true, dueAt: true, accountId: true }, orderBy: [{ dueAt: 'asc' }, { id: 'asc' }], take: LISTED }),
    getApprovalInbox(db, user, { scope: 'mine' }),
  ]);
  const work: UserWork = {
    accountsInWork,
    openTasks: openTaskCount,
    pendingApprovals: approvals.counts.total,
    accounts,
    tasks: tasks.map((task) => ({ ...task, dueAt: task.dueAt.toISOString() })),
  };
  return { ...toUserView(user), work };
}
