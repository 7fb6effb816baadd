import { msg, tp } from './i18n/i18n';

// The API speaks ISO 8601 durations ("PT4H", "P2D"); people choose and read a number and a unit
// ("4 hours", "2 business days"). Business days are days the API counts on the business calendar
// (a rule's `due: { after: 'P2D', businessDays: true }`): the same "PnD", flagged beside it.

export type DurationUnit = 'seconds' | 'minutes' | 'hours' | 'days' | 'businessDays' | 'weeks';

/** A duration as a form holds it: a whole amount of one unit. */
export interface DurationChoice {
  amount: number;
  unit: DurationUnit;
}

/** The units a duration field offers, smallest first, with the words of its select. */
export const durationUnitLabels: Record<DurationUnit, string> = {
  seconds: msg('seconds'),
  minutes: msg('minutes'),
  hours: msg('hours'),
  days: msg('days'),
  businessDays: msg('business days'),
  weeks: msg('weeks'),
};

const ISO = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

interface Parts {
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

/** The parts of an ISO 8601 duration in whole units, or null when it is not one (or is empty). */
export function isoDurationParts(text: string | null | undefined): Parts | null {
  const match = ISO.exec(text?.trim() ?? '');
  if (!match || match.slice(1).every((part) => part === undefined)) return null;
  const [years, months, weeks, days, hours, minutes, seconds] = match.slice(1).map((part) => Number(part ?? 0)) as number[];
  return { years: years!, months: months!, weeks: weeks!, days: days!, hours: hours!, minutes: minutes!, seconds: seconds! };
}

const SECONDS: Record<Exclude<DurationUnit, 'businessDays'>, number> = { weeks: 604_800, days: 86_400, hours: 3_600, minutes: 60, seconds: 1 };

/**
 * An ISO 8601 duration as one amount of the largest unit that holds it exactly: "PT4H" → 4 hours,
 * "P1DT12H" → 36 hours, "P14D" → 2 weeks. With `businessDays` (whole days only), "P2D" → 2 business
 * days and "P1W" → 1 week (the API counts a business week as the calendar's working days). Months
 * and years have no fixed length and answer null, as does anything that is not a duration.
 */
export function parseDuration(text: string | null | undefined, { businessDays = false } = {}): DurationChoice | null {
  const parts = isoDurationParts(text);
  if (!parts || parts.years || parts.months) return null;
  if (businessDays) {
    if (parts.hours || parts.minutes || parts.seconds) return null;
    if (parts.weeks && !parts.days) return { amount: parts.weeks, unit: 'weeks' };
    return { amount: parts.days + parts.weeks * 5, unit: 'businessDays' };
  }
  const total = parts.weeks * SECONDS.weeks + parts.days * SECONDS.days + parts.hours * SECONDS.hours + parts.minutes * SECONDS.minutes + parts.seconds;
  if (total === 0) return null;
  const unit = (['weeks', 'days', 'hours', 'minutes', 'seconds'] as const).find((candidate) => total % SECONDS[candidate] === 0)!;
  return { amount: total / SECONDS[unit], unit };
}

/** A choice as the API's ISO 8601 text: 4 hours → "PT4H", 2 business days → "P2D" (sent with businessDays). */
export function toIsoDuration({ amount, unit }: DurationChoice): string {
  switch (unit) {
    case 'seconds':
      return `PT${amount}S`;
    case 'minutes':
      return `PT${amount}M`;
    case 'hours':
      return `PT${amount}H`;
    case 'days':
    case 'businessDays':
      return `P${amount}D`;
    case 'weeks':
      return `P${amount}W`;
  }
}

const words: Record<DurationUnit | 'years' | 'months', (count: number) => string> = {
  years: (count) => tp(count, '{count} year', '{count} years'),
  months: (count) => tp(count, '{count} month', '{count} months'),
  weeks: (count) => tp(count, '{count} week', '{count} weeks'),
  days: (count) => tp(count, '{count} day', '{count} days'),
  businessDays: (count) => tp(count, '{count} business day', '{count} business days'),
  hours: (count) => tp(count, '{count} hour', '{count} hours'),
  minutes: (count) => tp(count, '{count} minute', '{count} minutes'),
  seconds: (count) => tp(count, '{count} second', '{count} seconds'),
};

/** One amount of a unit in words: "4 hours", "1 business day". */
export const durationChoiceWords = ({ amount, unit }: DurationChoice) => words[unit](amount);

/**
 * An ISO 8601 duration in words, the one way the console shows a duration: "PT4H" → "4 hours",
 * "P1DT12H" → "1 day 12 hours", "P2D" with businessDays → "2 business days". Text that is not a
 * duration is shown as it is (never silently as nothing); no duration gives `none`.
 */
export function formatDuration(text: string | null | undefined, { businessDays = false, none = '—' } = {}): string {
  if (!text?.trim()) return none;
  const parts = isoDurationParts(text);
  if (!parts) return text.trim();
  if (businessDays && !parts.hours && !parts.minutes && !parts.seconds && !parts.years && !parts.months) {
    const choice = parseDuration(text, { businessDays: true });
    if (choice) return durationChoiceWords(choice);
  }
  const order = ['years', 'months', 'weeks', 'days', 'hours', 'minutes', 'seconds'] as const;
  const shown = order.filter((unit) => parts[unit] > 0).map((unit) => words[unit](parts[unit]));
  return shown.length ? shown.join(' ') : words.seconds(0);
}

/** A number of seconds in words, the two largest units: "3 days 4 hours", "45 seconds". */
export function formatSeconds(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || Number.isNaN(seconds)) return '—';
  const total = Math.max(0, Math.round(seconds));
  const units = ['days', 'hours', 'minutes', 'seconds'] as const;
  const first = units.findIndex((unit) => total >= SECONDS[unit]);
  if (first === -1) return words.seconds(0);
  const unit = units[first]!;
  const shown = [words[unit](Math.floor(total / SECONDS[unit]))];
  const next = units[first + 1];
  const rest = next ? Math.floor((total % SECONDS[unit]) / SECONDS[next]) : 0;
  if (next && rest > 0) shown.push(words[next](rest));
  return shown.join(' ');
}
