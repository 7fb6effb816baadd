import type { ActivityDependencies } from '../dependencies';
import type { PendingTimer } from '../../workflows/account.messages';
import { applyLoggedActivity } from './apply-logged-activity';
import { fireTimer } from './fire-timer';
import { archiveAccount, cancelTimer, completeTask, rescheduleTimer } from './timer-commands';

/**
 * The account workflow's local activities: each one PostgreSQL transaction. The e-mails they put in
 * the outbox are sent afterwards by the outbox's own activity, so SMTP never holds up an update.
 */
export function createAccountActivities({ db }: ActivityDependencies) {
  return {
    applyLoggedActivity: (input: { accountId: string; activityId: string }) => applyLoggedActivity(db, input),
    fireTimer: (input: { accountId: string; timerId: string }) => fireTimer(db, input),
    rescheduleTimer: (input: { accountId: string; timerId: string; fireAt: string; reason: string; byUserId: string }) => rescheduleTimer(db, input),
    cancelTimer: (input: { accountId: string; timerId: string; reason: string; byUserId: string }) => cancelTimer(db, input),
    completeTask: (input: { accountId: string; taskId: string; byUserId: string }) => completeTask(db, input),
    archiveAccount: (input: { accountId: string; reason: string; byUserId: string }) => archiveAccount(db, input),
    /** What an admin filters account workflows by: ids and labels, nothing personal. */
    async loadAccountSearchAttributes({ accountId }: { accountId: string }) {
      const [account, lastChange] = await Promise.all([
        db.account.findUniqueOrThrow({ where: { id: accountId }, select: { status: true, ownerId: true, segment: true } }),
        db.statusChange.findFirst({ where: { accountId }, select: { changedAt: true }, orderBy: { changedAt: 'desc' } }),
      ]);
      // ISO: it crosses the workflow boundary as JSON.
      return { ...account, statusSince: lastChange?.changedAt.toISOString() ?? null };
    },
    async loadPendingTimers({ accountId }: { accountId: string }): Promise<PendingTimer[]> {
      const timers = await db.timer.findMany({ where: { accountId, state: 'PENDING' }, select: { id: true, kind: true, fireAt: true } });
      return timers.map((timer) => ({ id: timer.id, kind: timer.kind, fireAt: timer.fireAt.toISOString() }));
    },
  };
}

export type AccountActivities = ReturnType<typeof createAccountActivities>;
