import { columnsOf } from '../../src/db/columns';
import type { Prisma } from '../../src/generated/prisma/client';

export interface NewTask {
  id: string;
  accountId: string;
  assigneeId: string | null;
  type: string;
  title: string;
  dueAt: Date;
  activityId?: string;
  timerId?: string;
  ruleId: string;
  ruleKey: string;
  ruleVersion: number;
  why: unknown;
}

export interface NewTimer {
  id: string;
  accountId: string;
  kind: string;
  fireAt: Date;
  onFire: unknown;
  taskId?: string;
  activityId?: string;
  ruleId: string;
  ruleKey: string;
  ruleVersion: number;
  why: unknown;
}

const taskColumns = columnsOf<NewTask>(['id', 'accountId', 'assigneeId', 'type', 'title', 'dueAt', 'activityId', 'timerId', 'ruleId', 'ruleKey', 'ruleVersion', 'why']);
const timerColumns = columnsOf<NewTimer>(['id', 'accountId', 'kind', 'fireAt', 'onFire', 'taskId', 'activityId', 'ruleId', 'ruleKey', 'ruleVersion', 'why']);

/**
 * Inserts what a decision made, tasks and timers together, in one statement: a logged call's follow-up
 * task and its escalation timer were two round trips through Prisma, and on two busy cores each round
 * trip waits for the CPU twice (docs/benchmarks.md#logging-capacity-log-activity).
 */
export async function insertTasksAndTimers(tx: Prisma.TransactionClient, tasks: readonly NewTask[], timers: readonly NewTimer[]): Promise<void> {
  if (!tasks.length && !timers.length) return;
  // Columns left out (state, created_at) take their defaults.
  await tx.$executeRaw`
    WITH new_tasks AS (
      INSERT INTO tasks (${taskColumns.list})
      SELECT ${taskColumns.list} FROM jsonb_populate_recordset(null::tasks, ${JSON.stringify(tasks.map(taskColumns.row))}::jsonb)
    )
    INSERT INTO timers (${timerColumns.list})
    SELECT ${timerColumns.list} FROM jsonb_populate_recordset(null::timers, ${JSON.stringify(timers.map(timerColumns.row))}::jsonb)`;
}
