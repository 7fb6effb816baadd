import type { AccountActivity, AccountTimer, OwnerChange, StatusChange, TimerEvent } from './account-types';

export type TimelineEntry =
  | { kind: 'activity'; at: string; key: string; activity: AccountActivity }
  | { kind: 'status'; at: string; key: string; change: StatusChange }
  | { kind: 'owner'; at: string; key: string; change: OwnerChange }
  | { kind: 'timer-started'; at: string; key: string; timer: AccountTimer }
  | { kind: 'timer-pending'; at: string; key: string; timer: AccountTimer }
  | { kind: 'timer-event'; at: string; key: string; timer: AccountTimer; event: TimerEvent };

/**
 * The account's story, newest first: activities, status and owner changes, and each timer's start, its
 * later events (rescheduled, cancelled, fired) and, while pending, when it will fire (future
 * entries come first, as the next things that will happen).
 */
export function buildTimeline(activities: AccountActivity[], statusHistory: StatusChange[], timers: AccountTimer[], ownerChanges: OwnerChange[] = []): TimelineEntry[] {
  const entries: TimelineEntry[] = [
    ...activities.map((activity) => ({ kind: 'activity' as const, at: activity.occurredAt, key: `activity-${activity.id}`, activity })),
    ...statusHistory.map((change) => ({ kind: 'status' as const, at: change.changedAt, key: `status-${change.id}`, change })),
    ...ownerChanges.map((change) => ({ kind: 'owner' as const, at: change.changedAt, key: `owner-${change.id}`, change })),
  ];
  for (const timer of timers) {
    entries.push({ kind: 'timer-started', at: timer.createdAt, key: `timer-${timer.id}-started`, timer });
    (timer.history as TimerEvent[]).forEach((event, index) => {
      if (event.at) entries.push({ kind: 'timer-event', at: event.at, key: `timer-${timer.id}-${index}`, timer, event });
    });
    if (timer.state === 'PENDING') entries.push({ kind: 'timer-pending', at: timer.fireAt, key: `timer-${timer.id}-pending`, timer });
  }
  return entries.sort((a, b) => Date.parse(b.at) - Date.parse(a.at) || a.key.localeCompare(b.key));
}
