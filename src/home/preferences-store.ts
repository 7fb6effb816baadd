import type { DbClient } from '../db/prisma';
import { canonicalZone, defaultPreferences, Preferences, type PreferencesView, type UpdatePreferencesRequest } from './preferences.schemas';

const select = { language: true, timeZone: true, dateFormat: true, currency: true } as const;

/** The user's preferences; a user who never chose gets the defaults (English, UTC, the language's format, EUR). */
export async function getPreferences(db: DbClient, userId: string): Promise<PreferencesView> {
  const row = await db.userPreference.findUnique({ where: { userId }, select });
  // A row written by an older release with a value no longer valid falls back to the default for that field.
  return row
    ? { ...defaultPreferences, ...Object.fromEntries(Object.entries(row).filter(([key, value]) => Preferences.shape[key as keyof Preferences].safeParse(value).success)), saved: true }
    : { ...defaultPreferences, saved: false };
}

/** Changes the fields given; the others keep their value. The zone is stored as Intl spells it. */
export async function updatePreferences(db: DbClient, userId: string, request: UpdatePreferencesRequest): Promise<PreferencesView> {
  const changes = { ...request, ...(request.timeZone ? { timeZone: canonicalZone(request.timeZone) ?? request.timeZone } : {}) };
  await db.userPreference.upsert({ where: { userId }, create: { userId, ...defaultPreferences, ...changes }, update: changes, select: { userId: true } });
  return getPreferences(db, userId);
}
