import type { ActivityDependencies } from '../dependencies';
import { applyLoggedActivity } from './apply-logged-activity';
import { deliverEmails } from './deliver-emails';
import { deliverNotifications } from './deliver-notifications';
import { fireTimer } from './fire-timer';
import { archiveAccount, cancelTimer, completeTask, rescheduleTimer } from './timer-commands';
import type { AccountEffects, PendingTimer } from './account-effects';

export function createAccountActivities({ db, mailer, publicUrl }: ActivityDependencies) {
  /**
   * Runs a transaction step, then e-mails the notifications and sends the rule e-mails it made
   * (again, on a retry: only what is not marked sent yet).
   */
  const thenNotify = async (effects: Promise<AccountEffects>) => {
    const done = await effects;
    await deliverNotifications(db, mailer, publicUrl, done.notificationIds);
    await deliverEmails(db, mailer, publicUrl, done.emailIds ?? []);
    return done;
  };
  return {
    applyLoggedActivity: (input: { accountId: string; activityId: string }) => thenNotify(applyLoggedActivity(db, input)),
    fireTimer: (input: { accountId: string; timerId: string }) => thenNotify(fireTimer(db, input)),
    rescheduleTimer: (input: { accountId: string; timerId: string; fireAt: string; reason: string; byUserId: string }) => rescheduleTimer(db, input),
    cancelTimer: (input: { accountId: string; timerId: string; reason: string; byUserId: string }) => cancelTimer(db, input),
    completeTask: (input: { accountId: string; taskId: string; byUserId: string }) => completeTask(db, input),
    archiveAccount: (input: { accountId: string; reason: string; byUserId: string }) => archiveAccount(db, input),
    async loadPendingTimers({ accountId }: { accountId: string }): Promise<PendingTimer[]> {
      const timers = await db.timer.findMany({ where: { accountId, state: 'PENDING' }, select: { id: true, kind: true, fireAt: true } });
      return timers.map((timer) => ({ id: timer.id, kind: timer.kind, fireAt: timer.fireAt.toISOString() }));
    },
  };
}
