import { formatDateTime, humanize } from '../../../format';
import { activityLabel, timerLabel } from '../../../lifecycle-terms';
import { WhyExplanation } from '../task-why';
import { When } from '../when';
import type { ActivityResult } from './account-types';
import { RulesMatched } from './rules-matched';
import { t } from '../../../i18n/i18n';

/**
 * What the rules did with the activity just logged: the status move, the tasks and the timers, and
 * every rule that matched, with the condition that kept it from acting when it did not.
 */
export function ActivityResultNotice({ result }: { result: ActivityResult }) {
  const { activity, previousStatus, status, tasksCreated, timersStarted, timersCancelled, rulesMatched } = result;
  // Rules that would have moved the status but did not apply: the first thing a manager asks about.
  const statusNotSet = previousStatus === status ? rulesMatched.filter((rule) => !rule.applied && rule.setsStatus) : [];
  return (
    <div class="notice notice-success" role="status" aria-labelledby="activity-result-heading">
      <h3 id="activity-result-heading" style={{ marginTop: 0 }}>
        {t('Logged: {type}, {outcome}', { type: activityLabel(activity.type), outcome: humanize(activity.outcome) })}
      </h3>
      <p>
        {t('Status:')}{' '}{previousStatus === status ? <>{t('still {status}', { status: humanize(status) })}</> : <>{humanize(previousStatus)} → <strong>{humanize(status)}</strong></>}
      </p>
      {statusNotSet.map((rule) => (
        <p key={`${rule.ruleId}-${rule.depth}`}>
          {t('Not moved to {setsStatus} by rule {ruleKey} v{ruleVersion}: {value}.', { setsStatus: humanize(rule.setsStatus!), ruleKey: rule.ruleKey, ruleVersion: rule.ruleVersion, value: rule.failedConditions.join('; ') })}</p>
      ))}
      <p>{tasksCreated.length === 0 ? t('No task created.') : t('Tasks created ({length}):', { length: tasksCreated.length })}</p>
      {tasksCreated.length > 0 && (
        <ul class="result-list">
          {tasksCreated.map((task) => (
            <li key={task.id}>
              <strong>{task.title}</strong> ({humanize(task.type)}), <When iso={task.dueAt} prefix={t('due')} />
              <WhyExplanation why={task.why} />
            </li>
          ))}
        </ul>
      )}
      {timersStarted.length > 0 && (
        <>
          <p>{t('Timers started ({length}):', { length: timersStarted.length })}</p>
          <ul class="result-list">
            {timersStarted.map((timer) => (
              <li key={timer.id}>
                {timerLabel(timer.kind)}, <When iso={timer.fireAt} prefix={t('fires')} />
              </li>
            ))}
          </ul>
        </>
      )}
      {timersCancelled.length > 0 && (
        <>
          <p>{t('Timers cancelled ({length}):', { length: timersCancelled.length })}</p>
          <ul class="result-list">
            {timersCancelled.map((timer) => (
              <li key={timer.id}>
                {t('{kind} that would have fired {fireAt}', { kind: timerLabel(timer.kind), fireAt: formatDateTime(timer.fireAt) })}
              </li>
            ))}
          </ul>
        </>
      )}
      <p>{t('What the rules did, and what they did not:')}</p>
      <RulesMatched rules={rulesMatched} label={t('Rules that matched the activity')} />
    </div>
  );
}
