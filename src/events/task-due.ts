import type { DateTime } from 'luxon';
import { AppError } from '../errors/app-error';
import { type BusinessCalendar, dayOff, workingDaysPerWeek } from '../rules/business-calendar';
import { inZone } from '../rules/due-date';
import type { EventTaskDue } from './events.schemas';

export interface EventDates {
  startsAt: Date | null;
  endsAt: Date | null;
  timeZone: string;
}

/**
 * When an event's task is due: the event's start (or end) moved by `due.days` calendar or business
 * days, before or after, in the event's time zone, so the local time of day stays the same across a
 * DST change. Business days skip the calendar's weekend days and holidays (local dates). Pure: the
 * API and the event workflow compute the same instant from the same inputs.
 */
export function taskDueAt(due: EventTaskDue, event: EventDates, calendar: BusinessCalendar): Date {
  const anchor = due.relativeTo === 'start' ? event.startsAt : event.endsAt;
  if (!anchor) throw new AppError('VALIDATION_FAILED', `The event has no ${due.relativeTo} date to compute a task's due date from`);
  const from = inZone(anchor, event.timeZone);
  const step = due.direction === 'before' ? -1 : 1;
  if (due.unit === 'days') return from.plus({ days: step * due.days }).toJSDate();
  if (workingDaysPerWeek(calendar) < 1) throw new AppError('VALIDATION_FAILED', 'The business calendar has no working day');
  return moveBusinessDays(from, step * due.days, calendar).toJSDate();
}

/** Whole days one at a time, counting only working days; the local time of day is kept by luxon's day arithmetic. */
function moveBusinessDays(from: DateTime, count: number, calendar: BusinessCalendar): DateTime {
  const step = Math.sign(count);
  let at = from;
  for (let remaining = Math.abs(count); remaining > 0; ) {
    at = at.plus({ days: step });
    if (!dayOff(calendar, at)) remaining -= 1;
  }
  return at;
}
