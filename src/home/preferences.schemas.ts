import { z } from 'zod';
import { Currency } from '../schemas/money.schemas';

/** Languages the console speaks; the API itself answers in English. */
export const languages = ['en', 'ru'] as const;
export const dateFormats = ['locale', 'iso', 'dmy', 'mdy'] as const;

/** The zone as Intl names it (canonical spelling), or null when Intl does not know it. Offsets such as +01:00 are not zones. */
export function canonicalZone(zone: string): string | null {
  if (!/^[A-Za-z][A-Za-z0-9_+\-]*(\/[A-Za-z0-9_+\-]+)*$/.test(zone) || zone.length > 64) return null;
  try {
    return new Intl.DateTimeFormat('en-GB', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

export const PreferenceTimeZone = z
  .string()
  .refine((zone) => canonicalZone(zone) !== null, { error: (issue) => `"${String(issue.input)}" is not an IANA time zone: pick one such as Europe/Paris or UTC` })
  .meta({ examples: ['Europe/Moscow'] });

export const Preferences = z
  .strictObject({
    language: z.enum(languages).meta({ description: 'Language of the console: en (English) or ru (Russian)' }),
    timeZone: PreferenceTimeZone.meta({ description: 'IANA zone in which the console shows and takes dates and times' }),
    dateFormat: z.enum(dateFormats).meta({ description: "How dates are written: locale (the language's medium style), iso (2026-12-05), dmy (05.12.2026), mdy (12/05/2026)" }),
    currency: Currency.meta({ description: 'ISO 4217 code of the working currency: pipeline totals are shown in it, other currencies beside it, never converted' }),
  })
  .meta({ id: 'Preferences' });
export type Preferences = z.output<typeof Preferences>;

/** PUT /me/preferences takes any of the four; the others keep their value. */
export const UpdatePreferencesRequest = Preferences.partial().meta({ id: 'UpdatePreferencesRequest' });
export type UpdatePreferencesRequest = z.output<typeof UpdatePreferencesRequest>;

/** What GET and PUT answer: the preferences and whether the user ever saved any (the console then records the browser's zone once). */
export const PreferencesView = Preferences.extend({
  saved: z.boolean().meta({ description: 'False while the user never saved preferences: every field is then the default' }),
}).meta({ id: 'PreferencesView' });
export type PreferencesView = z.output<typeof PreferencesView>;

export const defaultPreferences: Preferences = { language: 'en', timeZone: 'UTC', dateFormat: 'locale', currency: 'EUR' };
