import type { MailingOutcome } from '../../../../../campaigns/journey.schemas';
import type { Status } from '../../../lifecycle-terms';
import type { CohortFilter, StartCondition } from './journey-view';

/** How a stage starts: right after the previous one, on its date, or on a condition (with an optional "not before" date). */
export type StartKind = 'previous' | 'date' | StartCondition['kind'];

/** A stage's start condition as the builder edits it. Stages are referred to by their draft uid, so moving stages keeps the references. */
export interface StartDraft {
  kind: StartKind;
  stageUid: number | null;
  duration: string;
  count: string;
  sourceCode: string;
}

/** A MAILING or CALL_TASKS stage's cohort as the builder edits it; the defaults mean "the whole target cell". */
export interface CohortDraft {
  cell: 'TARGET' | 'TEST' | 'ALL';
  responders: 'any' | 'responded' | 'notResponded';
  responseSource: string;
  /** Responses count from the start of this stage; null: any time. */
  windowStageUid: number | null;
  windowDuration: string;
  accountStatus: Status[];
  /** Only contacts with these outcomes in that mailing; null: no such filter. */
  mailingStageUid: number | null;
  mailingOutcomes: MailingOutcome[];
}

export const newStart = (): StartDraft => ({ kind: 'previous', stageUid: null, duration: 'P7D', count: '10', sourceCode: '' });
export const newCohort = (): CohortDraft => ({
  cell: 'TARGET',
  responders: 'any',
  responseSource: '',
  windowStageUid: null,
  windowDuration: '',
  accountStatus: [],
  mailingStageUid: null,
  mailingOutcomes: ['bounced'],
});

/** Turns a draft's stage uid into the position the API takes; a stage no longer in the list gives undefined, which the API names. */
export type PositionOf = (uid: number | null) => number | undefined;
/** The other way, for a stored journey. */
export type UidAt = (position: number | undefined) => number | null;

// A number left as typed when it is not one, so the API's message names the field.
const countOrText = (text: string): number | string => (/^\d+$/.test(text.trim()) ? Number(text) : text);
const optionalText = (text: string) => (text.trim() === '' ? undefined : text.trim());

/** The start condition for the API; undefined for "after the previous stage" and "on a date". */
export function startWhenForApi(start: StartDraft, positionOf: PositionOf): StartCondition | undefined {
  switch (start.kind) {
    case 'previous':
    case 'date':
      return undefined;
    case 'stageEnded':
    case 'approved':
      return { kind: start.kind, stage: positionOf(start.stageUid) as number };
    case 'afterStage':
      return { kind: 'afterStage', stage: positionOf(start.stageUid) as number, duration: start.duration.trim() };
    case 'responses':
      return { kind: 'responses', count: countOrText(start.count) as number, sourceCode: optionalText(start.sourceCode) };
  }
}

export function startFromView(startWhen: StartCondition | null | undefined, startAt: string | null, uidAt: UidAt): StartDraft {
  const start = newStart();
  if (!startWhen) return { ...start, kind: startAt ? 'date' : 'previous' };
  if (startWhen.kind === 'responses') return { ...start, kind: 'responses', count: String(startWhen.count), sourceCode: startWhen.sourceCode ?? '' };
  return { ...start, kind: startWhen.kind, stageUid: uidAt(startWhen.stage), duration: startWhen.kind === 'afterStage' ? startWhen.duration : start.duration };
}

/** The cohort for the API; undefined when it is the default (the whole target cell). */
export function cohortForApi(cohort: CohortDraft, positionOf: PositionOf): CohortFilter | undefined {
  const filter: Partial<CohortFilter> = {};
  if (cohort.cell !== 'TARGET') filter.cell = cohort.cell;
  if (cohort.responders !== 'any') {
    const window = cohort.windowStageUid === null ? undefined : { fromStage: positionOf(cohort.windowStageUid) as number, duration: optionalText(cohort.windowDuration) };
    filter.response = { responded: cohort.responders === 'responded', sourceCode: optionalText(cohort.responseSource), window };
  }
  if (cohort.accountStatus.length > 0) filter.accountStatus = cohort.accountStatus;
  if (cohort.mailingStageUid !== null) filter.mailing = { stage: positionOf(cohort.mailingStageUid) as number, outcomes: cohort.mailingOutcomes };
  return Object.keys(filter).length > 0 ? (filter as CohortFilter) : undefined;
}

export function cohortFromView(cohort: CohortFilter | null | undefined, uidAt: UidAt): CohortDraft {
  const draft = newCohort();
  if (!cohort) return draft;
  const response = cohort.response;
  return {
    cell: cohort.cell ?? 'TARGET',
    responders: !response ? 'any' : response.responded ? 'responded' : 'notResponded',
    responseSource: response?.sourceCode ?? '',
    windowStageUid: response?.window ? uidAt(response.window.fromStage) : null,
    windowDuration: response?.window?.duration ?? '',
    accountStatus: cohort.accountStatus ?? [],
    mailingStageUid: cohort.mailing ? uidAt(cohort.mailing.stage) : null,
    mailingOutcomes: cohort.mailing?.outcomes ?? draft.mailingOutcomes,
  };
}

/** Drops every reference to a removed stage: a start waiting for it becomes "after the previous stage", a cohort filter on it goes. */
export function withoutReferencesTo<S extends { start: StartDraft; cohort: CohortDraft }>(stage: S, uid: number): S {
  const waitsForIt = stage.start.stageUid === uid && ['stageEnded', 'afterStage', 'approved'].includes(stage.start.kind);
  const start = waitsForIt ? { ...stage.start, kind: 'previous' as const, stageUid: null } : stage.start;
  const cohort = {
    ...stage.cohort,
    windowStageUid: stage.cohort.windowStageUid === uid ? null : stage.cohort.windowStageUid,
    mailingStageUid: stage.cohort.mailingStageUid === uid ? null : stage.cohort.mailingStageUid,
  };
  return { ...stage, start, cohort };
}
