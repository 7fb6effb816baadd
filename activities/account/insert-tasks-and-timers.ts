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

/**
 * Inserts what a decision made, tasks and timers together, in one statement: a logged call's follow-up
 * task and its escalation timer were two round trips through Prisma, and on two busy cores each round
 * trip waits for the CPU twice (docs/benchmarks.md#logging-capacity-log-activity).
 */
export async function insertTasksAndTimers(tx: Prisma.TransactionClient, tasks: readonly NewTask[], timers: readonly NewTimer[]): Promise<void> {
  if (!tasks.length && !timers.length) return;
  const taskRows = JSON.stringify(
    tasks.map((task) => ({
      id: task.id, account_id: task.accountId, assignee_id: task.assigneeId, type: task.type, title: task.title, due_at: task.dueAt,
      activity_id: task.activityId ?? null, timer_id: task.timerId ?? null, rule_id: task.ruleId, rule_key: task.ruleKey, rule_version: task.ruleVersion, why: task.why,
    })),
  );
  const timerRows = JSON.stringify(
    timers.map((timer) => ({
      id: timer.id, account_id: timer.accountId, kind: timer.kind, fire_at: timer.fireAt, on_fire: timer.onFire, task_id: timer.taskId ?? null,
      activity_id: timer.activityId ?? null, rule_id: timer.ruleId, rule_key: timer.ruleKey, rule_version: timer.ruleVersion, why: timer.why,
    })),
  );
  await tx.$executeRaw`
    WITH new_tasks AS (
      INSERT INTO tasks (id, account_id, assignee_id, type, title, due_at, activity_id, timer_id, rule_id, rule_key, rule_version, why)
      SELECT id, account_id, assignee_id, type, title, due_at, activity_id, timer_id, rule_id, rule_key, rule_version, why
      FROM jsonb_to_recordset(${taskRows}::jsonb) AS r(id uuid, account_id uuid, assignee_id uuid, type text, title text, due_at timestamptz, activity_id uuid, timer_id uuid, rule_id uuid, rule_key text, rule_version int, why jsonb)
    )
    INSERT INTO timers (id, account_id, kind, fire_at, on_fire, task_id, activity_id, rule_id, rule_key, rule_version, why)
    SELECT id, account_id, kind, fire_at, on_fire, task_id, activity_id, rule_id, rule_key, rule_version, why
    FROM jsonb_to_recordset(${timerRows}::jsonb) AS r(id uuid, account_id uuid, kind text, fire_at timestamptz, on_fire jsonb, task_id uuid, activity_id uuid, rule_id uuid, rule_key text, rule_version int, why jsonb)`;
}
