// Event dates are planned in the event's own time zone (a seminar in Lyon at 09:00 Lyon time,
// whoever plans it from wherever): these turn `datetime-local` values into instants of that zone and back.

import { intlLocale } from '../../../i18n/i18n';

const pad = (value: number) => String(value).padStart(2, '0');

function partsIn(date: Date, timeZone: string) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(date);
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((part) => part.type === type)?.value ?? 0);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour') % 24, minute: get('minute'), second: get('second') };
}

/** A zone the browser knows, else UTC (the API then names the bad `timeZone` itself). */
export function knownZone(timeZone: string): string {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return timeZone;
  } catch {
    return 'UTC';
  }
}

/** How far the zone's wall clock is ahead of UTC at `date`, in minutes. */
function offsetMinutes(date: Date, timeZone: string): number {
  const wall = partsIn(date, timeZone);
  const wallAsUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return Math.round((wallAsUtc - Math.floor(date.getTime() / 1000) * 1000) / 60_000);
}

/** An instant as a `datetime-local` value on the zone's wall clock: "2026-12-10T09:00". */
export function toZonedInput(iso: string | null | undefined, timeZone: string): string {
  if (!iso) return '';
  const wall = partsIn(new Date(iso), knownZone(timeZone));
  return `${wall.year}-${pad(wall.month)}-${pad(wall.day)}T${pad(wall.hour)}:${pad(wall.minute)}`;
}

/**
 * A `datetime-local` value read on the zone's wall clock, as ISO 8601 with that zone's offset
 * ("2026-12-10T09:00:00+01:00"). An empty or unreadable value is passed on for the API to name.
 */
export function fromZonedInput(value: string, timeZone: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (!match) return value;
  const [year, month, day, hour, minute, second = '0'] = match.slice(1).map((part) => part ?? '0');
  const wallAsUtc = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second));
  const zone = knownZone(timeZone);
  // Two passes settle the offset on either side of a daylight-saving change.
  let offset = offsetMinutes(new Date(wallAsUtc), zone);
  offset = offsetMinutes(new Date(wallAsUtc - offset * 60_000), zone);
  const sign = offset < 0 ? '-' : '+';
  const size = Math.abs(offset);
  return `${year}-${month}-${day}T${hour}:${minute}:${pad(Number(second))}${sign}${pad(Math.floor(size / 60))}:${pad(size % 60)}`;
}

/** "10 Dec 2026, 09:00" on the event's wall clock. */
export function formatInZone(iso: string | null | undefined, timeZone: string): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(intlLocale(), { dateStyle: 'medium', timeStyle: 'short', timeZone: knownZone(timeZone) }).format(new Date(iso));
}

/** The browser's zone, the default for a new event. */
export const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
