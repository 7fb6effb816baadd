import { formatDate, formatDateTime, formatDateTimeAs, formatMoney, formatNumber, formatTime } from '../../src/console/app/format';
import { applyPreferences, type Preferences } from '../../src/console/app/preferences';

const choose = (changes: Partial<Preferences>) => applyPreferences({ language: 'en', timeZone: 'UTC', dateFormat: 'locale', currency: 'EUR', ...changes });
afterEach(() => choose({}));

// 23:30 on 4 December in UTC is already 5 December in Moscow (UTC+3) and still 4 December in New York.
const LATE = '2026-12-04T23:30:00.000Z';
// Intl separates groups and units with no-break spaces; compared here as plain ones.
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('the console formatters follow the preferences', () => {
  test('when the date format changes then days are written that way, on the user’s zone’s clock', () => {
    choose({ timeZone: 'Europe/Moscow', dateFormat: 'iso' });
    expect([formatDate(LATE), formatDateTime(LATE), formatTime(LATE)]).toEqual(['2026-12-05', '2026-12-05 02:30', '02:30']);
    choose({ timeZone: 'America/New_York', dateFormat: 'dmy' });
    expect(formatDate(LATE)).toBe('04.12.2026');
    choose({ timeZone: 'America/New_York', dateFormat: 'mdy' });
    expect(formatDateTime(LATE)).toBe('12/04/2026 18:30');
    expect(formatDateTimeAs(LATE, { timeZone: 'Europe/Moscow', dateFormat: 'dmy' })).toBe('05.12.2026 02:30');
  });

  test('when a value is a calendar date then no zone moves it', () => {
    for (const timeZone of ['Pacific/Kiritimati', 'Pacific/Pago_Pago', 'UTC']) {
      choose({ timeZone, dateFormat: 'iso' });
      expect(formatDate('2026-12-05')).toBe('2026-12-05');
    }
    choose({ timeZone: 'Pacific/Pago_Pago' });
    expect(formatDate('2026-12-05')).toBe('5 Dec 2026');
  });

  test('when the language is Russian then the locale style, numbers and money are Russian', () => {
    choose({ language: 'ru', timeZone: 'Europe/Moscow' });
    expect(plain(formatDate(LATE))).toBe('5 дек. 2026 г.');
    expect(plain(formatNumber(1234.5))).toBe('1 234,5');
    expect(plain(formatMoney(1500, 'EUR'))).toBe('1 500,00 €');
  });

  test('when money is in another currency than the user’s then its code shows, unconverted', () => {
    choose({ currency: 'EUR' });
    expect([formatMoney(1500, 'EUR'), formatMoney(1500, 'USD'), formatMoney(null, 'EUR'), formatMoney(12, null)].map(plain)).toEqual(['€1,500.00', 'USD 1,500.00', '—', '12']);
  });

  test('when the zone is unknown then the formatters fall back to UTC instead of failing', () => {
    choose({ timeZone: 'Mars/Base', dateFormat: 'iso' });
    expect(formatDateTime(LATE)).toBe('2026-12-04 23:30');
  });
});
