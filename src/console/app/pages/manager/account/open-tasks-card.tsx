import { useState } from 'preact/hooks';
import { Empty, Notice } from '../../../components/notices';
import { TaskItem } from '../task-item';
import type { AccountPage } from './account-types';
import { t } from '../../../i18n/i18n';

/** The account's open tasks, due first, each with why it exists. */
export function OpenTasksCard({ tasks, onChanged }: { tasks: AccountPage['openTasks']; onChanged: () => void }) {
  const [completed, setCompleted] = useState<string>();
  const now = Date.now();
  return (
    <section class="card" aria-labelledby="open-tasks-heading">
      <h2 id="open-tasks-heading">{t('Open tasks ({length})', { length: tasks.length })}</h2>
      {completed && <Notice kind="success">{completed}</Notice>}
      {tasks.length === 0 ? (
        <Empty>{t('No open task.')}</Empty>
      ) : (
        <ul class="task-list">
          {tasks.map((task) => (
            <TaskItem
              key={task.id}
              task={task}
              overdue={Date.parse(task.dueAt) < now}
              showAccount={false}
              onCompleted={(done) => {
                setCompleted(t('Completed “{title}”.', { title: done.title }));
                onChanged();
              }}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
