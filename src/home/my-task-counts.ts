import { DateTime } from 'luxon';
import type { Caller } from '../auth/caller';
import type { DbClient } from '../db/prisma';
import type { MyTaskCounts } from './home-reads.schemas';
import { getPreferences } from './preferences-store';

/** How many open tasks of the caller's are overdue and due later today; counted, not listed (the tile lists the first few through GET /tasks). */
export async function getMyTaskCounts(db: DbClient, caller: Caller, now = new Date()): Promise<MyTaskCounts> {
  const { timeZone } = await getPreferences(db, caller.id);
  const endOfToday = DateTime.fromJSDate(now).setZone(timeZone).endOf('day').toJSDate();
  const open = { assigneeId: caller.id, state: 'OPEN' } as const;
  const [overdue, dueToday] = await Promise.all([
    db.task.count({ where: { ...open, dueAt: { lt: now } } }),
    db.task.count({ where: { ...open, dueAt: { gte: now, lte: endOfToday } } }),
  ]);
  return { overdue, dueToday, timeZone };
}
