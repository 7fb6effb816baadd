import { ActivityFailure, ApplicationFailure, CancellationScope, ContinueAsNew, continueAsNew, isCancellation, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { DirectMailActivities } from '../activities/direct-mail';
import { DEFAULT_DIRECT_MAIL_BATCH_SIZE, directMailProgressQuery, type DirectMailInput, type DirectMailOutcome, type DirectMailProgress } from './direct-mail.messages';

// A batch renders up to batchSize letters and writes them in one transaction; a retried batch
// renders what is still PENDING, so a letter is never rendered twice into the run.
const { renderDirectMailBatch } = proxyActivities<DirectMailActivities>({
  startToCloseTimeout: '5 minutes',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds', maximumAttempts: 5, nonRetryableErrorTypes: ['NOT_FOUND', 'CONFLICT'] },
});
// Merging every batch into one PDF is the one step that sees every page: it heartbeats per batch.
const { completeDirectMailRun } = proxyActivities<DirectMailActivities>({
  startToCloseTimeout: '30 minutes',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds', maximumAttempts: 5, nonRetryableErrorTypes: ['NOT_FOUND', 'CONFLICT'] },
});
// Recording how a run ended must land.
const { endDirectMailRun } = proxyActivities<DirectMailActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/**
 * One direct-mail run (a DirectMailRun row, its letters listed when it was started): batch after
 * batch of letters until none is PENDING, then the merged PDF when the run wants one. Holds the
 * run id and its counts only; continues as new when its history grows long. Cancelling the
 * workflow (POST /direct-mail-runs/:id/cancel, or the Temporal UI) stops it between batches.
 */
export async function directMailWorkflow(input: DirectMailInput): Promise<DirectMailOutcome> {
  const { runId, batchSize = DEFAULT_DIRECT_MAIL_BATCH_SIZE, continueAsNewAfterEvents } = input;
  const progress: DirectMailProgress = { status: 'RUNNING', batches: 0, ...(input.counts ?? { listed: 0, rendered: 0, skipped: 0 }) };
  setHandler(directMailProgressQuery, () => progress);
  const historyIsLong = () => workflowInfo().continueAsNewSuggested || (continueAsNewAfterEvents !== undefined && workflowInfo().historyLength >= continueAsNewAfterEvents);
  try {
    for (;;) {
      const batch = await renderDirectMailBatch({ runId, batchSize });
      Object.assign(progress, { listed: batch.listed, rendered: batch.rendered, skipped: batch.skipped, batches: progress.batches + 1 });
      if (batch.stopped) {
        const outcome = await endDirectMailRun({ runId, status: 'CANCELLED' });
        progress.status = outcome.status;
        return outcome;
      }
      if (batch.done) break;
      if (historyIsLong()) {
        await continueAsNew<typeof directMailWorkflow>({ runId, batchSize, continueAsNewAfterEvents, counts: { listed: batch.listed, rendered: batch.rendered, skipped: batch.skipped } });
      }
    }
    const outcome = await completeDirectMailRun({ runId });
    progress.status = outcome.status;
    return outcome;
  } catch (error) {
    if (error instanceof ContinueAsNew) throw error;
    if (isCancellation(error)) {
      // Cancelled: record it even though the scope is cancelled, then end as cancelled.
      const outcome = await CancellationScope.nonCancellable(() => endDirectMailRun({ runId, status: 'CANCELLED' }));
      progress.status = outcome.status;
      return outcome;
    }
    const cause = error instanceof ActivityFailure && error.cause instanceof ApplicationFailure ? error.cause : error;
    const outcome = await endDirectMailRun({ runId, status: 'FAILED', error: cause instanceof Error ? cause.message : String(cause) });
    progress.status = outcome.status;
    return outcome;
  }
}
