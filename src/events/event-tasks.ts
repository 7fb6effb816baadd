import type { DbClient } from '../db/prisma';
import { AppError } from '../errors/app-error';
import type { Prisma } from '../generated/prisma/client';
import type { EventTaskDue, EventTaskListQuery, EventTaskView } from './events.schemas';
import { toTaskView } from './event-task-view';

const MAX_TASKS = 500;

const withEvent = { event: { select: { name: true } } } as const;
type TaskWithEvent = Prisma.EventTaskGetPayload<{ include: typeof withEvent }>;
const view = (task: TaskWithEvent) => toTaskView({ ...task, due: task.due as EventTaskDue, eventName: task.event.name });

/** GET /event-tasks: the soonest due first (planned ones, without a due time, last); `me` is the caller. */
export async function listEventTasks(db: DbClient, callerId: string, query: EventTaskListQuery): Promise<{ items: EventTaskView[] }> {
  const where: Prisma.EventTaskWhereInput = {};
  if (query.assigneeId) where.assigneeId = query.assigneeId === 'me' ? callerId : query.assigneeId;
  if (query.state) where.state = query.state;
  if (query.eventId) where.eventId = query.eventId;
  const tasks = await db.eventTask.findMany({ where, include: withEvent, orderBy: [{ dueAt: { sort: 'asc', nulls: 'last' } }, { id: 'asc' }], take: MAX_TASKS });
  return { items: tasks.map(view) };
}

/** POST /events/:id/tasks/:taskId/complete: DONE by the caller; completing a done task again answers it unchanged. */
export async function completeEventTask(db: DbClient, callerId: string, eventId: string, taskId: string, now = new Date()): Promise<EventTaskView> {
  const task = await db.eventTask.findFirst({ where: { id: taskId, eventId }, include: withEvent });
  if (!task) throw new AppError('NOT_FOUND', `Event ${eventId} has no task ${taskId}`);
  if (task.state === 'DONE') return view(task);
  if (task.state === 'CANCELLED') throw new AppError('CONFLICT', `Task ${taskId} was cancelled with its event: it cannot be completed`);
  const done = await db.eventTask.updateMany({ where: { id: taskId, state: task.state }, data: { state: 'DONE', completedAt: now, completedById: callerId } });
  const current = await db.eventTask.findUniqueOrThrow({ where: { id: taskId }, include: withEvent });
  if (done.count === 0 && current.state !== 'DONE') throw new AppError('CONFLICT', `Task ${taskId} is ${current.state}: it cannot be completed`);
  return view(current);
}
