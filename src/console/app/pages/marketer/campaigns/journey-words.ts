import { formatDateTime, humanize } from '../../../format';
import { stageTypeLabels, type StageType } from './campaign-model';
import type { CohortFilter, StartCondition } from './journey-view';

// A journey in words, the same on the builder (from its drafts) and on the campaign page (from the view).
// The builder's drafts may be incomplete (no stage chosen yet): the words say so instead of failing.

export interface StageRef {
  type: StageType;
  name: string | null;
}

const DURATION_UNITS = ['year', 'month', 'week', 'day', 'hour', 'minute', 'second'];

/** P7D → "7 days", PT1H → "1 hour", P1DT12H → "1 day 12 hours"; anything else as typed. */
export function durationWords(iso: string | undefined): string {
  const match = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(iso?.trim() ?? '');
  const parts = match
    ? DURATION_UNITS.flatMap((unit, index) => {
        const value = Number(match[index + 1] ?? 0);
        return value > 0 ? [`${value} ${unit}${value === 1 ? '' : 's'}`] : [];
      })
    : [];
  return parts.length ? parts.join(' ') : iso?.trim() || 'a duration to choose';
}

/** `stage 2 “Spring mailing”`, or `stage 2 (mailing)` when it has no name. */
export function stageWords(stages: readonly StageRef[], position: number | undefined): string {
  if (position === undefined || position === null || Number.isNaN(position)) return 'a stage to choose';
  const stage = stages[position];
  if (!stage) return `stage ${position + 1}`;
  return `stage ${position + 1} ${stage.name ? `“${stage.name}”` : `(${stageTypeLabels[stage.type].toLowerCase()})`}`;
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
    if (date) return `on ${date}`;
    if (index === 0) return evergreen ? 'at enrollment' : 'on a date not chosen yet';
    return `right after ${stageWords(stages, index - 1)} ends`;
  }
  const notBefore = date ? `, not before ${date}` : '';
  switch (condition.kind) {
    case 'stageEnded':
      return `when ${stageWords(stages, condition.stage)} ends${notBefore}`;
    case 'afterStage':
      return `when ${stageWords(stages, condition.stage)} ends + ${durationWords(condition.duration)}${notBefore}`;
    case 'responses': {
      const count = condition.count as number | string | undefined;
      const through = condition.sourceCode ? ` through ${condition.sourceCode}` : '';
      return `when ${count === 1 ? 'the first response has' : `${count ?? 'N'} responses have`} arrived${through}${notBefore}`;
    }
    case 'approved':
      return `when ${stageWords(stages, condition.stage)} is approved${notBefore}`;
  }
}

/** The server's words with their ISO instants ("its date, 2026-12-04T06:09:05.000Z") in the reader's own format and time zone. */
export const withLocalTimes = (text: string) => text.replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})/g, (instant) => formatDateTime(instant));

const orList = (items: readonly string[]) => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`);
const andList = (items: readonly string[]) => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`);

/** Whom a MAILING or CALL_TASKS stage works on: "for the contacts who did not respond since stage 2 “Spring mailing”". */
export function cohortWords(cohort: CohortFilter | null | undefined, stages: readonly StageRef[]): string {
  const cell = cohort?.cell ?? 'TARGET';
  const parts: string[] = [];
  const response = cohort?.response;
  if (response) {
    const through = response.sourceCode ? ` through ${response.sourceCode}` : '';
    const window = response.window;
    const since = !window
      ? ''
      : window.duration
        ? ` within ${durationWords(window.duration)} of the start of ${stageWords(stages, window.fromStage)}`
        : ` since ${stageWords(stages, window.fromStage)}`;
    parts.push(`who ${response.responded ? 'responded' : 'did not respond'}${through}${since}`);
  }
  if (cohort?.accountStatus?.length) parts.push(`whose account reached ${orList(cohort.accountStatus.map((status) => humanize(status).toLowerCase()))}`);
  if (cohort?.mailing) parts.push(`whose mail of ${stageWords(stages, cohort.mailing.stage)} was ${orList(cohort.mailing.outcomes.length ? cohort.mailing.outcomes : ['(no outcome chosen)'])}`);
  const whose = cell === 'TEST' ? ' of the test cell' : cell === 'ALL' ? ' of both cells' : '';
  if (parts.length === 0) return cell === 'TARGET' ? 'for the whole target cell' : cell === 'TEST' ? 'for the whole test cell' : 'for the whole list (both cells)';
  return `for the contacts${whose} ${andList(parts)}`;
}
