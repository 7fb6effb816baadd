import { dayEnd, dayStart, fromLocalInput, toLocalInput, todayInput } from '../../src/console/app/date-input';
import { applyPreferences, defaultPreferences } from '../../src/console/app/preferences';

describe('console dates: typed and shown on the user’s wall clock, sent as instants', () => {
  afterEach(() => applyPreferences(defaultPreferences()));

  test('when the user works in Paris then a typed time is that Paris time, in winter and in summer', () => {
    applyPreferences({ ...defaultPreferences(), timeZone: 'Europe/Paris' });
    expect(fromLocalInput('2026-12-02T14:30')).toBe('2026-12-02T13:30:00.000Z');
    expect(fromLocalInput('2026-07-02T14:30:05')).toBe('2026-07-02T12:30:05.000Z');
    expect(toLocalInput('2026-12-02T13:30:00.000Z')).toBe('2026-12-02T14:30');
    expect(toLocalInput('2026-07-02T12:30:05.000Z', { seconds: true })).toBe('2026-07-02T14:30:05');
  });

  test('when a time falls on a daylight-saving change then a repeated time is its first occurrence and a skipped one moves forward', () => {
    // Paris: 29 March 2026 02:00 → 03:00 (02:30 never shows); 25 October 2026 03:00 → 02:00 (02:30 shows twice).
    expect(fromLocalInput('2026-03-29T01:59', 'Europe/Paris')).toBe('2026-03-29T00:59:00.000Z');
    expect(fromLocalInput('2026-03-29T02:30', 'Europe/Paris')).toBe('2026-03-29T01:30:00.000Z');
    expect(toLocalInput('2026-03-29T01:30:00.000Z', { timeZone: 'Europe/Paris' })).toBe('2026-03-29T03:30');
    expect(fromLocalInput('2026-03-29T03:00', 'Europe/Paris')).toBe('2026-03-29T01:00:00.000Z');
    expect(fromLocalInput('2026-10-25T02:30', 'Europe/Paris')).toBe('2026-10-25T00:30:00.000Z');
    expect(fromLocalInput('2026-10-25T03:30', 'Europe/Paris')).toBe('2026-10-25T02:30:00.000Z');
    // New York: 8 March 2026 and 1 November 2026.
    expect(fromLocalInput('2026-03-08T12:00', 'America/New_York')).toBe('2026-03-08T16:00:00.000Z');
    expect(fromLocalInput('2026-03-07T12:00', 'America/New_York')).toBe('2026-03-07T17:00:00.000Z');
    expect(fromLocalInput('2026-11-01T01:30', 'America/New_York')).toBe('2026-11-01T05:30:00.000Z');
    // Every minute of a day across a change reads back as typed, except those the clock skips.
    for (let minutes = 0; minutes < 24 * 60; minutes += 7) {
      const typed = `2026-10-25T${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
      expect(toLocalInput(fromLocalInput(typed, 'Europe/Paris'), { timeZone: 'Europe/Paris' })).toBe(typed);
    }
  });

  test('when a day is chosen then it spans the user’s midnight to midnight, 23 or 25 hours on a change', () => {
    expect(dayStart('2026-12-02', 'Asia/Tokyo')).toBe('2026-12-01T15:00:00.000Z');
    expect(dayEnd('2026-12-02', 'Asia/Tokyo')).toBe('2026-12-02T15:00:00.000Z');
    expect(dayStart('2026-03-29', 'Europe/Paris')).toBe('2026-03-28T23:00:00.000Z');
    expect(dayEnd('2026-03-29', 'Europe/Paris')).toBe('2026-03-29T22:00:00.000Z');
    expect(dayEnd('2026-12-31', 'UTC')).toBe('2027-01-01T00:00:00.000Z');
    expect(dayStart('', 'UTC')).toBeUndefined();
    expect(todayInput('Pacific/Auckland', new Date('2026-12-02T12:00:00Z'))).toBe('2026-12-03');
  });

  test('when the value is empty or unreadable then it is passed on for the API to name, and no instant shows empty', () => {
    expect(fromLocalInput('')).toBe('');
    expect(fromLocalInput('tomorrow')).toBe('tomorrow');
    expect(toLocalInput(null)).toBe('');
    expect(toLocalInput('not a date')).toBe('');
  });

  test('when the preferred zone is unknown then UTC is used rather than failing', () => {
    applyPreferences({ ...defaultPreferences(), timeZone: 'Mars/Olympus' });
    expect(fromLocalInput('2026-12-02T14:30')).toBe('2026-12-02T14:30:00.000Z');
  });
});
