import { endOf, periodRange, resolveDate } from '../../src/saved-queries/date-values';
import { DateValue } from '../../src/saved-queries/query-values.schemas';

// Thursday 2026-12-03, 23:30 in Paris (22:30 UTC): "today" is the user's day, not the server's.
const clock = { now: new Date('2026-12-03T22:30:00Z'), zone: 'Europe/Paris' };
const iso = (value: { toUTC(): { toISO(): string | null } }) => value.toUTC().toISO();

test('when a relative date counts days, weeks, months or years then it starts from the beginning of today in the user’s zone and is a whole day', () => {
  expect(resolveDate({ relative: { amount: -30, unit: 'day' } }, clock)).toMatchObject({ wholeDay: true });
  expect(iso(resolveDate({ relative: { amount: -30, unit: 'day' } }, clock).start)).toBe('2026-11-02T23:00:00.000Z');
  expect(iso(resolveDate({ relative: { amount: 0, unit: 'day' } }, clock).start)).toBe('2026-12-02T23:00:00.000Z');
  expect(iso(resolveDate({ relative: { amount: 1, unit: 'month' } }, clock).start)).toBe('2027-01-02T23:00:00.000Z');
  expect(iso(endOf(resolveDate({ relative: { amount: 0, unit: 'day' } }, clock)))).toBe('2026-12-03T23:00:00.000Z');
});

test('when a relative date counts hours or minutes then it is an instant from now', () => {
  const now = resolveDate({ relative: { amount: 0, unit: 'hour' } }, clock);
  expect(now).toMatchObject({ wholeDay: false });
  expect(iso(now.start)).toBe('2026-12-03T22:30:00.000Z');
  expect(iso(endOf(now))).toBe('2026-12-03T22:30:00.000Z');
  expect(iso(resolveDate({ relative: { amount: -90, unit: 'minute' } }, clock).start)).toBe('2026-12-03T21:00:00.000Z');
});

test('when an absolute date is given then a day is that whole day in the user’s zone and a date-time is its instant', () => {
  const day = resolveDate('2026-12-01', clock);
  expect(day.wholeDay).toBe(true);
  expect(iso(day.start)).toBe('2026-11-30T23:00:00.000Z');
  expect(iso(resolveDate('2026-12-01T08:00:00Z', clock).start)).toBe('2026-12-01T08:00:00.000Z');
});

test('when a period is asked for then it spans the current, previous or next one, weeks from Monday', () => {
  const range = (period: 'week' | 'month' | 'quarter', offset: number) => periodRange({ period, offset }, clock).map(iso);
  expect(range('month', 0)).toEqual(['2026-11-30T23:00:00.000Z', '2026-12-31T23:00:00.000Z']);
  expect(range('week', -1)).toEqual(['2026-11-22T23:00:00.000Z', '2026-11-29T23:00:00.000Z']);
  expect(range('quarter', 1)).toEqual(['2026-12-31T23:00:00.000Z', '2027-03-31T22:00:00.000Z']);
});

test('when a date value is out of what can be stored then validation refuses it and says what fits', () => {
  const refused = (value: unknown) => DateValue.safeParse(value).error?.issues.map((issue) => issue.message);
  expect(refused({ relative: { amount: 200, unit: 'year' } })).toContain('at most 100 years from today');
  expect(refused('0000-01-01')).toContain('choose a year between 1000 and 9998');
  expect(refused('9999-12-31T23:00:00Z')).toContain('choose a year between 1000 and 9998');
  expect(DateValue.safeParse({ relative: { amount: -100, unit: 'year' } }).success).toBe(true);
  expect(DateValue.safeParse('2026-02-28').success).toBe(true);
});
