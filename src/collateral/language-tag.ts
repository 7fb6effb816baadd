import { z } from 'zod';

// A language as BCP 47 writes it (en, de-CH, zh-Hant-TW), kept in its canonical form, and only for
// a language ICU knows: "zz" or "english" are refused rather than stored as typed.

const languageNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

/** The canonical tag, or undefined when `text` is not a BCP 47 tag of a known language. */
export function canonicalLanguageTag(text: string): string | undefined {
  if (!/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(text)) return undefined;
  let canonical: string;
  try {
    [canonical] = Intl.getCanonicalLocales(text);
  } catch {
    return undefined;
  }
  const primary = canonical.split('-')[0];
  return primary !== 'und' && languageNames.of(primary) ? canonical : undefined;
}

/** The language's English name ("Swiss High German"), for views. */
export const languageName = (tag: string): string => languageNames.of(tag) ?? languageNames.of(tag.split('-')[0]) ?? tag;

export const LanguageTag = z
  .string()
  .trim()
  .max(35)
  .transform((text, ctx) => canonicalLanguageTag(text) ?? (ctx.addIssue({ code: 'custom', message: 'must be a BCP 47 language tag of a known language, such as en, fr or de-CH' }), z.NEVER))
  .meta({ description: 'A BCP 47 language tag (ISO 639-1 code, optionally with a region): en, fr, de-CH', examples: ['en', 'de-CH'] });
