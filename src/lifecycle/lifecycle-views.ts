import type { DbClient } from '../db/prisma';
import { jsonObjectOf } from '../db/columns';
import { explainVerdict } from '../rules/verdict-words';
import { storedVerdicts } from './activity-result';
import { withTaskCollateral } from '../collateral-kits/task-collateral';
import type { RuleMatchedView, TaskView, TimerView } from './lifecycle.schemas';

export const taskSelect = {
  id: true, accountId: true, assigneeId: true, type: true, title: true, dueAt: true, state: true, completedAt: true,
  activityId: true, timerId: true, ruleKey: true, ruleVersion: true, why: true, campaignStageId: true,
} as const;

export const timerSelect = { id: true, accountId: true, kind: true, fireAt: true, state: true, ruleKey: true, ruleVersion: true, why: true, history: true } as const;

type TaskRow = { id: string; accountId: string; assigneeId: string | null; type: string; title: string; dueAt: Date; state: TaskView['state']; completedAt: Date | null; activityId: string | null; timerId: string | null; ruleKey: string | null; ruleVersion: number | null; why: unknown; campaignStageId: string | null };
type TimerRow = { id: string; accountId: string; kind: string; fireAt: Date; state: TimerView['state']; ruleKey: string | null; ruleVersion: number | null; why: unknown; history: unknown };

export function toTaskView(row: TaskRow): TaskView {
  const { activityId, timerId, ruleKey, ruleVersion, why, ...task } = row;
  return { ...task, dueAt: row.dueAt.toISOString(), completedAt: row.completedAt?.toISOString() ?? null, createdBy: { activityId, timerId, ruleKey, ruleVersion }, why: why as TaskView['why'], collateral: null };
}

/** Task views with the call script and kit of the campaign stages that made them (one query for all). */
export async function toTaskViews(db: DbClient, rows: readonly TaskRow[]): Promise<TaskView[]> {
  return withTaskCollateral(db, rows.map(toTaskView));
}

export function toTimerView(row: TimerRow): TimerView {
  return { ...row, fireAt: row.fireAt.toISOString(), why: row.why as TimerView['why'], history: row.history as TimerView['history'] };
}

export async function timersByIds(db: DbClient, ids: string[]): Promise<TimerView[]> {
  if (!ids.length) return [];
  const rows = await db.timer.findMany({ where: { id: { in: ids } }, select: timerSelect, orderBy: { fireAt: 'asc' } });
  return rows.map(toTimerView);
}

const taskColumns = jsonObjectOf(taskSelect);
const timerColumns = jsonObjectOf(timerSelect);

type Dated<Row, Key extends keyof Row> = Omit<Row, Key> & { [K in Key]: Row[K] extends Date ? string : string | null };

export interface ChangeRows {
  tasks: TaskView[];
  timersStarted: TimerView[];
  timersEnded: TimerView[];
  /** The activity's stored result. */
  result: unknown;
}

/**
 * The tasks and timers a change made or ended, by id, each list in due order, and an activity's stored
 * result: one statement, since logging a call reads them for its answer each time.
 */
export async function changeRows(db: DbClient, ids: { taskIds: string[]; timersStarted: string[]; timersEnded: string[]; activityId: string }): Promise<ChangeRows> {
  const [row] = await db.$queryRaw<{ tasks: Dated<TaskRow, 'dueAt' | 'completedAt'>[]; started: Dated<TimerRow, 'fireAt'>[]; ended: Dated<TimerRow, 'fireAt'>[]; result: unknown }[]>`
    SELECT (SELECT coalesce(json_agg(${taskColumns} ORDER BY due_at), '[]'::json) FROM tasks WHERE id = ANY(${ids.taskIds}::uuid[])) AS tasks,
           (SELECT coalesce(json_agg(${timerColumns} ORDER BY fire_at), '[]'::json) FROM timers WHERE id = ANY(${ids.timersStarted}::uuid[])) AS started,
           (SELECT coalesce(json_agg(${timerColumns} ORDER BY fire_at), '[]'::json) FROM timers WHERE id = ANY(${ids.timersEnded}::uuid[])) AS ended,
           (SELECT result FROM activities WHERE id = ${ids.activityId}::uuid) AS result`;
  const timer = (dated: Dated<TimerRow, 'fireAt'>) => toTimerView({ ...dated, fireAt: new Date(dated.fireAt) });
  return {
    tasks: await toTaskViews(db, row!.tasks.map((task) => ({ ...task, dueAt: new Date(task.dueAt), completedAt: task.completedAt === null ? null : new Date(task.completedAt) }))),
    timersStarted: row!.started.map(timer),
    timersEnded: row!.ended.map(timer),
    result: row!.result,
  };
}

/** The rules that matched an applied activity, from its stored result; null when none were kept (applied before they were). */
export function toRulesMatchedView(result: unknown): RuleMatchedView[] | null {
  const verdicts = storedVerdicts(result);
  return verdicts && verdicts.map((verdict) => ({ ...verdict, setsStatus: verdict.setsStatus ?? null, explanation: explainVerdict(verdict) }));
}
