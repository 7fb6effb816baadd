import { DateTime } from 'luxon';
import { z } from 'zod';
import { encodePageCursor, PageCursorParam } from '../schemas/page-cursor';
import type { Caller } from '../auth/caller';
import type { DbClient } from '../db/prisma';
import { AppError } from '../errors/app-error';
import type { Prisma } from '../generated/prisma/client';
import { TimeZone } from '../rules/duration.schemas';
import { TaskView } from './lifecycle.schemas';
import { taskSelect, toTaskViews } from './lifecycle-views';

export const ListTasksQuery = z.strictObject({
  assignee: z.union([z.literal('me'), z.uuid()]).default('me'),
  state: z.enum(['open', 'done', 'cancelled']).optional(),
  due: z.enum(['overdue', 'today']).optional(),
  accountId: z.uuid().optional(),
  timeZone: TimeZone.optional().meta({ description: 'Where "today" is; UTC by default' }),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: PageCursorParam.optional(),
});
export type ListTasksQuery = z.output<typeof ListTasksQuery>;

export const TaskPage = z.object({ items: z.array(TaskView), nextCursor: z.string().nullable() }).meta({ id: 'TaskPage' });

/** Tasks, soonest due first. A manager sees their own; admins may ask for anyone's. */
export async function listTasks(db: DbClient, caller: Caller, query: ListTasksQuery, now = new Date()) {
  const assigneeId = query.assignee === 'me' ? caller.id : query.assignee;
  if (caller.role === 'manager' && assigneeId !== caller.id) throw new AppError('FORBIDDEN', 'A manager sees only their own tasks');
  const where: Prisma.TaskWhereInput = { assigneeId, ...(query.accountId ? { accountId: query.accountId } : {}) };
  if (query.state) where.state = query.state.toUpperCase() as 'OPEN';
  if (query.due === 'overdue') Object.assign(where, { state: 'OPEN', dueAt: { lt: now } });
  if (query.due === 'today') {
    const today = DateTime.fromJSDate(now).setZone(query.timeZone ?? 'UTC');
    where.dueAt = { gte: today.startOf('day').toJSDate(), lt: today.endOf('day').toJSDate() };
  }
  const after = query.cursor;
  const rows = await db.task.findMany({
    where: after ? { AND: [where, { OR: [{ dueAt: { gt: after.at } }, { dueAt: after.at, id: { gt: after.id } }] }] } : where,
    select: taskSelect,
    orderBy: [{ dueAt: 'asc' }, { id: 'asc' }],
    take: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  return { items: await toTaskViews(db, page), nextCursor: rows.length > query.limit ? encodePageCursor(page[page.length - 1].dueAt, page[page.length - 1].id) : null };
}
