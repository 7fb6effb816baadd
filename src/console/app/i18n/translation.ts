/**
 * The shape of a catalog entry, apart from i18n.ts: the catalog files under ru/ import it from here,
 * so that they do not import i18n.ts, which imports them (no cycle).
 */

/** A Russian plural: Intl.PluralRules('ru') picks one (1, 21), few (2–4, 22) or many (5–20, 0). */
export interface RussianPlural {
  one: string;
  few: string;
  many: string;
}
export type Translation = string | RussianPlural;
