import type { TaskView } from '../../../../lifecycle/lifecycle.schemas';
import { StatusBadge } from '../../components/badge';
import { humanize } from '../../format';
import { href } from '../../router';
import { CompleteTaskButton } from './complete-task-button';
import { TaskCollateralList } from './task-collateral';
import { WhyExplanation } from './task-why';
import { When } from './when';
import { t } from '../../i18n/i18n';

/** A task as a manager acts on it: what, when, on which account, why it exists, and Complete. */
export function TaskItem({ task, overdue, accountName, onCompleted, showAccount = true }: { task: TaskView; overdue: boolean; accountName?: string; onCompleted: (done: TaskView) => void; showAccount?: boolean }) {
  return (
    <li>
      <div class="task-head">
        <h3>{task.title}</h3>
        <CompleteTaskButton task={task} onCompleted={onCompleted} />
      </div>
      <div class="task-meta">
        {overdue && <StatusBadge status="OVERDUE" />}
        <span class="badge">{humanize(task.type)}</span>
        <When iso={task.dueAt} prefix={t('Due')} />
        {showAccount && <a href={href(`/accounts/${task.accountId}`)}>{accountName ?? t('Open account')}</a>}
      </div>
      <TaskCollateralList collateral={task.collateral} />
      <WhyExplanation why={task.why} />
    </li>
  );
}
