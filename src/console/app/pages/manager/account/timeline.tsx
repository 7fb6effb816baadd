import { formatDateTime, humanize } from '../../../format';
import { activityLabel, timerLabel } from '../../../lifecycle-terms';
import { When } from '../when';
import type { AccountActivity, AccountTimer, OwnerChange, StatusChange, TimerEvent } from './account-types';
import { RulesMatched } from './rules-matched';
import { buildTimeline, type TimelineEntry } from './timeline-entries';

type NameOf = (id: string | null | undefined) => string | undefined;

const timerName = (timer: AccountTimer) => timerLabel(timer.kind);
/** When the timer was first set to fire: a reschedule keeps the earlier time in its history. */
function originalFireAt(timer: AccountTimer): string {
  const firstMove = (timer.history as TimerEvent[]).find((event) => event.event === 'rescheduled' && event.from);
  return firstMove?.from ?? timer.fireAt;
}

const byWhom = (nameOf: NameOf, id: string | null | undefined) => (id ? ` by ${nameOf(id) ?? 'a user'}` : '');

/** Activities, status and owner changes and timers merged into one list, newest first. */
export function Timeline({
  activities,
  statusHistory,
  ownerChanges,
  timers,
  nameOf,
}: {
  activities: AccountActivity[];
  statusHistory: StatusChange[];
  ownerChanges: OwnerChange[];
  timers: AccountTimer[];
  nameOf: NameOf;
}) {
  const entries = buildTimeline(activities, statusHistory, timers, ownerChanges);
  if (entries.length === 0) return <p class="empty">Nothing has happened on this account yet.</p>;
  return (
    <ol class="timeline" aria-label="Timeline, newest first">
      {entries.map((entry) => (
        <li key={entry.key} class={entryClass(entry)}>
          <EntryBody entry={entry} nameOf={nameOf} />
        </li>
      ))}
    </ol>
  );
}

function entryClass(entry: TimelineEntry): string {
  if (entry.kind === 'status' || entry.kind === 'owner') return 'timeline-status';
  if (entry.kind === 'timer-pending') return 'timeline-timer';
  if (entry.kind === 'timer-started' || entry.kind === 'timer-event') return 'timeline-timer-ended';
  return '';
}

function EntryBody({ entry, nameOf }: { entry: TimelineEntry; nameOf: NameOf }) {
  switch (entry.kind) {
    case 'activity':
      return <ActivityEntry activity={entry.activity} nameOf={nameOf} />;
    case 'status':
      return <StatusEntry change={entry.change} nameOf={nameOf} />;
    case 'owner':
      return (
        <>
          <When iso={entry.at} />
          <p>
            <span class="timeline-kind">
              Owner: {nameOf(entry.change.fromUserId) ?? 'nobody'} → {nameOf(entry.change.toUserId) ?? 'a user'}
            </span>
            <span class="muted">
              {' '}
              — moved{byWhom(nameOf, entry.change.changedById)} ({entry.change.reason})
            </span>
          </p>
        </>
      );
    case 'timer-started':
      return (
        <>
          <When iso={entry.at} />
          <p>
            <span class="timeline-kind">{timerName(entry.timer)} started</span>
            {entry.timer.ruleKey && ` by rule ${entry.timer.ruleKey} v${entry.timer.ruleVersion}`}, set to fire {formatDateTime(originalFireAt(entry.timer))}
          </p>
        </>
      );
    case 'timer-pending':
      return (
        <>
          <When iso={entry.at} prefix="Fires" />
          <p>
            <span class="timeline-kind">{timerName(entry.timer)} pending</span> — {entry.timer.why.trigger}
          </p>
        </>
      );
    case 'timer-event':
      return <TimerEventEntry timer={entry.timer} event={entry.event} nameOf={nameOf} />;
  }
}

function ActivityEntry({ activity, nameOf }: { activity: AccountActivity; nameOf: NameOf }) {
  const nextStep = activity.nextStep as { type?: string; dueAt?: string; title?: string } | null;
  return (
    <>
      <When iso={activity.occurredAt} />
      <p>
        <span class="timeline-kind">
          {activityLabel(activity.type)}: {humanize(activity.outcome)}
        </span>
        {activity.contactName && <> with {activity.contactName}</>}
        {byWhom(nameOf, activity.loggedById) && <span class="muted"> — logged{byWhom(nameOf, activity.loggedById)}</span>}
      </p>
      {activity.notes && <p class="timeline-notes">{activity.notes}</p>}
      {nextStep?.type && (
        <p class="muted">
          Next step: {humanize(nextStep.type)}
          {nextStep.title && ` “${nextStep.title}”`}
          {nextStep.dueAt && `, due ${formatDateTime(nextStep.dueAt)}`}
        </p>
      )}
      {activity.rulesMatched && <RulesMatched rules={activity.rulesMatched} label="Rules for this activity" />}
    </>
  );
}

function StatusEntry({ change, nameOf }: { change: StatusChange; nameOf: NameOf }) {
  const cause = change.ruleKey
    ? `rule ${change.ruleKey} v${change.ruleVersion}${change.timerId ? ', when its timer fired' : ''}`
    : change.changedById
      ? `${nameOf(change.changedById) ?? 'a user'}${change.reason ? ` (${change.reason})` : ''}`
      : change.reason;
  return (
    <>
      <When iso={change.changedAt} />
      <p>
        <span class="timeline-kind">{change.fromStatus ? `Status: ${humanize(change.fromStatus)} → ${humanize(change.toStatus)}` : `Created as ${humanize(change.toStatus)}`}</span>
        {cause && <span class="muted"> — by {cause}</span>}
      </p>
    </>
  );
}

function TimerEventEntry({ timer, event, nameOf }: { timer: AccountTimer; event: TimerEvent; nameOf: NameOf }) {
  const what =
    event.event === 'rescheduled'
      ? `rescheduled${event.from ? ` from ${formatDateTime(event.from)}` : ''}${event.to ? ` to ${formatDateTime(event.to)}` : ''}`
      : event.event === 'fired'
        ? 'fired'
        : event.event === 'cancelled'
          ? 'cancelled'
          : (event.event ?? 'changed');
  return (
    <>
      <When iso={event.at!} />
      <p>
        <span class="timeline-kind">
          {timerName(timer)} {what}
        </span>
        {byWhom(nameOf, event.byUserId)}
        {event.ruleKey && ` by rule ${event.ruleKey}`}
        {event.reason && `: “${event.reason}”`}
      </p>
    </>
  );
}
