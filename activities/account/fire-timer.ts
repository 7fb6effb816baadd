import type { Db } from '../../src/db/prisma';
import { emptyDecision } from '../../src/rules/decision';
import { applyTimerActions, evaluateRules } from '../../src/rules/evaluate';
import type { TimerAction } from '../../src/rules/action.schemas';
import { loadRuleVersion, loadRulesAndCalendar } from '../../src/rule-store/rule-store';
import { unsentEmailsOf } from '../outbox/unsent-emails';
import { lockAccount } from './account-row';
import type { AccountEffects } from '../../workflows/account.messages';
import { settleTimer } from './settle-timers';
import { writeDecision } from './write-decision';

/**
 * Fires a timer once: runs what it carries (the actions of the rule version that started it),
 * or for an escalation timer the task_overdue rule, if the task is still open.
 */
export async function fireTimer(db: Db, { accountId, timerId }: { accountId: string; timerId: string }): Promise<AccountEffects> {
  return db.$transaction(async (tx) => {
    const account = await lockAccount(tx, accountId);
    const timer = await tx.timer.findUnique({ where: { id: timerId } });
    const settled = { status: account.status, previousStatus: account.status, archived: false, taskIds: [], timersStarted: [] };
    if (!timer || timer.state !== 'PENDING') {
      // A retry after the commit: hand back what still has to be e-mailed.
      const byThisTimer = { dedupeKey: { startsWith: `${timerId}:` } };
      const notificationIds = (await tx.notification.findMany({ where: byThisTimer, select: { id: true } })).map((row) => row.id);
      const ruleEmailIds = (await tx.outboundEmail.findMany({ where: byThisTimer, select: { id: true } })).map((row) => row.id);
      return { ...settled, timersEnded: [timerId], notificationIds, emailIds: await unsentEmailsOf(tx, { emailIds: ruleEmailIds, notificationIds }) };
    }

    const now = new Date();
    const { rules, calendar } = await loadRulesAndCalendar(tx);
    const context = { account, now, calendar };
    let decision = emptyDecision(account.status);
    if (timer.kind === 'task-overdue' && timer.taskId && timer.ruleId) {
      const task = await tx.task.findUnique({ where: { id: timer.taskId }, select: { id: true, type: true, dueAt: true, state: true } });
      const rule = await loadRuleVersion(tx, timer.ruleId);
      if (task?.state === 'OPEN' && rule) decision = evaluateRules([rule], { kind: 'task_overdue', task: { id: task.id, type: task.type as never, dueAt: task.dueAt } }, context);
    } else {
      const origin = { ...(timer.why as { ruleId: string; ruleKey: string; ruleVersion: number; conditions?: string[] }), timerKind: timer.kind };
      decision = applyTimerActions(timer.onFire as unknown as TimerAction[], context, origin, rules);
    }
    const effects = await writeDecision(tx, account, decision, { timerId }, rules, now);
    await settleTimer(tx, timer, 'FIRED', { event: 'fired' }, now);
    return { ...effects, timersEnded: [...effects.timersEnded, timerId] };
  });
}
