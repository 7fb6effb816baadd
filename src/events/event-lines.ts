import { AppError } from '../errors/app-error';
import type { Prisma } from '../generated/prisma/client';
import type { BusinessCalendar } from '../rules/business-calendar';
import type { EventCostInput, EventTaskInput } from './events.schemas';
import { type EventDates, taskDueAt } from './task-due';

type Tx = Prisma.TransactionClient;

const unknownItem = (list: string, index: number, id: string) =>
  new AppError('VALIDATION_FAILED', `Invalid ${list}.${index}.id: the event has no such item ${id}`, [{ path: `body.${list}.${index}.id`, message: `the event has no item ${id} (leave id out for a new one)` }]);

/** The event's budget lines become `costs`, in their order: items with an id keep their row, others are new, missing ones go. */
export async function replaceCosts(tx: Tx, eventId: string, costs: readonly EventCostInput[]): Promise<void> {
  const existing = new Set((await tx.eventCost.findMany({ where: { eventId }, select: { id: true } })).map((row) => row.id));
  costs.forEach((cost, index) => {
    if (cost.id && !existing.has(cost.id)) throw unknownItem('costs', index, cost.id);
  });
  const kept = costs.flatMap((cost) => (cost.id ? [cost.id] : []));
  await tx.eventCost.deleteMany({ where: { eventId, id: { notIn: kept } } });
  for (const [position, cost] of costs.entries()) {
    const data = { label: cost.label, category: cost.category ?? null, planned: cost.planned ?? null, actual: cost.actual ?? null, position };
    if (cost.id) await tx.eventCost.update({ where: { id: cost.id }, data });
    else await tx.eventCost.create({ data: { ...data, eventId } });
  }
}

/** What new or changed tasks of an event become: PLANNED before it is scheduled, OPEN with their due time after. */
export interface TaskPlanning {
  status: string;
  dates: EventDates;
  calendar: () => Promise<BusinessCalendar>;
  now: Date;
}

/**
 * The event's tasks become `tasks`, in their order (ids keep their row, missing ones go). Once the
 * event is scheduled, a new task is OPEN at once and a kept OPEN task whose due rule changed gets
 * its due time again (escalation cleared when it moves into the future); done ones stay done.
 */
export async function replaceTasks(tx: Tx, eventId: string, tasks: readonly EventTaskInput[], planning: TaskPlanning): Promise<void> {
  const rows = await tx.eventTask.findMany({ where: { eventId }, select: { id: true, state: true, due: true, dueAt: true } });
  const existing = new Map(rows.map((row) => [row.id, row]));
  tasks.forEach((task, index) => {
    if (task.id && !existing.has(task.id)) throw unknownItem('tasks', index, task.id);
  });
  const kept = tasks.flatMap((task) => (task.id ? [task.id] : []));
  await tx.eventTask.deleteMany({ where: { eventId, id: { notIn: kept } } });
  const scheduled = planning.status === 'SCHEDULED';
  for (const [position, task] of tasks.entries()) {
    const data = { title: task.title, assigneeId: task.assigneeId ?? null, due: task.due, position };
    const row = task.id ? existing.get(task.id) : undefined;
    if (row) {
      const dueChanged = JSON.stringify(row.due) !== JSON.stringify(task.due);
      if (row.state === 'OPEN' && dueChanged) {
        const dueAt = taskDueAt(task.due, planning.dates, await planning.calendar());
        await tx.eventTask.update({ where: { id: row.id }, data: { ...data, dueAt, ...(dueAt > planning.now ? { escalatedAt: null } : {}) } });
      } else {
        await tx.eventTask.update({ where: { id: row.id }, data });
      }
    } else if (scheduled) {
      await tx.eventTask.create({ data: { ...data, eventId, state: 'OPEN', dueAt: taskDueAt(task.due, planning.dates, await planning.calendar()) } });
    } else {
      await tx.eventTask.create({ data: { ...data, eventId } });
    }
  }
}

/** After a move: every OPEN task's due time again; a task now due in the future may escalate again. */
export async function recomputeOpenTaskDues(tx: Tx, eventId: string, dates: EventDates, calendar: BusinessCalendar, now: Date): Promise<void> {
  const open = await tx.eventTask.findMany({ where: { eventId, state: 'OPEN' }, select: { id: true, due: true, dueAt: true } });
  for (const task of open) {
    const dueAt = taskDueAt(task.due as Parameters<typeof taskDueAt>[0], dates, calendar);
    if (task.dueAt?.getTime() === dueAt.getTime()) continue;
    await tx.eventTask.update({ where: { id: task.id }, data: { dueAt, ...(dueAt > now ? { escalatedAt: null } : {}) } });
  }
}
