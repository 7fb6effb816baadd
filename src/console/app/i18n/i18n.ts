import { signal } from '../signal';
import { russian } from './ru';

export type Language = 'en' | 'ru';

export const languages: { code: Language; label: string }[] = [
  { code: 'en', label: 'English' },
  { code: 'ru', label: 'Русский' },
];

export type { RussianPlural, Translation } from './translation';

/** The console's language; pages read it through t() at render time, so a change re-renders them. */
export const currentLanguage = signal<Language>('en');

export function setLanguage(language: Language): void {
  if (typeof document !== 'undefined') document.documentElement.lang = language;
  currentLanguage.set(language);
}

/** The BCP 47 locale the Intl formatters use for the current language. */
export const intlLocale = (): string => (currentLanguage.get() === 'ru' ? 'ru-RU' : 'en-GB');

const fill = (template: string, params?: Record<string, string | number>) =>
  params ? template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in params ? String(params[key]) : whole)) : template;

/**
 * The English text is its own key: t('Save') or t('Due {when}', { when }). A text with no Russian
 * entry shows in English (test/unit/console-i18n.test.ts finds those before users do).
 */
export function t(english: string, params?: Record<string, string | number>): string {
  if (currentLanguage.get() === 'en') return fill(english, params);
  const entry = russian[english];
  return fill(typeof entry === 'string' ? entry : english, params);
}

const russianRules = new Intl.PluralRules('ru-RU');
const englishRules = new Intl.PluralRules('en-GB');

/**
 * A text that depends on a count: tp(n, '{count} task', '{count} tasks'). The Russian entry is keyed
 * by the English plural (`other`) and holds the three Russian forms.
 */
export function tp(count: number, one: string, other: string, params?: Record<string, string | number>): string {
  const values = { count, ...params };
  if (currentLanguage.get() === 'en') return fill(englishRules.select(count) === 'one' ? one : other, values);
  const entry = russian[other];
  if (!entry || typeof entry === 'string') return fill(englishRules.select(count) === 'one' ? one : other, values);
  const form = russianRules.select(count);
  return fill(form === 'one' ? entry.one : form === 'few' ? entry.few : entry.many, values);
}

/**
 * Marks an English text kept in a constant (a route title, an option label) as one to translate:
 * it returns the text unchanged, and the place that shows it calls t() on it.
 */
export const msg = <T extends string>(english: T): T => english;
