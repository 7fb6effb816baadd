import type { Prisma } from '../../src/generated/prisma/client';
import { recordNotifications, type NotificationInput } from '../outbox/record-notifications';
import type { EscalatableTask, EventStepRow } from './event-step-row';

type Tx = Prisma.TransactionClient;

/** The assignee's nearest active manager up the chain (a manager who left passes it on), as account escalations choose. */
async function managerOf(tx: Tx, userId: string): Promise<string | null> {
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
 * Escalates each OPEN task overdue by EVENT_TASK_ESCALATE_AFTER once: a notification (and its
 * e-mail in the outbox) to the assignee's manager, else the event's owner, and escalatedAt set. The
 * dedupe key names the due date, so a task a move made due later escalates again when overdue again.
 */
export async function escalateOverdueTasks(tx: Tx, event: EventStepRow, tasks: readonly EscalatableTask[], now: Date): Promise<{ escalated: number; emailIds: string[] }> {
  const overdue = tasks.filter((task) => task.escalateAt <= now);
  if (!overdue.length) return { escalated: 0, emailIds: [] };
  const notifications: NotificationInput[] = [];
  for (const task of overdue) {
    const recipientId = (task.assigneeId ? await managerOf(tx, task.assigneeId) : null) ?? event.ownerId;
    notifications.push({
      recipientId,
      message: `Task "${task.title}" of event "${event.name}" is overdue (due ${task.dueAt.toISOString()})`,
      why: { trigger: 'event_task_overdue', eventId: event.id, taskId: task.id, assigneeId: task.assigneeId, dueAt: task.dueAt.toISOString() },
      dedupeKey: `event-task-escalation:${task.id}:${task.dueAt.toISOString()}`,
    });
  }
  const { emailIds } = await recordNotifications(tx, notifications);
  // Only those still OPEN and unescalated: a task completed meanwhile keeps its state.
  await tx.eventTask.updateMany({ where: { id: { in: overdue.map((task) => task.id) }, state: 'OPEN', escalatedAt: null }, data: { escalatedAt: now } });
  return { escalated: overdue.length, emailIds };
}
