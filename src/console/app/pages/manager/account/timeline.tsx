import { formatDateTime, humanize } from '../../../format';
import { activityLabel, timerLabel } from '../../../lifecycle-terms';
import { When } from '../when';
import type { AccountActivity, AccountTimer, OwnerChange, StatusChange, TimerEvent } from './account-types';
import { RulesMatched } from './rules-matched';
import { buildTimeline, type TimelineEntry } from './timeline-entries';
import { activityAnchor, TriggerText } from './trigger-words';
import { t } from '../../../i18n/i18n';

type NameOf = (id: string | null | undefined) => string | undefined;

const timerName = (timer: AccountTimer) => timerLabel(timer.kind);
/** When the timer was first set to fire: a reschedule keeps the earlier time in its history. */
function originalFireAt(timer: AccountTimer): string {
  const firstMove = (timer.history as TimerEvent[]).find((event) => event.event === 'rescheduled' && event.from);
  return firstMove?.from ?? timer.fireAt;
}

const byWhom = (nameOf: NameOf, id: string | null | undefined) => (id ? ' ' + t('by {name}', { name: nameOf(id) ?? t('a user') }) : '');

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
  if (entries.length === 0) return <p class="empty">{t('Nothing has happened on this account yet.')}</p>;
  return (
    <ol class="timeline" aria-label={t('Timeline, newest first')}>
      {entries.map((entry) => (
        <li key={entry.key} class={entryClass(entry)} id={entry.kind === 'activity' ? activityAnchor(entry.activity.id) : undefined}>
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
              {t('Owner:')}{' '}{nameOf(entry.change.fromUserId) ?? t('nobody')} → {nameOf(entry.change.toUserId) ?? t('a user')}
            </span>
            <span class="muted">
              {' '}{t('— moved{nameOf} ({reason})', { nameOf: byWhom(nameOf, entry.change.changedById), reason: entry.change.reason })}</span>
          </p>
        </>
      );
    case 'timer-started':
      return (
        <>
          <When iso={entry.at} />
          <p>
            <span class="timeline-kind">{t('{timer} started', { timer: timerName(entry.timer) })}</span>
            {entry.timer.ruleKey && (' ' + t('by rule {ruleKey} v{ruleVersion}', { ruleKey: entry.timer.ruleKey, ruleVersion: entry.timer.ruleVersion ?? '' }))}{t(', set to fire {timer}', { timer: formatDateTime(originalFireAt(entry.timer)) })}
          </p>
        </>
      );
    case 'timer-pending':
      return (
        <>
          <When iso={entry.at} prefix={t('Fires')} />
          <p>
            <span class="timeline-kind">{t('{timer} pending', { timer: timerName(entry.timer) })}</span> — <TriggerText text={entry.timer.why.trigger} />
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
        {activity.contactName && <>{' '}{t('with {contactName}', { contactName: activity.contactName })}</>}
        {byWhom(nameOf, activity.loggedById) && <span class="muted">{' '}{t('— logged{nameOf}', { nameOf: byWhom(nameOf, activity.loggedById) })}</span>}
      </p>
      {activity.notes && <p class="timeline-notes">{activity.notes}</p>}
      {nextStep?.type && (
        <p class="muted">
          {t('Next step: {type}', { type: humanize(nextStep.type) })}
          {nextStep.title && ` “${nextStep.title}”`}
          {nextStep.dueAt && t(', due {dueAt}', { dueAt: formatDateTime(nextStep.dueAt) })}
        </p>
      )}
      {activity.rulesMatched && <RulesMatched rules={activity.rulesMatched} label={t('Rules for this activity')} />}
    </>
  );
}

function StatusEntry({ change, nameOf }: { change: StatusChange; nameOf: NameOf }) {
  const cause = change.ruleKey
    ? change.timerId
      ? t('rule {ruleKey} v{ruleVersion}, when its timer fired', { ruleKey: change.ruleKey, ruleVersion: change.ruleVersion ?? '' })
      : t('rule {ruleKey} v{ruleVersion}', { ruleKey: change.ruleKey, ruleVersion: change.ruleVersion ?? '' })
    : change.changedById
      ? `${nameOf(change.changedById) ?? t('a user')}${change.reason ? ` (${change.reason})` : ''}`
      : change.reason;
  return (
    <>
      <When iso={change.changedAt} />
      <p>
        <span class="timeline-kind">{change.fromStatus ? t('Status: {fromStatus} → {toStatus}', { fromStatus: humanize(change.fromStatus), toStatus: humanize(change.toStatus) }) : t('Created as {toStatus}', { toStatus: humanize(change.toStatus) })}</span>
        {cause && <span class="muted">{' '}{t('— by {cause}', { cause })}</span>}
      </p>
    </>
  );
}

function TimerEventEntry({ timer, event, nameOf }: { timer: AccountTimer; event: TimerEvent; nameOf: NameOf }) {
  const what =
    event.event === 'rescheduled'
      ? `rescheduled${event.from ? t(' from {from}', { from: formatDateTime(event.from) }) : ''}${event.to ? t(' to {to}', { to: formatDateTime(event.to) }) : ''}`
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
        {event.ruleKey && (' ' + t('by rule {ruleKey}', { ruleKey: event.ruleKey }))}
        {event.reason && `: “${event.reason}”`}
      </p>
    </>
  );
}
