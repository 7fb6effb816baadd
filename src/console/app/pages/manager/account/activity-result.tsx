import { formatDateTime, humanize } from '../../../format';
import { activityLabel, timerLabel } from '../../../lifecycle-terms';
import { WhyExplanation } from '../task-why';
import { When } from '../when';
import type { ActivityResult } from './account-types';
import { RulesMatched } from './rules-matched';

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
        Logged: {activityLabel(activity.type)}, {humanize(activity.outcome)}
      </h3>
      <p>
        Status: {previousStatus === status ? <>still {humanize(status)}</> : <>{humanize(previousStatus)} → <strong>{humanize(status)}</strong></>}
      </p>
      {statusNotSet.map((rule) => (
        <p key={`${rule.ruleId}-${rule.depth}`}>
          Not moved to {humanize(rule.setsStatus!)} by rule {rule.ruleKey} v{rule.ruleVersion}: {rule.failedConditions.join('; ')}.
        </p>
      ))}
      <p>{tasksCreated.length === 0 ? 'No task created.' : `Tasks created (${tasksCreated.length}):`}</p>
      {tasksCreated.length > 0 && (
        <ul class="result-list">
          {tasksCreated.map((task) => (
            <li key={task.id}>
              <strong>{task.title}</strong> ({humanize(task.type)}), <When iso={task.dueAt} prefix="due" />
              <WhyExplanation why={task.why} />
            </li>
          ))}
        </ul>
      )}
      {timersStarted.length > 0 && (
        <>
          <p>Timers started ({timersStarted.length}):</p>
          <ul class="result-list">
            {timersStarted.map((timer) => (
              <li key={timer.id}>
                {timerLabel(timer.kind)}, <When iso={timer.fireAt} prefix="fires" />
              </li>
            ))}
          </ul>
        </>
      )}
      {timersCancelled.length > 0 && (
        <>
          <p>Timers cancelled ({timersCancelled.length}):</p>
          <ul class="result-list">
            {timersCancelled.map((timer) => (
              <li key={timer.id}>
                {timerLabel(timer.kind)} that would have fired {formatDateTime(timer.fireAt)}
              </li>
            ))}
          </ul>
        </>
      )}
      <p>What the rules did, and what they did not:</p>
      <RulesMatched rules={rulesMatched} label="Rules that matched the activity" />
    </div>
  );
}
