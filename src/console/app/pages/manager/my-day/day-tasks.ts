import type { TaskView } from '../../../../../lifecycle/lifecycle.schemas';

export interface DayTask {
  task: TaskView;
  overdue: boolean;
}

/**
 * One list from the API's two answers (overdue, and due today): a task due earlier today is in
 * both. Overdue first, then today's, each oldest due first.
 */
export function mergeDayTasks(overdue: TaskView[], today: TaskView[], now = Date.now()): DayTask[] {
  const byId = new Map<string, TaskView>();
  for (const task of [...overdue, ...today]) if (task.state === 'OPEN') byId.set(task.id, task);
  return [...byId.values()]
    .map((task) => ({ task, overdue: Date.parse(task.dueAt) < now }))
    .sort((a, b) => Number(b.overdue) - Number(a.overdue) || Date.parse(a.task.dueAt) - Date.parse(b.task.dueAt));
}
