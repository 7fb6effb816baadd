import type { MailingOutcome } from '../../../../../campaigns/journey.schemas';
import type { ApiError } from '../../../api';
import { exactDetail } from '../segments/criteria-model';
import type { StageType } from './campaign-model';
import { stageWords, type StageRef } from './journey-words';
import type { StageDraft } from './stage-draft';

/** What a stage's journey controls need to know of the whole campaign being built. */
export interface JourneyContext {
  stages: StageDraft[];
  /** The sub-source codes typed so far: responses may be counted through one. */
  sourceCodes: string[];
  evergreen: boolean;
}

// The server's list is beside a zod schema: repeated here so the console does not bundle zod.
export const MAILING_OUTCOMES = ['sent', 'bounced', 'failed', 'skipped'] as const satisfies readonly MailingOutcome[];

export const stageRefs = (stages: readonly StageDraft[]): StageRef[] => stages.map((stage) => ({ type: stage.type, name: stage.name.trim() || null }));

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * The stages a control of stage `index` may name: the earlier ones (of `type`, when given), plus the
 * one it names now even when it is not earlier any more, so the control shows the truth and the
 * API's refusal can be read at it.
 */
export function stageOptions(stages: readonly StageDraft[], index: number, picked: number | null, type?: StageType): { uid: number; label: string }[] {
  const refs = stageRefs(stages);
  return stages
    .map((stage, position) => ({ stage, position }))
    .filter(({ stage, position }) => (position < index && (!type || stage.type === type)) || stage.uid === picked)
    .map(({ stage, position }) => ({ uid: stage.uid, label: capitalized(stageWords(refs, position)) }));
}

/** The sub-source codes to offer, with the one picked now even if its sub-source was removed. */
export const sourceOptions = (codes: readonly string[], picked: string) => [...new Set([...codes, ...(picked.trim() ? [picked.trim()] : [])])];

/** An error detail about exactly this field of a stage (not one below it): create and PATCH name `body.stages.N…`, scheduling `stages.N…`. */
export const exactStageDetail = (error: ApiError | undefined, index: number, field: string) =>
  exactDetail(error, `body.stages.${index}.${field}`) ?? exactDetail(error, `stages.${index}.${field}`);
