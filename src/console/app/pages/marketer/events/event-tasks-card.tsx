import { useState } from 'preact/hooks';
import { post } from '../../../api';
import { StatusBadge } from '../../../components/badge';
import { Empty, ErrorNotice } from '../../../components/notices';
import { formatDateTime } from '../../../format';
import { useAction } from '../../../use-api';
import { dueInWords, type EventTaskView } from './event-model';
import { formatInZone } from './zoned-time';
import { t } from '../../../i18n/i18n';

/** The event's tasks: when each is due (in words and, once scheduled, as a date), who does it, and Complete for open ones. */
export function EventTasksCard({ eventId, timeZone, tasks, nameOf, onCompleted }: { eventId: string; timeZone: string; tasks: EventTaskView[]; nameOf(id: string | null): string | undefined; onCompleted(task: EventTaskView): void }) {
  return (
    <section class="card" aria-labelledby="event-tasks-heading">
      <h2 id="event-tasks-heading">{t('Tasks')}</h2>
      {tasks.length === 0 ? (
        <Empty>{t('No tasks planned.')}</Empty>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('Task')}</th>
                <th scope="col">{t('Due')}</th>
                <th scope="col">{t('Assignee')}</th>
                <th scope="col">{t('State')}</th>
                <th scope="col">
                  <span class="visually-hidden">{t('Action')}</span>
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
                    {task.escalatedAt && <div class="field-error">{t('Escalated {escalatedAt}', { escalatedAt: formatDateTime(task.escalatedAt) })}</div>}
                  </td>
                  <td>{task.assigneeId ? (nameOf(task.assigneeId) ?? t('A user')) : t('Nobody yet')}</td>
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
        aria-label={t('Complete: {title}', { title: task.title })}
        onClick={async () => {
          const answer = await complete.run();
          if (answer) {
            setDone(true);
            onCompleted(answer);
          }
        }}
      >
        {complete.busy ? t('Completing…') : t('Complete')}
      </button>
      <ErrorNotice error={complete.error} title={t('Could not complete the task')} />
    </div>
  );
}
