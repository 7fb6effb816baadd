import type { Status } from '../rules/lifecycle';
import type { AccountHistory, ReplayWindow, TimerRow } from './account-history';
import { notificationEmail, templateEmail, type WindowOutcome } from './window-outcome';

/**
 * The status when the window starts: the one its first change left, or, without a change in the
 * window, the status now. Null when the account was created in the window.
 */
export function statusAtStart(history: AccountHistory): Status | null {
  const [first] = history.statusChanges;
  return first ? first.fromStatus : history.account.status;
}

/** When a timer was first set to fire, before anyone moved it. */
export function firstFireAt(timer: TimerRow): Date {
  return timer.commands.find((command) => command.event === 'rescheduled')?.from ?? timer.fireAt;
}

/** What really happened: the status the window ended with, and what the rules made in it. */
export function actualOutcome(history: AccountHistory, window: ReplayWindow): WindowOutcome {
  const from = window.from.getTime();
  return {
    status: history.statusChanges.at(-1)?.toStatus ?? history.account.status,
    tasks: history.tasks
      .filter((task) => task.createdAt.getTime() >= from && (task.activityId !== null || task.timerId !== null))
      .map((task) => ({ type: task.type, ruleKey: task.ruleKey, dueAt: task.dueAt })),
    timers: history.timers
      .filter((timer) => timer.createdAt.getTime() >= from)
      .map((timer) => ({ kind: timer.kind, ruleKey: timer.ruleKey, fireAt: firstFireAt(timer) })),
    emails: history.emails.map((email) => ({
      what: email.kind === 'RULE_EMAIL' ? templateEmail(email.templateKey ?? '?') : notificationEmail,
      ruleKey: email.ruleKey,
    })),
    problems: [],
  };
}
