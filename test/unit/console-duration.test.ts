import { formatDuration, formatSeconds, parseDuration, toIsoDuration } from '../../src/console/app/duration';
import { setLanguage } from '../../src/console/app/i18n/i18n';

describe('console durations: a number and a unit for people, ISO 8601 for the API', () => {
  afterEach(() => setLanguage('en'));

  test('when the API sends a duration then the field shows the largest unit that holds it exactly', () => {
    expect(parseDuration('PT4H')).toEqual({ amount: 4, unit: 'hours' });
    expect(parseDuration('P1DT12H')).toEqual({ amount: 36, unit: 'hours' });
    expect(parseDuration('P14D')).toEqual({ amount: 2, unit: 'weeks' });
    expect(parseDuration('P1W')).toEqual({ amount: 1, unit: 'weeks' });
    expect(parseDuration('PT90M')).toEqual({ amount: 90, unit: 'minutes' });
    expect(parseDuration('PT4S')).toEqual({ amount: 4, unit: 'seconds' });
    expect(parseDuration('P3D')).toEqual({ amount: 3, unit: 'days' });
  });

  test('when a duration counts business days then whole days are business days and hours are refused', () => {
    expect(parseDuration('P2D', { businessDays: true })).toEqual({ amount: 2, unit: 'businessDays' });
    expect(parseDuration('P1W', { businessDays: true })).toEqual({ amount: 1, unit: 'weeks' });
    expect(parseDuration('PT4H', { businessDays: true })).toBeNull();
  });

  test('when the text is no duration, or months and years with no fixed length, then there is no choice', () => {
    for (const text of ['', '  ', 'soon', 'P', 'PT', 'P1M', 'P1Y', 'PT1.5H', '-P1D', undefined, null]) expect(parseDuration(text)).toBeNull();
  });

  test('when a choice is sent then it is the ISO text the API reads back as the same choice', () => {
    expect(toIsoDuration({ amount: 4, unit: 'hours' })).toBe('PT4H');
    expect(toIsoDuration({ amount: 2, unit: 'businessDays' })).toBe('P2D');
    expect(toIsoDuration({ amount: 30, unit: 'minutes' })).toBe('PT30M');
    expect(toIsoDuration({ amount: 1, unit: 'weeks' })).toBe('P1W');
    expect(toIsoDuration({ amount: 5, unit: 'seconds' })).toBe('PT5S');
    for (const choice of [{ amount: 4, unit: 'hours' }, { amount: 3, unit: 'days' }, { amount: 45, unit: 'minutes' }, { amount: 2, unit: 'weeks' }] as const) {
      expect(parseDuration(toIsoDuration(choice))).toEqual(choice);
    }
  });

  test('when a duration is shown then it is in words, in English and in Russian with its plural forms', () => {
    expect(['PT4H', 'PT1H', 'P1DT12H', 'P7D', 'P1W', 'PT30M', 'P1M'].map((text) => formatDuration(text))).toEqual(['4 hours', '1 hour', '1 day 12 hours', '7 days', '1 week', '30 minutes', '1 month']);
    expect(formatDuration('P2D', { businessDays: true })).toBe('2 business days');
    expect(formatDuration('P1D', { businessDays: true })).toBe('1 business day');
    expect(formatDuration('', { none: 'No reminder' })).toBe('No reminder');
    expect(formatDuration('soon')).toBe('soon');
    setLanguage('ru');
    expect(['PT1H', 'PT4H', 'PT5H', 'PT21H', 'P2D'].map((text) => formatDuration(text))).toEqual(['1 час', '4 часа', '5 часов', '21 час', '2 дня']);
    expect(formatDuration('P5D', { businessDays: true })).toBe('5 рабочих дней');
  });

  test('when a number of seconds is shown then the two largest units say it', () => {
    expect([formatSeconds(45), formatSeconds(5 * 3600 + 20 * 60), formatSeconds(3 * 86_400 + 4 * 3600 + 5), formatSeconds(0), formatSeconds(null)]).toEqual(['45 seconds', '5 hours 20 minutes', '3 days 4 hours', '0 seconds', '—']);
  });
});
