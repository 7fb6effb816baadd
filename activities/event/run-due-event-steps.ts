import type { Db } from '../../src/db/prisma';
import type { DueEventStepsOutcome, EventStep } from '../../workflows/event.messages';
import { completeEvent } from './end-event';
import { queueEventReminders } from './event-reminders';
import { escalatableTasks } from './event-step-row';
import { dueEventSteps } from './pending-steps';
import { loadEventStepRow } from './plan-event-steps';
import { settleRegistrationWindow } from './registration-window';
import { escalateOverdueTasks } from './task-escalations';

/**
 * Runs every step of the event due by now, in one transaction holding the event's row (the API's
 * edits and capacity decisions wait on the same lock). Each step reads the current row, so a timer
 * armed before a move does nothing, and a retry after a crash finds its steps done.
 */
export async function runDueEventSteps(db: Db, eventId: string, escalateAfter: string): Promise<DueEventStepsOutcome> {
  return db.$transaction(
    async (tx) => {
      await tx.$queryRaw`SELECT id FROM events WHERE id = ${eventId}::uuid FOR UPDATE`;
      const now = new Date();
      const event = await loadEventStepRow(tx, eventId);
      const tasks = event.status === 'CANCELLED' ? [] : await escalatableTasks(tx, event, escalateAfter);
      const due = dueEventSteps(event, tasks, now);
      const ran: EventStep[] = [];
      let mailQueued = false;
      let notificationEmailIds: string[] = [];
      if ((due.has('registration-open') || due.has('registration-close')) && (await settleRegistrationWindow(tx, event, now))) {
        ran.push(...(['registration-open', 'registration-close'] as const).filter((step) => due.has(step)));
      }
      if (due.has('reminders')) {
        mailQueued = (await queueEventReminders(tx, event, now)) > 0;
        ran.push('reminders');
      }
      if (due.has('task-escalation')) {
        notificationEmailIds = (await escalateOverdueTasks(tx, event, tasks, now)).emailIds;
        ran.push('task-escalation');
      }
      let status = event.status;
      if (due.has('end')) {
        await completeEvent(tx, eventId, now);
        status = 'COMPLETED';
        ran.push('end');
      }
      return { status, ran, mailQueued, notificationEmailIds };
    },
    // Reminders for thousands of people are one INSERT … SELECT; escalations a few rows each.
    { timeout: 60_000 },
  );
}
