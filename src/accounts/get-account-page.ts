import { accountWorkflowId } from '../../workflows/account.messages';
import type { DbClient } from '../db/prisma';
import { loadAccountForCaller, type AccountCaller } from './account-access';
import type { AccountPageResponse } from './account-views.schemas';
import { taskSelect, timerSelect, toTaskViews, toTimerView } from '../lifecycle/lifecycle-views';
import { getAccountPlanSections } from '../plan-progress/account-plans';
import { toAccountView, toActivityView, toContactView, toOwnerChangeView, toStatusChangeView } from './account-view';

const ACTIVITY_LIMIT = 100;

/**
 * The account's page: the account, its contacts, its whole status history and owner changes (oldest first),
 * open tasks (due first), pending timers (firing first), the last applied activities, and its plans,
 * objectives (with those that apply to all accounts) and opportunities.
 */
export async function getAccountPage(db: DbClient, caller: AccountCaller, accountId: string): Promise<AccountPageResponse> {
  const account = await loadAccountForCaller(db, caller, accountId, { forWrite: false });
  const [contacts, statusHistory, ownerChanges, openTasks, pendingTimers, activities, planSections] = await Promise.all([
    db.contact.findMany({ where: { accountId }, orderBy: [{ isPrimary: 'desc' }, { createdAt: 'asc' }, { id: 'asc' }] }),
    db.statusChange.findMany({ where: { accountId }, orderBy: [{ changedAt: 'asc' }, { id: 'asc' }] }),
    db.accountOwnerChange.findMany({ where: { accountId }, orderBy: [{ changedAt: 'asc' }, { id: 'asc' }] }),
    db.task.findMany({ where: { accountId, state: 'OPEN' }, select: taskSelect, orderBy: [{ dueAt: 'asc' }, { createdAt: 'asc' }] }),
    db.timer.findMany({ where: { accountId, state: 'PENDING' }, select: timerSelect, orderBy: [{ fireAt: 'asc' }, { createdAt: 'asc' }] }),
    db.activity.findMany({
      where: { accountId, state: 'APPLIED' },
      include: { contact: { select: { id: true, name: true } } },
      orderBy: [{ occurredAt: 'desc' }, { createdAt: 'desc' }],
      take: ACTIVITY_LIMIT,
    }),
    getAccountPlanSections(db, accountId),
  ]);
  return {
    account: toAccountView(account),
    workflowId: account.ownerId ? accountWorkflowId(account.id) : null,
    contacts: contacts.map(toContactView),
    statusHistory: statusHistory.map(toStatusChangeView),
    ownerChanges: ownerChanges.map(toOwnerChangeView),
    openTasks: await toTaskViews(db, openTasks),
    pendingTimers: pendingTimers.map(toTimerView),
    activities: activities.map(toActivityView),
    ...planSections,
  };
}
