import { intlLocale, t } from './i18n/i18n';
import { preferences, type DateFormat } from './preferences';

// Every formatter reads the preferences when it is called: the language's locale, the user's zone,
// their date format. Intl formatters are costly to build, so each is kept per (locale, zone, options).
const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat>();
function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat>(key: string, build: () => T): T {
  let format = cache.get(key) as T | undefined;
  if (!format) {
    format = build();
    cache.set(key, format);
  }
  return format;
}

/** The user's zone (or `wanted`) when the browser knows it, else UTC: a bad zone must not break a page. */
function zone(wanted?: string): string {
  const timeZone = wanted || preferences.get().timeZone || 'UTC';
  try {
    return cached(`zone|${timeZone}`, () => new Intl.DateTimeFormat('en-GB', { timeZone })).resolvedOptions().timeZone;
  } catch {
    return 'UTC';
  }
}

const pad = (value: number) => String(value).padStart(2, '0');
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The day, month and year an instant falls on in `timeZone`. */
function dayOf(date: Date, timeZone: string) {
  const parts = cached(`day|${timeZone}`, () => new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' })).formatToParts(date);
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((part) => part.type === type)?.value);
  return { year: get('year'), month: get('month'), day: get('day') };
}

function writeDay(date: Date, timeZone: string, format: DateFormat): string {
  if (format === 'locale') return cached(`date|${intlLocale()}|${timeZone}`, () => new Intl.DateTimeFormat(intlLocale(), { dateStyle: 'medium', timeZone })).format(date);
  const { year, month, day } = dayOf(date, timeZone);
  if (format === 'iso') return `${year}-${pad(month)}-${pad(day)}`;
  return format === 'dmy' ? `${pad(day)}.${pad(month)}.${year}` : `${pad(month)}/${pad(day)}/${year}`;
}

const timeOf = (date: Date, timeZone: string) => cached(`time|${intlLocale()}|${timeZone}`, () => new Intl.DateTimeFormat(intlLocale(), { timeStyle: 'short', timeZone })).format(date);

const parsed = (iso: string) => {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
};

/** An instant as the user reads it: their date format and the time, both on their zone's clock. */
export const formatDateTime = (iso: string | null | undefined) => formatDateTimeAs(iso, preferences.get());

/** An instant in a given zone and date format: the preferences form's live example of a choice not saved yet. */
export function formatDateTimeAs(iso: string | null | undefined, choice: { timeZone: string; dateFormat: DateFormat }): string {
  const date = iso ? parsed(iso) : null;
  if (!date) return iso ? iso : '—';
  const timeZone = zone(choice.timeZone);
  if (choice.dateFormat === 'locale') return cached(`datetime|${intlLocale()}|${timeZone}`, () => new Intl.DateTimeFormat(intlLocale(), { dateStyle: 'medium', timeStyle: 'short', timeZone })).format(date);
  return `${writeDay(date, timeZone, choice.dateFormat)} ${timeOf(date, timeZone)}`;
}

/**
 * A day in the user's date format. A calendar date ("2026-12-05": a due day, a plan's period) is the
 * same day everywhere and is never moved by a zone; an instant is shown on the day it is in the user's zone.
 */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const calendar = DATE_ONLY.exec(iso);
  if (calendar) return writeDay(new Date(Date.UTC(Number(calendar[1]), Number(calendar[2]) - 1, Number(calendar[3]))), 'UTC', preferences.get().dateFormat);
  const date = parsed(iso);
  return date ? writeDay(date, zone(), preferences.get().dateFormat) : iso;
}

/** The time of day of an instant on the user's clock: "14:30". */
export function formatTime(iso: string | null | undefined): string {
  const date = iso ? parsed(iso) : null;
  return date ? timeOf(date, zone()) : '—';
}

/** "in 3 hours", "2 days ago", in the user's language. */
export function formatRelative(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return '';
  const relative = cached(`relative|${intlLocale()}`, () => new Intl.RelativeTimeFormat(intlLocale(), { numeric: 'auto' }));
  const seconds = (new Date(iso).getTime() - now) / 1000;
  const units: [Intl.RelativeTimeFormatUnit, number][] = [['day', 86400], ['hour', 3600], ['minute', 60]];
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return relative.format(Math.round(seconds / size), unit);
  }
  return relative.format(Math.round(seconds), 'second');
}

const numberFormat = () => cached(`number|${intlLocale()}`, () => new Intl.NumberFormat(intlLocale()));

export const formatNumber = (value: number | null | undefined) => (value === null || value === undefined ? '—' : numberFormat().format(value));

/**
 * An amount in its own currency, written the user's language's way. Amounts are never converted: a
 * currency other than the user's is shown by its code (USD 1,200.00) so it is not taken for theirs.
 */
export function formatMoney(value: number | null | undefined, currency?: string | null): string {
  if (value === null || value === undefined) return '—';
  if (!currency) return numberFormat().format(value);
  const display = currency === preferences.get().currency ? 'symbol' : 'code';
  try {
    return cached(`money|${intlLocale()}|${currency}|${display}`, () => new Intl.NumberFormat(intlLocale(), { style: 'currency', currency, currencyDisplay: display })).format(value);
  } catch {
    return `${numberFormat().format(value)} ${currency}`;
  }
}

export const formatPercent = (ratio: number | null | undefined) =>
  ratio === null || ratio === undefined ? '—' : `${cached(`percent|${intlLocale()}`, () => new Intl.NumberFormat(intlLocale(), { minimumFractionDigits: 1, maximumFractionDigits: 1 })).format(ratio * 100)} %`;

/** NEW_LEAD → "New lead" (in Russian "Новый лид": the labels of enum codes are in i18n/ru/statuses.ts). */
export const humanize = (code: string) => t(code.charAt(0) + code.slice(1).toLowerCase().replace(/_/g, ' '));
