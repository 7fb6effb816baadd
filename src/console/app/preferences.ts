import { setLanguage, type Language } from './i18n/i18n';
import { signal } from './signal';

/** How a date is written: the language's own medium style, ISO (2026-12-05), day first (05.12.2026) or month first (12/05/2026). */
export type DateFormat = 'locale' | 'iso' | 'dmy' | 'mdy';

/** The signed-in user's display choices (GET /me/preferences); the browser's own until they load. */
export interface Preferences {
  language: Language;
  /** IANA zone in which dates and times are shown and entered. */
  timeZone: string;
  dateFormat: DateFormat;
  /** ISO 4217 code of the user's working currency: price lists and pipeline totals use it. */
  currency: string;
}

export const browserTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

export const defaultPreferences = (): Preferences => ({ language: 'en', timeZone: browserTimeZone(), dateFormat: 'locale', currency: 'EUR' });

export const preferences = signal<Preferences>(defaultPreferences());

/** GET /me/preferences: `saved` is false while the user never saved any, every field then being the default. */
export interface LoadedPreferences extends Preferences {
  saved?: boolean;
}

/** Applies loaded or changed preferences: the language at once, the formats through `preferences`. */
export function applyPreferences({ language, timeZone, dateFormat, currency }: Preferences): void {
  setLanguage(language);
  // Only the four choices: the store is what forms send back with PUT, which takes no other field.
  preferences.set({ language, timeZone, dateFormat, currency });
}
