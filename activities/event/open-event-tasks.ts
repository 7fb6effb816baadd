import type { Db } from '../../src/db/prisma';
import { taskDueAt } from '../../src/events/task-due';
import { EventTaskDue } from '../../src/events/events.schemas';
import { getCalendar } from '../../src/rule-store/calendar-store';

/**
 * Opens the PLANNED tasks of a scheduled event, each due on its date relative to the event's start
 * or end (business days per the business calendar). Tasks added to a scheduled event later are
 * opened by the next plan. Safe to run again: only PLANNED tasks of a SCHEDULED event change.
 */
export async function openEventTasks(db: Db, eventId: string): Promise<{ opened: number }> {
  const calendar = await getCalendar(db);
  return db.$transaction(async (tx) => {
    const [event] = await tx.$queryRaw<{ status: string; starts_at: Date | null; ends_at: Date | null; time_zone: string }[]>`
      SELECT status::text AS status, starts_at, ends_at, time_zone FROM events WHERE id = ${eventId}::uuid FOR UPDATE`;
    if (event?.status !== 'SCHEDULED' || !event.starts_at || !event.ends_at) return { opened: 0 };
    const dates = { startsAt: event.starts_at, endsAt: event.ends_at, timeZone: event.time_zone };
    const tasks = await tx.eventTask.findMany({ where: { eventId, state: 'PLANNED' }, select: { id: true, due: true } });
    for (const task of tasks) {
      const dueAt = taskDueAt(EventTaskDue.parse(task.due), dates, calendar);
      await tx.eventTask.update({ where: { id: task.id }, data: { state: 'OPEN', dueAt } });
    }
    return { opened: tasks.length };
  });
}
