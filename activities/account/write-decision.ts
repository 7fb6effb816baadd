import type { Prisma } from '../../src/generated/prisma/client';
import { randomUUID } from 'node:crypto';
import { ruleRef, type Decision } from '../../src/rules/decision';
import type { VersionedRule } from '../../src/rules/rule.schemas';
import { addDuration } from '../../src/rules/due-date';
import type { LockedAccount } from './account-row';
import type { AccountEffects } from '../../workflows/account.messages';
import { recordNotifications } from '../outbox/record-notifications';
import { recordRuleEmails, type DecisionCause } from '../outbox/record-rule-emails';
import { insertTasksAndTimers, type NewTask, type NewTimer } from './insert-tasks-and-timers';
import { cancelPendingTimers } from './settle-timers';


type Tx = Prisma.TransactionClient;

async function assigneeOf(tx: Tx, account: LockedAccount, assignTo: 'owner' | 'owner_manager'): Promise<string | null> {
  if (!account.ownerId || assignTo === 'owner') return account.ownerId;
  return (await nearestActiveManager(tx, account.ownerId)) ?? account.ownerId;
}

/** The first active user up the management chain: a manager who left passes escalations to theirs. */
async function nearestActiveManager(tx: Tx, userId: string): Promise<string | null> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    WITH RECURSIVE chain AS (
      SELECT m.id, m.manager_id, m.deactivated_at, 1 AS depth FROM users u JOIN users m ON m.id = u.manager_id WHERE u.id = ${userId}::uuid
      UNION ALL
      SELECT m.id, m.manager_id, m.deactivated_at, chain.depth + 1 FROM chain JOIN users m ON m.id = chain.manager_id WHERE chain.depth < 50
    )
    SELECT id::text AS id FROM chain WHERE deactivated_at IS NULL ORDER BY depth LIMIT 1`;
  return rows[0]?.id ?? null;
}

/**
 * Writes what the rules decided, inside the caller's transaction: status and its history,
 * tasks (and the escalation timers of task_overdue rules), timers started and cancelled,
 * e-mails and notifications. Answers the effects in ids.
 */
export async function writeDecision(tx: Tx, account: LockedAccount, decision: Decision, cause: DecisionCause, rules: VersionedRule[], now: Date): Promise<AccountEffects> {
  const previousStatus = account.status;
  for (const change of decision.statusChanges) {
    await tx.statusChange.create({
      data: { accountId: account.id, fromStatus: change.from, toStatus: change.to, ...cause, ruleId: change.ruleId, ruleKey: change.ruleKey, ruleVersion: change.ruleVersion },
    });
  }
  if (decision.finalStatus !== previousStatus) {
    await tx.account.update({ where: { id: account.id }, data: { status: decision.finalStatus, ...(decision.finalStatus === 'CLIENT' ? { wasClient: true } : {}) } });
  }

  const timersEnded: string[] = [];
  for (const cancel of decision.timerKindsToCancel) {
    const reason = `rule ${cancel.ruleKey} v${cancel.ruleVersion}`;
    timersEnded.push(...(await cancelPendingTimers(tx, { accountId: account.id, kind: cancel.timerKind }, { reason, ...cause }, now)));
  }

  const escalations = rules.filter((rule) => rule.enabled && rule.trigger.kind === 'task_overdue');
  const tasks: NewTask[] = [];
  const timers: NewTimer[] = [];
  for (const planned of decision.tasks) {
    const task: NewTask = {
      id: randomUUID(),
      accountId: account.id,
      assigneeId: await assigneeOf(tx, account, planned.assignTo),
      type: planned.type,
      title: planned.title,
      dueAt: planned.dueAt,
      ...cause,
      ...ruleRef(planned.why),
      why: planned.why,
    };
    tasks.push(task);
    for (const rule of escalations) {
      if (rule.trigger.kind !== 'task_overdue' || (rule.trigger.taskTypes && !rule.trigger.taskTypes.includes(planned.type))) continue;
      const fireAt = addDuration(rule.trigger.after, task.dueAt, account.timeZone);
      const why = { ruleId: rule.id, ruleKey: rule.key, ruleVersion: rule.version, trigger: `task still open ${rule.trigger.after} after its due time`, conditions: [], dueExplanation: `${rule.trigger.after} after ${task.dueAt.toISOString()}` };
      timers.push({ id: randomUUID(), accountId: account.id, kind: 'task-overdue', fireAt, onFire: [], taskId: task.id, activityId: cause.activityId, ...ruleRef(why), why });
    }
  }
  for (const planned of decision.timersToStart) {
    timers.push({ id: randomUUID(), accountId: account.id, kind: planned.timerKind, fireAt: planned.fireAt, onFire: planned.onFire, activityId: cause.activityId, ...ruleRef(planned.why), why: planned.why });
  }
  await insertTasksAndTimers(tx, tasks, timers);
  const taskIds = tasks.map((task) => task.id);
  const timersStarted: AccountEffects['timersStarted'] = timers.map((timer) => ({ id: timer.id, kind: timer.kind, fireAt: timer.fireAt.toISOString() }));

  const ruleEmailIds = await recordRuleEmails(tx, account.id, decision.emails, cause);

  const notifications = [];
  for (const [index, notification] of decision.notifications.entries()) {
    const recipientId = await assigneeOf(tx, account, notification.recipient);
    if (!recipientId) continue;
    notifications.push({
      recipientId,
      accountId: account.id,
      taskId: notification.taskId ?? null,
      message: notification.message,
      why: notification.why as unknown as Prisma.InputJsonValue,
      dedupeKey: `${cause.activityId ?? cause.timerId}:${notification.why.ruleId}:${index}`,
    });
  }
  const notified = await recordNotifications(tx, notifications);
  const notificationIds = notified.notificationIds;
  const emailIds = [...ruleEmailIds, ...notified.emailIds];

  return { status: decision.finalStatus, previousStatus, archived: false, taskIds, timersStarted, timersEnded, emailIds, notificationIds };
}
