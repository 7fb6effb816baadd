import { DateTime, type Duration } from 'luxon';
import type { EnrollmentSchedule } from '../journey.schemas';
import { parsedDuration } from '../../rules/duration.schemas';

/** What the next enrollment is computed from. */
export interface ScheduleFacts {
  /** When the campaign was scheduled (its first enrollment's time when that is unknown, else now): an interval counts from here. */
  anchor: Date;
  /** The last enrollment's scheduled time; null before the first. */
  lastScheduledFor: Date | null;
  now: Date;
}

/** The occurrences of a schedule: the first after (or at) a time, the latest at or before one. */
interface Occurrences {
  firstAfter(time: Date, orAt: boolean): Date;
  latestAtOrBefore(time: Date): Date | null;
}

/**
 * The next enrollment: the schedule's first occurrence after the last enrollment (the first at or
 * after the moment the campaign was scheduled, before any). When that is already past (the worker
 * was down, the campaign paused), the latest occurrence up to now instead: one catch-up enrollment
 * takes everyone new, never a burst of one per missed occurrence.
 */
export function nextEnrollmentAt(schedule: EnrollmentSchedule, facts: ScheduleFacts): Date {
  const occurrences = 'every' in schedule ? intervalOccurrences(facts.anchor, parsedDuration(schedule.every)) : dailyOccurrences(schedule);
  const next = facts.lastScheduledFor ? occurrences.firstAfter(facts.lastScheduledFor, false) : occurrences.firstAfter(facts.anchor, true);
  if (next > facts.now) return next;
  return occurrences.latestAtOrBefore(facts.now) ?? next;
}

/** Local time of day in an IANA zone on some weekdays; luxon moves a time that a DST change skips forward. */
function dailyOccurrences({ time, timeZone, days }: { time: string; timeZone: string; days: number[] }): Occurrences {
  const [hour, minute] = time.split(':').map(Number);
  const on = (day: DateTime) => DateTime.fromObject({ year: day.year, month: day.month, day: day.day, hour, minute }, { zone: timeZone });
  const dayOf = (instant: Date) => DateTime.fromJSDate(instant, { zone: timeZone }).startOf('day');
  // Days has at least one weekday, so a week and a day always hold an occurrence on either side.
  return {
    firstAfter(instant, orAt) {
      const today = dayOf(instant);
      for (let offset = 0; offset <= 8; offset++) {
        const day = today.plus({ days: offset });
        const at = on(day);
        if (days.includes(day.weekday) && (orAt ? at.toMillis() >= instant.getTime() : at.toMillis() > instant.getTime())) return at.toJSDate();
      }
      throw new Error(`no enrollment day among ${JSON.stringify(days)}`);
    },
    latestAtOrBefore(instant) {
      const today = dayOf(instant);
      for (let offset = 0; offset <= 8; offset++) {
        const day = today.minus({ days: offset });
        const at = on(day);
        if (days.includes(day.weekday) && at.toMillis() <= instant.getTime()) return at.toJSDate();
      }
      return null;
    },
  };
}

/**
 * anchor + k × every, for k = 0, 1, 2…, as calendar arithmetic in UTC from the anchor each time
 * (so P1M from 31 January gives 28 February, then 31 March: no drift).
 */
function intervalOccurrences(anchor: Date, every: Duration): Occurrences {
  const start = DateTime.fromJSDate(anchor, { zone: 'utc' });
  const occurrence = (k: number) => start.plus(every.mapUnits((value) => value * k)).toJSDate();
  const approximateMs = Math.max(every.as('milliseconds'), 1);
  /** The largest k whose occurrence is at or before the time; -1 before the anchor. */
  const latestIndex = (instant: Date) => {
    if (instant < anchor) return -1;
    let k = Math.floor((instant.getTime() - anchor.getTime()) / approximateMs);
    while (k > 0 && occurrence(k) > instant) k--;
    while (occurrence(k + 1) <= instant) k++;
    return k;
  };
  return {
    firstAfter(instant, orAt) {
      const k = latestIndex(instant);
      if (k < 0) return anchor;
      return orAt && occurrence(k).getTime() === instant.getTime() ? instant : occurrence(k + 1);
    },
    latestAtOrBefore(instant) {
      const k = latestIndex(instant);
      return k < 0 ? null : occurrence(k);
    },
  };
}
