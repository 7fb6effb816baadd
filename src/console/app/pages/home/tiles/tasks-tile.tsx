import type { TaskView } from '../../../../../lifecycle/lifecycle.schemas';
import type { MyTaskCounts } from '../../../../../home/home-reads.schemas';
import { StatusBadge } from '../../../components/badge';
import { Empty, ErrorNotice, Loading } from '../../../components/notices';
import { formatDateTime, formatNumber } from '../../../format';
import { t, tp } from '../../../i18n/i18n';
import { userTimeZone } from '../../../date-input';
import { href } from '../../../router';
import { useApi } from '../../../use-api';
import { useAccountNames } from '../../manager/account-names';
import { mergeDayTasks } from '../../manager/my-day/day-tasks';
import { TileCard } from './tile-card';

interface Tasks {
  items: TaskView[];
}

/** My open tasks overdue and due today: both counts, then the first few, overdue first. */
export function TasksTile({ headingId, limit }: { headingId: string; limit: number }) {
  const counts = useApi<MyTaskCounts>('/me/task-counts');
  const overdue = useApi<Tasks>('/tasks', { assignee: 'me', due: 'overdue', limit });
  const today = useApi<Tasks>('/tasks', { assignee: 'me', due: 'today', state: 'open', timeZone: userTimeZone(), limit });
  const tasks = overdue.data && today.data ? mergeDayTasks(overdue.data.items, today.data.items).slice(0, limit) : undefined;
  const names = useAccountNames(tasks?.map(({ task }) => task.accountId) ?? []);
  const error = counts.error ?? overdue.error ?? today.error;
  return (
    <TileCard headingId={headingId} title={t('My tasks due today and overdue')} more={{ path: '/my-day', label: t('Open My day') }}>
      <ErrorNotice error={error} title={t('Could not load your tasks')} />
      {counts.data && (
        <div class="tile-figures">
          <div>
            <span class="figure">{formatNumber(counts.data.overdue)}</span>
            <span class="muted">{t('overdue')}</span>
          </div>
          <div>
            <span class="figure">{formatNumber(counts.data.dueToday)}</span>
            <span class="muted">{t('due later today')}</span>
          </div>
        </div>
      )}
      {!tasks && !error && <Loading label={t('Loading your tasks…')} />}
      {tasks && tasks.length === 0 && <Empty>{t('Nothing due today and nothing overdue.')}</Empty>}
      {tasks && tasks.length > 0 && (
        <ul class="tile-list" aria-label={tp(tasks.length, '{count} task', '{count} tasks')}>
          {tasks.map(({ task, overdue: late }) => (
            <li key={task.id}>
              <strong>{task.title}</strong> {late && <StatusBadge status="OVERDUE" />}
              <div class="muted">
                {t('Due {when}', { when: formatDateTime(task.dueAt) })} · <a href={href(`/accounts/${task.accountId}`)}>{names.get(task.accountId) ?? t('Open account')}</a>
              </div>
            </li>
          ))}
        </ul>
      )}
    </TileCard>
  );
}
