import { DateTime } from 'luxon';
import type { DateValue, PeriodValue } from './query-values.schemas';

/** A date a filter names, resolved: a whole day (a date, or days and longer from today) or an instant. */
export interface ResolvedDate {
  start: DateTime;
  wholeDay: boolean;
}

export interface Clock {
  now: Date;
  /** Where "today" is: the user's time zone. */
  zone: string;
}

const today = (clock: Clock) => DateTime.fromJSDate(clock.now, { zone: clock.zone }).startOf('day');

/**
 * "2026-12-01" is that day in the user's zone; a date-time is that instant; relative days, weeks,
 * months and years count from the start of today (so "-30 days" is a whole day), hours and minutes from now.
 */
export function resolveDate(value: DateValue, clock: Clock): ResolvedDate {
  if (typeof value === 'string') {
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return { start: DateTime.fromISO(value, { zone: clock.zone }), wholeDay: true };
    return { start: DateTime.fromISO(value, { zone: clock.zone }), wholeDay: false };
  }
  const { amount, unit } = value.relative;
  if (unit === 'hour' || unit === 'minute') return { start: DateTime.fromJSDate(clock.now, { zone: clock.zone }).plus({ [unit]: amount }), wholeDay: false };
  return { start: today(clock).plus({ [unit]: amount }), wholeDay: true };
}

/** Where a named date ends: the next day for a whole day, the instant itself otherwise. */
export const endOf = (date: ResolvedDate): DateTime => (date.wholeDay ? date.start.plus({ day: 1 }) : date.start);

/** A calendar period around today: this month (offset 0), last week (-1), next quarter (1)… weeks start on Monday. */
export function periodRange(value: PeriodValue, clock: Clock): [DateTime, DateTime] {
  const start = today(clock).startOf(value.period).plus({ [value.period]: value.offset });
  return [start, start.plus({ [value.period]: 1 })];
}
