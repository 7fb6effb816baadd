import { DateTime } from 'luxon';
import { AppError } from '../errors/app-error';
import { type BusinessCalendar, type DayOff, dayOff, workingDaysPerWeek } from './business-calendar';
import { businessDayCount, type DueSpecInput, isoDurationProblem, parsedDuration } from './duration.schemas';
import { zoneNamed } from './time-zones';

export interface ComputedDue {
  dueAt: Date;
  /** For "why do I have this task?": the arithmetic in words, in the account's time zone. */
  explanation: string;
}

/**
 * When something is due: `spec.after` added to `from` in the account's time zone, so P1D keeps
 * the local time of day across a DST change while PT24H stays exactly 24 hours. Business days
 * skip the calendar's weekend days and holidays; `at` then replaces the local time of day.
 */
export function computeDue(spec: DueSpecInput, from: Date, timeZone: string, calendar: BusinessCalendar): ComputedDue {
  const start = inZone(from, timeZone);
  const problem = isoDurationProblem(spec.after);
  if (problem) throw new AppError('VALIDATION_FAILED', `Invalid due date duration: ${problem}`);
  let due: DateTime;
  let words: string;
  if (spec.businessDays) {
    const perWeek = workingDaysPerWeek(calendar);
    if (perWeek < 1) throw new AppError('VALIDATION_FAILED', 'The business calendar has no working day');
    const count = businessDayCount(spec.after, perWeek);
    if (typeof count === 'string') throw new AppError('VALIDATION_FAILED', `Invalid due date duration: ${count}`);
    const { end, skipped } = addBusinessDays(start, count, calendar);
    due = end;
    words = `${count} business ${count === 1 ? 'day' : 'days'} after ${formatLocal(start)}`;
    if (skipped.length > 0) words += `, skipping ${describeSkipped(skipped)}`;
  } else {
    const duration = parsedDuration(spec.after);
    due = start.plus(duration);
    words = `${duration.reconfigure({ locale: 'en' }).toHuman({ listStyle: 'long' })} after ${formatLocal(start)}`;
  }
  if (spec.at) {
    const [hour, minute] = spec.at.split(':').map(Number);
    due = due.set({ hour, minute, second: 0, millisecond: 0 });
    words += `, at ${spec.at} local`;
    // Luxon moves a time inside a spring-forward gap later; say so rather than surprise.
    if (`${pad(due.hour)}:${pad(due.minute)}` !== spec.at) words += ` (${spec.at} does not exist that day: the clocks moved forward)`;
  }
  return { dueAt: due.toJSDate(), explanation: `${words}: ${formatLocal(due)}` };
}

/** `from` plus an exact ISO duration in the account's zone, for timers such as "overdue after PT24H". */
export function addDuration(after: string, from: Date, timeZone: string): Date {
  const problem = isoDurationProblem(after);
  if (problem) throw new AppError('VALIDATION_FAILED', `Invalid duration: ${problem}`);
  const duration = parsedDuration(after);
  const { years, quarters, months, weeks, days } = duration;
  if (!years && !quarters && !months && !weeks && !days) {
    // Hours and less are exact time: luxon adds them as milliseconds whatever the zone (its
    // adjustTime), so the same instant comes out without building a DateTime.
    if (!zoneNamed(timeZone)) throw unknownZone(timeZone);
    return new Date(from.getTime() + duration.as('milliseconds'));
  }
  return inZone(from, timeZone).plus(duration).toJSDate();
}

const unknownZone = (timeZone: string) => new AppError('VALIDATION_FAILED', `Unknown time zone "${timeZone}": use an IANA name such as Europe/Paris`);

export function inZone(instant: Date, timeZone: string): DateTime {
  const zone = zoneNamed(timeZone);
  if (!zone) throw unknownZone(timeZone);
  return DateTime.fromJSDate(instant, { zone });
}

/** "2026-12-24 16:05 Europe/Paris": how due times are shown in explanations. */
export function formatLocal(moment: DateTime): string {
  // toFormat('yyyy-MM-dd HH:mm') spelled out: it parsed its format on every call.
  return `${String(moment.year).padStart(4, '0')}-${pad(moment.month)}-${pad(moment.day)} ${pad(moment.hour)}:${pad(moment.minute)} ${moment.zoneName}`;
}

const pad = (value: number) => String(value).padStart(2, '0');

interface SkippedDay {
  date: DateTime;
  reason: DayOff;
}

function addBusinessDays(start: DateTime, count: number, calendar: BusinessCalendar) {
  const skipped: SkippedDay[] = [];
  let end = start;
  for (let remaining = count; remaining > 0; ) {
    end = end.plus({ days: 1 });
    const reason = dayOff(calendar, end);
    if (reason) skipped.push({ date: end, reason });
    else remaining -= 1;
  }
  return { end, skipped };
}

/** "2026-12-25 (holiday) and 2026-12-26/27 (weekend)": consecutive days off with one reason merge. */
function describeSkipped(skipped: SkippedDay[]): string {
  const runs: { first: DateTime; last: DateTime; reason: DayOff }[] = [];
  for (const { date, reason } of skipped) {
    const run = runs.at(-1);
    if (run && run.reason === reason && run.last.plus({ days: 1 }).hasSame(date, 'day')) run.last = date;
    else runs.push({ first: date, last: date, reason });
  }
  const parts = runs.map(({ first, last, reason }) => `${formatRange(first, last)} (${reason})`);
  return parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

function formatRange(first: DateTime, last: DateTime): string {
  const from = first.toFormat('yyyy-MM-dd');
  if (first.hasSame(last, 'day')) return from;
  return `${from}/${first.hasSame(last, 'month') ? last.toFormat('dd') : last.toFormat('yyyy-MM-dd')}`;
}
