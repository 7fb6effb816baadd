import { AppError } from '../../src/errors/app-error';
import type { ActivityDependencies } from '../dependencies';
import type { RenderBatchInput } from '../../workflows/direct-mail.messages';
import { completeDirectMailRun, endDirectMailRun } from './finish-run';
import { renderDirectMailBatch } from './render-batch';

/** The direct-mail workflow's activities: render a batch, merge and complete, end a run. */
export function createDirectMailActivities({ db, collateralStore }: ActivityDependencies) {
  const store = () => {
    if (!collateralStore) throw new AppError('SERVICE_UNAVAILABLE', 'The worker has no collateral store: letters cannot be rendered');
    return collateralStore;
  };
  return {
    renderDirectMailBatch: (input: RenderBatchInput) => renderDirectMailBatch(db, store(), input),
    completeDirectMailRun: (input: { runId: string }) => completeDirectMailRun(db, store(), input.runId),
    endDirectMailRun: (input: { runId: string; status: 'CANCELLED' | 'FAILED'; error?: string }) => endDirectMailRun(db, input),
  };
}

export type DirectMailActivities = ReturnType<typeof createDirectMailActivities>;
