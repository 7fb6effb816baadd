import { DateTime, IANAZone } from 'luxon';
import type { SendWindow } from './stage-settings.schemas';

/**
 * A MAILING stage's send window (ISO weekdays, HH:mm start inclusive, end exclusive) read in a
 * recipient's own time zone: the contact's, else its account's. A zone that is not a valid IANA
 * name counts as UTC, so one bad row never stops a mailing.
 */

const zoneOf = (timeZone: string | null | undefined) => (timeZone && IANAZone.isValidZone(timeZone) ? timeZone : 'UTC');
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** True when the window is open at `at` in that time zone. */
export function isSendWindowOpen(window: SendWindow, timeZone: string | null | undefined, at: Date): boolean {
  const local = DateTime.fromJSDate(at, { zone: zoneOf(timeZone) });
  const minute = local.hour * 60 + local.minute;
  return window.days.includes(local.weekday) && minute >= minutesOf(window.start) && minute < minutesOf(window.end);
}

/**
 * The first instant at or after `from` when the window is open in that time zone. A start that
 * a DST change skips (02:30 on the night clocks go forward) opens at the first valid time after it.
 */
export function nextSendWindowOpening(window: SendWindow, timeZone: string | null | undefined, from: Date): Date {
  if (isSendWindowOpen(window, timeZone, from)) return from;
  const local = DateTime.fromJSDate(from, { zone: zoneOf(timeZone) });
  const [startHour, startMinute] = [Number(window.start.slice(0, 2)), Number(window.start.slice(3, 5))];
  for (let day = 0; day <= 7; day++) {
    const date = local.startOf('day').plus({ days: day });
    if (!window.days.includes(date.weekday)) continue;
    const opening = date.set({ hour: startHour, minute: startMinute });
    if (opening.toMillis() > from.getTime() && isSendWindowOpen(window, timeZone, opening.toJSDate())) return opening.toJSDate();
  }
  // Unreachable with at least one weekday and start < end; kept as a safe answer.
  return new Date(from.getTime() + 24 * 3600_000);
}
