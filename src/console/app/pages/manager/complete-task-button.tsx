import type { TaskView } from '../../../../lifecycle/lifecycle.schemas';
import { post } from '../../api';
import { ErrorNotice } from '../../components/notices';
import { useAction } from '../../use-api';
import { t } from '../../i18n/i18n';

/** Completes one task; the parent hears of it to show the outcome and reload its list. */
export function CompleteTaskButton({ task, onCompleted }: { task: TaskView; onCompleted: (done: TaskView) => void }) {
  const complete = useAction(() => post<TaskView>(`/tasks/${task.id}/complete`));
  return (
    <div>
      <button
        type="button"
        class="primary"
        disabled={complete.busy}
        aria-label={t('Complete: {title}', { title: task.title })}
        onClick={async () => {
          const done = await complete.run();
          if (done) onCompleted(done);
        }}
      >
        {complete.busy ? t('Completing…') : t('Complete')}
      </button>
      <ErrorNotice error={complete.error} title={t('Could not complete the task')} />
    </div>
  );
}
