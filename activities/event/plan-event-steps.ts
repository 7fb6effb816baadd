import type { DbClient } from '../../src/db/prisma';
import { AppError } from '../../src/errors/app-error';
import type { EventStepPlan } from '../../workflows/event.messages';
import { escalatableTasks, eventStepSelect, type EventStepRow } from './event-step-row';
import { pendingEventSteps } from './pending-steps';

export async function loadEventStepRow(db: DbClient, eventId: string): Promise<EventStepRow> {
  const event = await db.event.findUnique({ where: { id: eventId }, select: eventStepSelect });
  if (!event) throw new AppError('NOT_FOUND', `Event ${eventId} not found`);
  return event;
}

/** The event's next dated step and whether tasks wait to be opened, read from PostgreSQL. */
export async function planEventSteps(db: DbClient, eventId: string, escalateAfter: string, now = new Date()): Promise<EventStepPlan> {
  const event = await loadEventStepRow(db, eventId);
  const tasks = event.status === 'CANCELLED' ? [] : await escalatableTasks(db, event, escalateAfter);
  const [next] = pendingEventSteps(event, tasks, now);
  const tasksToOpen = event.status === 'SCHEDULED' ? await db.eventTask.count({ where: { eventId, state: 'PLANNED' } }) : 0;
  return { status: event.status, nextStepAt: next?.at.toISOString() ?? null, nextStep: next?.step ?? null, tasksToOpen };
}
