import { userTimeZone } from '../../../date-input';
import type { StageType } from './campaign-model';
import { durationMs } from './iso-duration';
import type { EvergreenSettings, EvergreenView } from './journey-view';
import { listDraftFromSettings, listSettingsForApi, type ListDraft } from './stage-draft';

/** The stage types of an evergreen campaign: its segment is enrolled on its schedule, so it has no LIST stage, and no approval or dates. */
export const evergreenStageTypes: readonly StageType[] = ['MAILING', 'CALL_TASKS', 'WAIT'];

/** An evergreen campaign's settings as the builder edits them: a segment with its test cell (as a LIST stage has) and a schedule. */
export interface EvergreenDraft extends ListDraft {
  on: boolean;
  schedule: 'daily' | 'interval';
  time: string;
  timeZone: string;
  days: number[];
  everyHours: string;
}

export const newEvergreen = (): EvergreenDraft => ({
  ...listDraftFromSettings({}),
  on: false,
  schedule: 'daily',
  time: '08:00',
  timeZone: userTimeZone(),
  days: [1, 2, 3, 4, 5],
  everyHours: '24',
});

export function evergreenFromView(view: EvergreenView | null | undefined): EvergreenDraft {
  const draft = newEvergreen();
  if (!view) return draft;
  const base = { ...draft, ...listDraftFromSettings(view as unknown as Record<string, unknown>), on: true };
  if ('every' in view.schedule) {
    const hours = (durationMs(view.schedule.every) ?? 0) / 3_600_000;
    return { ...base, schedule: 'interval', everyHours: Number.isInteger(hours) && hours > 0 ? String(hours) : view.schedule.every };
  }
  return { ...base, schedule: 'daily', time: view.schedule.time, timeZone: view.schedule.timeZone, days: view.schedule.days };
}

/** The `evergreen` field for the API; hours that are not a whole number go as typed, so the API names the field. */
export function evergreenForApi(draft: EvergreenDraft): EvergreenSettings {
  const hours = draft.everyHours.trim();
  const schedule =
    draft.schedule === 'daily'
      ? { time: draft.time, timeZone: draft.timeZone.trim(), days: [...draft.days].sort((a, b) => a - b) }
      : { every: /^\d+$/.test(hours) ? `PT${Number(hours)}H` : hours };
  return { ...listSettingsForApi(draft), schedule } as EvergreenSettings;
}
