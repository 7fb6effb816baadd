import { useState } from 'preact/hooks';
import type { TaskView } from '../../../../../lifecycle/lifecycle.schemas';
import { Empty, ErrorNotice, Loading, Notice } from '../../../components/notices';
import { formatDate } from '../../../format';
import { useApi } from '../../../use-api';
import { useAccountNames } from '../account-names';
import { userTimeZone } from '../../../date-input';
import { TaskItem } from '../task-item';
import { mergeDayTasks } from './day-tasks';
import { NotificationsCard } from './notifications-card';
import '../manager.css';
import { t } from '../../../i18n/i18n';

interface Tasks {
  items: TaskView[];
  nextCursor: string | null;
}
const PAGE = 200;

/** The manager's morning: what is overdue and what is due today, why each exists, and Complete. */
export function MyDayPage() {
  const overdue = useApi<Tasks>('/tasks', { assignee: 'me', due: 'overdue', limit: PAGE });
  const today = useApi<Tasks>('/tasks', { assignee: 'me', due: 'today', state: 'open', timeZone: userTimeZone(), limit: PAGE });
  const [completed, setCompleted] = useState<string>();
  const tasks = overdue.data && today.data ? mergeDayTasks(overdue.data.items, today.data.items) : undefined;
  const accountNames = useAccountNames(tasks?.map(({ task }) => task.accountId) ?? []);
  const overdueCount = tasks?.filter((entry) => entry.overdue).length ?? 0;
  const reload = () => Promise.all([overdue.reload(), today.reload()]);

  return (
    <section>
      <div class="page-head">
        <h1>{t('My day')}</h1>
        <div class="actions">
          <span class="muted">{formatDate(new Date().toISOString())}</span>
          <button type="button" onClick={() => void reload()}>
            {t('Refresh')}</button>
        </div>
      </div>
      {completed && <Notice kind="success">{completed}</Notice>}
      <section class="card" aria-labelledby="tasks-heading">
        <h2 id="tasks-heading">
          {t('Tasks due today and overdue')}{tasks && ` (${tasks.length}${overdueCount ? t(', {count} overdue', { count: overdueCount }) : ''})`}
        </h2>
        <ErrorNotice error={overdue.error ?? today.error} title={t('Could not load your tasks')} />
        {!tasks && !(overdue.error ?? today.error) && <Loading label={t('Loading your tasks…')} />}
        {tasks && tasks.length === 0 && <Empty>{t('Nothing due today and nothing overdue.')}</Empty>}
        {tasks && tasks.length > 0 && (
          <ul class="task-list" aria-label={t('Tasks due today and overdue')}>
            {tasks.map(({ task, overdue: late }) => (
              <TaskItem
                key={task.id}
                task={task}
                overdue={late}
                accountName={accountNames.get(task.accountId)}
                onCompleted={(done) => {
                  const account = accountNames.get(done.accountId);
                  setCompleted(account ? t('Completed “{title}” on {account}.', { title: done.title, account }) : t('Completed “{title}”.', { title: done.title }));
                  void reload();
                }}
              />
            ))}
          </ul>
        )}
        {(overdue.data?.nextCursor || today.data?.nextCursor) && <p class="muted">{t('Showing the first {PAGE} of each list.', { PAGE })}</p>}
      </section>
      <NotificationsCard />
    </section>
  );
}
