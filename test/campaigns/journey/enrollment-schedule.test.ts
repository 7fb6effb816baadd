import { nextEnrollmentAt } from '../../../src/campaigns/journey/enrollment-schedule';

const at = (iso: string) => new Date(iso);
const next = (schedule: Parameters<typeof nextEnrollmentAt>[0], facts: { anchor: string; last?: string; now: string }) =>
  nextEnrollmentAt(schedule, { anchor: at(facts.anchor), lastScheduledFor: facts.last ? at(facts.last) : null, now: at(facts.now) }).toISOString();

describe('nextEnrollmentAt', () => {
  test('when a daily schedule names weekdays then a Friday enrollment is followed by Monday’s', () => {
    const weekdays = { time: '08:30', timeZone: 'America/New_York', days: [1, 2, 3, 4, 5] };
    // Friday 9 January 2026, 08:30 in New York (EST, UTC-5).
    expect(next(weekdays, { anchor: '2026-01-08T00:00:00.000Z', last: '2026-01-09T13:30:00.000Z', now: '2026-01-09T13:30:01.000Z' })).toBe('2026-01-12T13:30:00.000Z');
  });

  test('when the local time does not exist on the day summer time starts then that day’s enrollment moves forward an hour, and the next day is at the time again', () => {
    const nightly = { time: '02:30', timeZone: 'Europe/Paris', days: [1, 2, 3, 4, 5, 6, 7] };
    // 02:30 on 29 March 2026 does not exist in Paris: 03:30 CEST, 01:30 UTC.
    expect(next(nightly, { anchor: '2026-03-28T12:00:00.000Z', last: '2026-03-28T01:30:00.000Z', now: '2026-03-28T12:00:00.000Z' })).toBe('2026-03-29T01:30:00.000Z');
    expect(next(nightly, { anchor: '2026-03-28T12:00:00.000Z', last: '2026-03-29T01:30:00.000Z', now: '2026-03-29T02:00:00.000Z' })).toBe('2026-03-30T00:30:00.000Z');
  });

  test('when no enrollment happened yet then the first is the first occurrence at or after the scheduling', () => {
    const daily = { time: '09:00', timeZone: 'UTC', days: [1, 2, 3, 4, 5, 6, 7] };
    expect(next(daily, { anchor: '2030-01-01T09:00:00.000Z', now: '2030-01-01T08:00:00.000Z' })).toBe('2030-01-01T09:00:00.000Z');
    expect(next(daily, { anchor: '2030-01-01T09:00:01.000Z', now: '2030-01-01T09:00:02.000Z' })).toBe('2030-01-02T09:00:00.000Z');
  });

  test('when an interval is in months then each occurrence counts from the scheduling, so short months do not make it drift', () => {
    const monthly = { every: 'P1M' };
    const anchor = '2030-01-31T10:00:00.000Z';
    expect(next(monthly, { anchor, last: '2030-01-31T10:00:00.000Z', now: '2030-02-01T00:00:00.000Z' })).toBe('2030-02-28T10:00:00.000Z');
    expect(next(monthly, { anchor, last: '2030-02-28T10:00:00.000Z', now: '2030-03-01T00:00:00.000Z' })).toBe('2030-03-31T10:00:00.000Z');
    // A year of downtime: one catch-up, at the latest occurrence.
    expect(next(monthly, { anchor, last: '2030-02-28T10:00:00.000Z', now: '2031-03-15T00:00:00.000Z' })).toBe('2031-02-28T10:00:00.000Z');
  });
});
