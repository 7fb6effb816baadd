import { Duration } from 'luxon';
import type { DbClient } from '../../src/db/prisma';
import { addDuration, inZone } from '../../src/rules/due-date';

/** The event's columns its workflow's steps read. */
export const eventStepSelect = {
  id: true,
  name: true,
  status: true,
  ownerId: true,
  timeZone: true,
  startsAt: true,
  endsAt: true,
  registrationOpensAt: true,
  registrationClosesAt: true,
  registrationOpenedAt: true,
  registrationClosedAt: true,
  reminderBefore: true,
  remindersSentAt: true,
} as const;

export interface EventStepRow {
  id: string;
  name: string;
  status: 'DRAFT' | 'SCHEDULED' | 'COMPLETED' | 'CANCELLED';
  ownerId: string;
  timeZone: string;
  startsAt: Date | null;
  endsAt: Date | null;
  registrationOpensAt: Date | null;
  registrationClosesAt: Date | null;
  registrationOpenedAt: Date | null;
  registrationClosedAt: Date | null;
  reminderBefore: string | null;
  remindersSentAt: Date | null;
}

/** An OPEN task not escalated yet, with when it will be. */
export interface EscalatableTask {
  id: string;
  title: string;
  assigneeId: string | null;
  dueAt: Date;
  escalateAt: Date;
}

/** The OPEN tasks that still have an escalation ahead (or due): dueAt + EVENT_TASK_ESCALATE_AFTER in the event's zone. */
export async function escalatableTasks(db: DbClient, event: Pick<EventStepRow, 'id' | 'timeZone'>, escalateAfter: string): Promise<EscalatableTask[]> {
  const tasks = await db.eventTask.findMany({
    where: { eventId: event.id, state: 'OPEN', escalatedAt: null, dueAt: { not: null } },
    select: { id: true, title: true, assigneeId: true, dueAt: true },
    orderBy: [{ dueAt: 'asc' }, { id: 'asc' }],
  });
  return tasks.map((task) => ({ ...task, dueAt: task.dueAt!, escalateAt: addDuration(escalateAfter, task.dueAt!, event.timeZone) }));
}

/** When the reminders go: `reminderBefore` before the start, in the event's zone (P1D is the day before at the same local time). */
export function reminderAt(event: Pick<EventStepRow, 'startsAt' | 'reminderBefore' | 'timeZone'>): Date | null {
  if (!event.startsAt || !event.reminderBefore) return null;
  return inZone(event.startsAt, event.timeZone).minus(Duration.fromISO(event.reminderBefore)).toJSDate();
}

/** When public registration closes: registrationClosesAt, else the start. */
export const registrationCloseAt = (event: Pick<EventStepRow, 'registrationClosesAt' | 'startsAt'>): Date | null => event.registrationClosesAt ?? event.startsAt;
