import { useState } from 'preact/hooks';
import { post } from '../../../api';
import { StatusBadge } from '../../../components/badge';
import { Empty, ErrorNotice } from '../../../components/notices';
import { formatDateTime } from '../../../format';
import { useAction } from '../../../use-api';
import { dueInWords, type EventTaskView } from './event-model';
import { formatInZone } from './zoned-time';

/** The event's tasks: when each is due (in words and, once scheduled, as a date), who does it, and Complete for open ones. */
export function EventTasksCard({ eventId, timeZone, tasks, nameOf, onCompleted }: { eventId: string; timeZone: string; tasks: EventTaskView[]; nameOf(id: string | null): string | undefined; onCompleted(task: EventTaskView): void }) {
  return (
    <section class="card" aria-labelledby="event-tasks-heading">
      <h2 id="event-tasks-heading">Tasks</h2>
      {tasks.length === 0 ? (
        <Empty>No tasks planned.</Empty>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Task</th>
                <th scope="col">Due</th>
                <th scope="col">Assignee</th>
                <th scope="col">State</th>
                <th scope="col">
                  <span class="visually-hidden">Action</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tasks.map((task) => (
                <tr key={task.id}>
                  <td>{task.title}</td>
                  <td>
                    {dueInWords(task.due)}
                    {task.dueAt && <div class="muted">{formatInZone(task.dueAt, timeZone)}</div>}
                    {task.escalatedAt && <div class="field-error">Escalated {formatDateTime(task.escalatedAt)}</div>}
                  </td>
                  <td>{task.assigneeId ? (nameOf(task.assigneeId) ?? 'A user') : 'Nobody yet'}</td>
                  <td>
                    <StatusBadge status={task.state} />
                    {task.completedAt && <div class="muted">{formatDateTime(task.completedAt)}</div>}
                  </td>
                  <td>{task.state === 'OPEN' && <CompleteEventTask eventId={eventId} task={task} onCompleted={onCompleted} />}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function CompleteEventTask({ eventId, task, onCompleted }: { eventId: string; task: EventTaskView; onCompleted(task: EventTaskView): void }) {
  const [done, setDone] = useState(false);
  const complete = useAction(() => post<EventTaskView>(`/events/${eventId}/tasks/${task.id}/complete`));
  return (
    <div>
      <button
        type="button"
        class="primary"
        disabled={complete.busy || done}
        aria-label={`Complete: ${task.title}`}
        onClick={async () => {
          const answer = await complete.run();
          if (answer) {
            setDone(true);
            onCompleted(answer);
          }
        }}
      >
        {complete.busy ? 'Completing…' : 'Complete'}
      </button>
      <ErrorNotice error={complete.error} title="Could not complete the task" />
    </div>
  );
}
