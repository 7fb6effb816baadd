import type { StageStatus, StageType } from '../../../workflows/campaign.messages';

/** A stage as words name it: positions count from 1, as everywhere in the product. */
export interface NamedStage {
  position: number;
  type: StageType;
  name: string | null;
}

/** `stage 3 (WAIT)` */
export const stageWords = (stage: Pick<NamedStage, 'position' | 'type'>) => `stage ${stage.position + 1} (${stage.type})`;

/** `stage 4 (MAILING) “Reminder”, enrollment 12`: the Temporal UI's label of a run (stage names, never people's). */
export const runLabel = (stage: NamedStage, enrollmentNumber: number | null) =>
  `${stageWords(stage)}${stage.name ? ` “${stage.name}”` : ''}${enrollmentNumber === null ? '' : `, enrollment ${enrollmentNumber}`}`;

/** How a stage that ended reads in a sentence: `was cancelled`, `was rejected`, `failed`. */
export const endedWords = (status: StageStatus) => (status === 'FAILED' ? 'failed' : `was ${status.toLowerCase()}`);
