import { AppError } from '../../src/errors/app-error';
import { BusinessCalendar } from '../../src/rules/business-calendar';
import { addDuration, computeDue } from '../../src/rules/due-date';
import { DueSpec } from '../../src/rules/duration.schemas';
import { christmasEve } from './rule-fixtures';

const paris = 'Europe/Paris';
const weekends: BusinessCalendar = { weekendDays: [6, 7], holidays: [] };
const christmas: BusinessCalendar = { weekendDays: [6, 7], holidays: ['2026-12-25', '2027-01-01'] };
const due = (spec: Partial<DueSpec> & { after: string }, from = christmasEve, zone = paris, calendar = weekends) =>
  computeDue(spec, from, zone, calendar);

describe('computeDue', () => {
  test('when the duration is P90D then the due time keeps the local time of day, 90 days later', () => {
    expect(due({ after: 'P90D' })).toEqual({
      dueAt: new Date('2027-03-24T15:05:00Z'),
      explanation: '90 days after 2026-12-24 16:05 Europe/Paris: 2027-03-24 16:05 Europe/Paris',
    });
  });

  test('when the duration is PT2H then it is two hours later', () => {
    expect(due({ after: 'PT2H' })).toEqual({
      dueAt: new Date('2026-12-24T17:05:00Z'),
      explanation: '2 hours after 2026-12-24 16:05 Europe/Paris: 2026-12-24 18:05 Europe/Paris',
    });
  });

  test('when the duration is P1W then it is the same time a week later, weekends included', () => {
    expect(due({ after: 'P1W' }).dueAt).toEqual(new Date('2026-12-31T15:05:00Z'));
  });

  test('when business days cross a weekend then the weekend is skipped and named', () => {
    const friday = new Date('2026-12-18T08:00:00Z');
    expect(due({ after: 'P1D', businessDays: true }, friday)).toEqual({
      dueAt: new Date('2026-12-21T08:00:00Z'),
      explanation: '1 business day after 2026-12-18 09:00 Europe/Paris, skipping 2026-12-19/20 (weekend): 2026-12-21 09:00 Europe/Paris',
    });
  });

  test('when business days cross a holiday and a weekend then both are skipped and `at` sets the local time', () => {
    expect(due({ after: 'P2D', businessDays: true, at: '10:00' }, christmasEve, paris, christmas)).toEqual({
      dueAt: new Date('2026-12-29T09:00:00Z'),
      explanation:
        '2 business days after 2026-12-24 16:05 Europe/Paris, skipping 2026-12-25 (holiday) and 2026-12-26/27 (weekend), at 10:00 local: 2026-12-29 10:00 Europe/Paris',
    });
  });

  test('when a business week crosses the new year then it counts five working days and names each day off', () => {
    const { dueAt, explanation } = due({ after: 'P1W', businessDays: true }, christmasEve, paris, christmas);
    expect(dueAt).toEqual(new Date('2027-01-04T15:05:00Z'));
    expect(explanation).toContain('skipping 2026-12-25 (holiday), 2026-12-26/27 (weekend), 2027-01-01 (holiday) and 2027-01-02/03 (weekend)');
  });

  test('when the calendar has other weekend days then those are skipped instead', () => {
    const friday = new Date('2026-12-18T08:00:00Z');
    expect(due({ after: 'P1D', businessDays: true }, friday, paris, { weekendDays: [5, 6], holidays: [] }).dueAt).toEqual(
      new Date('2026-12-20T08:00:00Z'),
    );
  });

  test("when `at` is given then the time is local to the account's zone", () => {
    const { dueAt, explanation } = due({ after: 'P1D', at: '09:30' }, christmasEve, 'America/New_York');
    expect(dueAt).toEqual(new Date('2026-12-25T14:30:00Z'));
    expect(explanation).toBe('1 day after 2026-12-24 10:05 America/New_York, at 09:30 local: 2026-12-25 09:30 America/New_York');
  });

  test('when P1D crosses the spring DST change then the local time stays, while PT24H shifts it by an hour', () => {
    const saturday = new Date('2026-03-28T08:00:00Z'); // 09:00 in Paris, UTC+1; clocks go forward on the 29th
    expect(due({ after: 'P1D' }, saturday).dueAt).toEqual(new Date('2026-03-29T07:00:00Z'));
    expect(due({ after: 'PT24H' }, saturday).explanation).toBe(
      '24 hours after 2026-03-28 09:00 Europe/Paris: 2026-03-29 10:00 Europe/Paris',
    );
  });

  test('when `at` falls in the hour skipped by DST then the explanation says the clocks moved', () => {
    const { dueAt, explanation } = due({ after: 'P1D', at: '02:30' }, new Date('2026-03-28T08:00:00Z'));
    expect(dueAt).toEqual(new Date('2026-03-29T01:30:00Z'));
    expect(explanation).toContain('02:30 does not exist that day');
  });

  test('when the time zone is unknown then a clear error names it', () => {
    expect(() => due({ after: 'P1D' }, christmasEve, 'Mars/Olympus')).toThrow(AppError);
    expect(() => due({ after: 'P1D' }, christmasEve, 'Mars/Olympus')).toThrow('Unknown time zone "Mars/Olympus": use an IANA name such as Europe/Paris');
  });

  test('when the duration is invalid then the error names it', () => {
    expect(() => due({ after: 'P2X' })).toThrow('"P2X" is not an ISO 8601 duration');
    expect(() => due({ after: 'PT4H', businessDays: true })).toThrow('"PT4H" counts business days, so it must be whole days or weeks');
  });
});

describe('addDuration', () => {
  test('when a task is due then its overdue time is the duration later in the zone', () => {
    expect(addDuration('PT24H', christmasEve, paris)).toEqual(new Date('2026-12-25T15:05:00Z'));
  });
});

describe('DueSpec and BusinessCalendar schemas', () => {
  const messages = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
    result.error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);

  test.each([
    ['P0D', 'after: "P0D" must be longer than zero'],
    ['-P1D', 'after: "-P1D" must not be negative'],
    ['P1.5D', 'after: "P1.5D" must use whole numbers (PT90M rather than PT1.5H)'],
    ['90 days', 'after: "90 days" is not an ISO 8601 duration (examples: P90D, PT2H, P1W, P1DT12H)'],
  ])('when after is %p then it is refused with %p', (after, message) => {
    expect(messages(DueSpec.safeParse({ after }))).toEqual([message]);
  });

  test('when business days are asked with hours then the error says only whole days are allowed', () => {
    expect(messages(DueSpec.safeParse({ after: 'P1DT2H', businessDays: true }))).toEqual([
      'after: "P1DT2H" counts business days, so it must be whole days or weeks (PnD or PnW)',
    ]);
  });

  test('when `at` is not HH:mm then it is refused', () => {
    expect(messages(DueSpec.safeParse({ after: 'P1D', at: '24:00' }))).toEqual(['at: must be a local time of day as HH:mm (00:00 to 23:59)']);
  });

  test('when a calendar is empty then weekends are Saturday and Sunday without holidays', () => {
    expect(BusinessCalendar.parse({})).toEqual({ weekendDays: [6, 7], holidays: [] });
  });

  test('when a calendar has no working day or an impossible holiday then it is refused', () => {
    expect(messages(BusinessCalendar.safeParse({ weekendDays: [1, 2, 3, 4, 5, 6, 7] }))).toEqual([
      'weekendDays: at least one day of the week must be a working day',
    ]);
    expect(messages(BusinessCalendar.safeParse({ holidays: ['2026-02-30'] }))).toEqual(['holidays.0: is not a real calendar date']);
  });
});
