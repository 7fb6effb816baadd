import { AppError } from '../../../src/errors/app-error';
import type { EventTaskDue } from '../../../src/events/events.schemas';
import { taskDueAt } from '../../../src/events/task-due';
import type { BusinessCalendar } from '../../../src/rules/business-calendar';

const weekends: BusinessCalendar = { weekendDays: [6, 7], holidays: [] };
const withHoliday: BusinessCalendar = { weekendDays: [6, 7], holidays: ['2026-12-25'] };
// Tuesday 2026-12-29, 10:00 in Paris (UTC+1), until 17:00.
const event = { startsAt: new Date('2026-12-29T09:00:00Z'), endsAt: new Date('2026-12-29T16:00:00Z'), timeZone: 'Europe/Paris' };
const due = (spec: Partial<EventTaskDue>): EventTaskDue => ({ days: 1, unit: 'days', relativeTo: 'start', direction: 'before', ...spec });

describe('taskDueAt', () => {
  test('when counting calendar days before the start then weekends count too', () => {
    expect(taskDueAt(due({ days: 5 }), event, weekends)).toEqual(new Date('2026-12-24T09:00:00Z'));
  });

  test('when counting calendar days after the end then it is the end time that many days later', () => {
    expect(taskDueAt(due({ days: 2, relativeTo: 'end', direction: 'after' }), event, weekends)).toEqual(new Date('2026-12-31T16:00:00Z'));
  });

  test('when counting zero days then it is the anchor itself', () => {
    expect(taskDueAt(due({ days: 0, relativeTo: 'end' }), event, weekends)).toEqual(event.endsAt);
  });

  test('when counting business days before the start over a weekend then Saturday and Sunday are skipped', () => {
    // Tue 29 → Mon 28 (1), Fri 25 (2), Thu 24 (3)
    expect(taskDueAt(due({ days: 3, unit: 'businessDays' }), event, weekends)).toEqual(new Date('2026-12-24T09:00:00Z'));
  });

  test('when counting business days before the start over a weekend and a holiday then the holiday is skipped too', () => {
    // Tue 29 → Mon 28 (1), [Sun 27, Sat 26, Fri 25 holiday], Thu 24 (2), Wed 23 (3)
    expect(taskDueAt(due({ days: 3, unit: 'businessDays' }), event, withHoliday)).toEqual(new Date('2026-12-23T09:00:00Z'));
  });

  test('when counting business days after the end over a weekend then it lands on the next working days', () => {
    const friday = { ...event, endsAt: new Date('2026-12-18T16:00:00Z') };
    expect(taskDueAt(due({ days: 2, unit: 'businessDays', relativeTo: 'end', direction: 'after' }), friday, weekends)).toEqual(new Date('2026-12-22T16:00:00Z'));
  });

  test('when the days cross a DST change then the local time of day stays the same', () => {
    // Sunday 2027-04-04 10:00 Paris is 08:00 UTC (summer time); 10 days before is 2027-03-25 10:00 Paris, 09:00 UTC (winter time).
    const spring = { startsAt: new Date('2027-04-04T08:00:00Z'), endsAt: new Date('2027-04-04T15:00:00Z'), timeZone: 'Europe/Paris' };
    expect(taskDueAt(due({ days: 10 }), spring, weekends)).toEqual(new Date('2027-03-25T09:00:00Z'));
    expect(taskDueAt(due({ days: 5, unit: 'businessDays' }), spring, weekends)).toEqual(new Date('2027-03-29T08:00:00Z'));
  });

  test('when business days are counted then the weekend is the local one of the event’s time zone', () => {
    // Monday 2026-12-21 00:30 in Tokyo is still Sunday 15:30 UTC: one business day before is Friday in Tokyo.
    const tokyo = { startsAt: new Date('2026-12-20T15:30:00Z'), endsAt: new Date('2026-12-20T20:00:00Z'), timeZone: 'Asia/Tokyo' };
    expect(taskDueAt(due({ days: 1, unit: 'businessDays' }), tokyo, weekends)).toEqual(new Date('2026-12-17T15:30:00Z'));
  });

  test('when the event has no date to count from then it is refused', () => {
    expect(() => taskDueAt(due({ relativeTo: 'end' }), { ...event, endsAt: null }, weekends)).toThrow(AppError);
  });
});
