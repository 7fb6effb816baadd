import { preferences } from './preferences';

// Dates and times are shown and entered on the user's wall clock: the time zone of their
// preferences (the browser's until those load), whatever zone the browser itself is in. The API
// keeps ISO instants; these turn `datetime-local` and `date` values into instants of a zone and back.

const pad = (value: number) => String(value).padStart(2, '0');
const HOUR_MS = 3_600_000;

interface Wall {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const wallFormats = new Map<string, Intl.DateTimeFormat>();

/** The zone's wall clock at an instant. */
function wallAt(date: Date, timeZone: string): Wall {
  let format = wallFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    wallFormats.set(timeZone, format);
  }
  const parts = format.formatToParts(date);
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((part) => part.type === type)?.value ?? 0);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour') % 24, minute: get('minute'), second: get('second') };
}

const wallAsUtc = (wall: Wall) => Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);

/** How far the zone's wall clock is ahead of UTC at an instant, in milliseconds. */
const offsetAt = (instant: number, timeZone: string) => wallAsUtc(wallAt(new Date(instant), timeZone)) - Math.floor(instant / 1000) * 1000;

/** A zone the browser knows, else UTC (an unknown zone must not break a page). */
export function knownZone(timeZone: string | null | undefined): string {
  if (!timeZone) return 'UTC';
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return timeZone;
  } catch {
    return 'UTC';
  }
}

/** The browser's IANA time zone. */
export const browserTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** The zone the signed-in user reads and enters times in: their preference, else the browser's. */
export const userTimeZone = () => knownZone(preferences.get().timeZone || browserTimeZone());

/**
 * The instant at which the zone's wall clock shows `wall`. Around a daylight-saving change: a time
 * shown twice (autumn) is its first occurrence; a time never shown (the spring gap) is moved
 * forward by the gap (02:30 in a gap of one hour is 03:30), as browsers and Temporal do.
 */
export function instantOfWall(wall: Wall, timeZone: string): number {
  const zone = knownZone(timeZone);
  const naive = wallAsUtc(wall);
  const before = offsetAt(naive - 12 * HOUR_MS, zone);
  const after = offsetAt(naive + 12 * HOUR_MS, zone);
  const fits = [...new Set([before, after])].map((offset) => naive - offset).filter((instant) => wallAsUtc(wallAt(new Date(instant), zone)) === naive);
  return fits.length ? Math.min(...fits) : naive - before;
}

/**
 * An instant as a `datetime-local` value on the user's wall clock (or `timeZone`'s): "2026-12-02T14:30",
 * or with `seconds` "2026-12-02T14:30:05" for an input with `step={1}` (without the step, a value
 * with seconds would fail the input's own validation). No instant gives ''.
 */
export function toLocalInput(iso: string | Date | null | undefined, { seconds = false, timeZone = userTimeZone() } = {}): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const wall = wallAt(date, knownZone(timeZone));
  const minutes = `${wall.year}-${pad(wall.month)}-${pad(wall.day)}T${pad(wall.hour)}:${pad(wall.minute)}`;
  return seconds ? `${minutes}:${pad(wall.second)}` : minutes;
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/;

function wallOf(value: string): Wall | null {
  const match = LOCAL.exec(value.trim());
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0)) as number[];
  return { year: year!, month: month!, day: day!, hour: hour!, minute: minute!, second: second! };
}

/**
 * A `datetime-local` value typed on the user's wall clock (or `timeZone`'s) as the ISO instant the
 * API expects ("2026-12-02T13:30:00.000Z"); an empty or unreadable value is passed on as it is, so
 * the API names the field in its answer.
 */
export function fromLocalInput(value: string, timeZone = userTimeZone()): string {
  const wall = value ? wallOf(value) : null;
  if (!wall) return value;
  const instant = instantOfWall(wall, timeZone);
  return Number.isNaN(instant) ? value : new Date(instant).toISOString();
}

/** A `date` input's day ("2026-12-02") as the instant it starts in the user's zone (or `timeZone`'s). */
export function dayStart(day: string, timeZone = userTimeZone()): string | undefined {
  const wall = day ? wallOf(day) : null;
  return wall ? new Date(instantOfWall({ ...wall, hour: 0, minute: 0, second: 0 }, timeZone)).toISOString() : undefined;
}

/** The instant the day after `day` starts in the user's zone: the end of `day`, excluded (a day may last 23 or 25 hours). */
export function dayEnd(day: string, timeZone = userTimeZone()): string | undefined {
  const wall = day ? wallOf(day) : null;
  if (!wall) return undefined;
  const next = new Date(Date.UTC(wall.year, wall.month - 1, wall.day + 1));
  return new Date(instantOfWall({ year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate(), hour: 0, minute: 0, second: 0 }, timeZone)).toISOString();
}

/** Today's date on the user's wall clock, as a `date` input holds it: "2026-12-02". */
export const todayInput = (timeZone = userTimeZone(), now = new Date()) => toLocalInput(now, { timeZone }).slice(0, 10);
