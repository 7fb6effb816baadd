import type { ActivityDependencies } from '../dependencies';
import { applyAccountsChunk, failApplication } from './apply-chunk';
import type { ApplyChunkInput } from '../../workflows/apply-to-accounts.messages';

/** The apply workflow's activities: each one SQL statement or two, safe to run again. */
export function createPlanApplyActivities({ db }: ActivityDependencies) {
  return {
    applyAccountsChunk: (input: ApplyChunkInput) => applyAccountsChunk(db, input),
    failApplication: (input: { applicationId: string; error: string }) => failApplication(db, input.applicationId, input.error),
  };
}

export type PlanApplyActivities = ReturnType<typeof createPlanApplyActivities>;
