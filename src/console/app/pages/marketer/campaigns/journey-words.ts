import { formatDuration } from '../../../duration';
import { formatDateTime, humanize } from '../../../format';
import { stageTypeLabels, type StageType } from './campaign-model';
import type { CohortFilter, StartCondition } from './journey-view';
import { t } from '../../../i18n/i18n';

// A journey in words, the same on the builder (from its drafts) and on the campaign page (from the view).
// The builder's drafts may be incomplete (no stage chosen yet): the words say so instead of failing.

export interface StageRef {
  type: StageType;
  name: string | null;
}

/** P7D → "7 days", PT1H → "1 hour", P1DT12H → "1 day 12 hours" (formatDuration); anything else as typed. */
export const durationWords = (iso: string | undefined): string => formatDuration(iso, { none: t('a duration to choose') });

/** `stage 2 “Spring mailing”`, or `stage 2 (mailing)` when it has no name. */
export function stageWords(stages: readonly StageRef[], position: number | undefined): string {
  if (position === undefined || position === null || Number.isNaN(position)) return t('a stage to choose');
  const stage = stages[position];
  if (!stage) return t('stage {value}', { value: position + 1 });
  return stage.name
    ? t('stage {number} “{name}”', { number: position + 1, name: stage.name })
    : t('stage {number} ({type})', { number: position + 1, type: t(stageTypeLabels[stage.type]).toLowerCase() });
}

export interface StartFacts {
  startWhen?: StartCondition | null;
  startAt: Date | string | null;
}

/** When a stage starts, completing "Starts …": "when stage 3 “Wait” ends + 7 days", "at enrollment", "on 2 Dec 2026, 09:00". */
export function startWords(stage: StartFacts, index: number, stages: readonly StageRef[], evergreen = false): string {
  const date = stage.startAt ? formatDateTime(typeof stage.startAt === 'string' ? stage.startAt : stage.startAt.toISOString()) : null;
  const condition = stage.startWhen;
  if (!condition) {
    if (date) return t('on {date}', { date });
    if (index === 0) return evergreen ? t('at enrollment') : t('on a date not chosen yet');
    return t('right after {stages} ends', { stages: stageWords(stages, index - 1) });
  }
  const notBefore = date ? t(', not before {date}', { date }) : '';
  switch (condition.kind) {
    case 'stageEnded':
      return t('when {stages} ends{notBefore}', { stages: stageWords(stages, condition.stage), notBefore });
    case 'afterStage':
      return t('when {stages} ends + {duration}{notBefore}', { stages: stageWords(stages, condition.stage), duration: durationWords(condition.duration), notBefore });
    case 'responses': {
      const count = condition.count as number | string | undefined;
      const through = condition.sourceCode ? t(' through {sourceCode}', { sourceCode: condition.sourceCode }) : '';
      return count === 1
        ? t('when the first response has arrived{through}{notBefore}', { through, notBefore })
        : t('when {count} responses have arrived{through}{notBefore}', { count: count ?? 'N', through, notBefore });
    }
    case 'approved':
      return t('when {stages} is approved{notBefore}', { stages: stageWords(stages, condition.stage), notBefore });
  }
}

/** The server's words with their ISO instants ("its date, 2026-12-04T06:09:05.000Z") in the reader's own format and time zone. */
export const withLocalTimes = (text: string) => text.replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})/g, (instant) => formatDateTime(instant));

const orList = (items: readonly string[]) => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')}${t(' or ')}${items[items.length - 1]}`);
const andList = (items: readonly string[]) => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')}${t(' and ')}${items[items.length - 1]}`);

/** Whom a MAILING or CALL_TASKS stage works on: "for the contacts who did not respond since stage 2 “Spring mailing”". */
export function cohortWords(cohort: CohortFilter | null | undefined, stages: readonly StageRef[]): string {
  const cell = cohort?.cell ?? 'TARGET';
  const parts: string[] = [];
  const response = cohort?.response;
  if (response) {
    const through = response.sourceCode ? t(' through {sourceCode}', { sourceCode: response.sourceCode }) : '';
    const window = response.window;
    const since = !window
      ? ''
      : window.duration
        ? t(' within {duration} of the start of {stages}', { duration: durationWords(window.duration), stages: stageWords(stages, window.fromStage) })
        : t(' since {stages}', { stages: stageWords(stages, window.fromStage) });
    parts.push(response.responded ? t('who responded{through}{since}', { through, since }) : t('who did not respond{through}{since}', { through, since }));
  }
  if (cohort?.accountStatus?.length) parts.push(t('whose account reached {value}', { value: orList(cohort.accountStatus.map((status) => humanize(status).toLowerCase())) }));
  if (cohort?.mailing) parts.push(t('whose mail of {stage} was {outcomes}', { stage: stageWords(stages, cohort.mailing.stage), outcomes: orList(cohort.mailing.outcomes.length ? cohort.mailing.outcomes.map((outcome) => humanize(outcome).toLowerCase()) : [t('(no outcome chosen)')]) }));
  const whose = cell === 'TEST' ? t(' of the test cell') : cell === 'ALL' ? t(' of both cells') : '';
  if (parts.length === 0) return cell === 'TARGET' ? t('for the whole target cell') : cell === 'TEST' ? t('for the whole test cell') : t('for the whole list (both cells)');
  return t('for the contacts{whose} {parts}', { whose, parts: andList(parts) });
}
