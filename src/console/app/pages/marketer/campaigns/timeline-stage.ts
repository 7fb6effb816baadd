import type { StageStatus, StageType } from './campaign-model';
import type { CohortFilter, StartCondition } from './journey-view';

/** A stage as the timeline places it and says it in words: from the builder's drafts or from the campaign's view. */
export interface TimelineStage {
  key: string | number;
  type: StageType;
  name: string | null;
  /** The date it is set to start on (with a condition: not before it); null: none. */
  startAt: Date | null;
  startWhen?: StartCondition | null;
  /** MAILING and CALL_TASKS: whom it works on. */
  cohort?: CohortFilter | null;
  startedAt?: Date | null;
  completedAt?: Date | null;
  status?: StageStatus;
  /** A WAIT's length, when known. */
  durationMs?: number | null;
}
