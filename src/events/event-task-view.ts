import type { EventTaskDue, EventTaskView } from './events.schemas';

export interface TaskRow {
  id: string;
  eventId: string;
  eventName: string;
  title: string;
  assigneeId: string | null;
  due: EventTaskDue;
  dueAt: Date | null;
  state: EventTaskView['state'];
  completedAt: Date | null;
  escalatedAt: Date | null;
}

export function toTaskView(task: TaskRow): EventTaskView {
  return {
    id: task.id,
    eventId: task.eventId,
    eventName: task.eventName,
    title: task.title,
    assigneeId: task.assigneeId,
    due: task.due,
    dueAt: task.dueAt?.toISOString() ?? null,
    state: task.state,
    completedAt: task.completedAt?.toISOString() ?? null,
    escalatedAt: task.escalatedAt?.toISOString() ?? null,
  };
}
