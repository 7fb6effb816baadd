import { ActivityFailure, continueAsNew, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { OwnerChangeActivities } from '../activities/owner-change.activities';
import type { OwnerChangeInput, OwnerChangeOutcome, OwnerChangeProgress } from './owner-change.messages';

const { ownerChangeCommitted } = proxyActivities<OwnerChangeActivities>({
  startToCloseTimeout: '30 seconds',
  // The reassignment commits just after starting this workflow; a minute or two of retries covers that
  // window, and past it the transaction rolled back.
  retry: { initialInterval: '1 second', maximumInterval: '10 seconds', maximumAttempts: 15 },
});
const { signalMovedAccounts } = proxyActivities<OwnerChangeActivities>({
  startToCloseTimeout: '2 minutes',
  heartbeatTimeout: '30 seconds',
  // The moves are committed: their workflows must learn them, however long Temporal takes to answer.
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/**
 * After a reassignment, tells each moved account's workflow that its owner changed (signal
 * `ownerChanged`: the workflow re-reads its owner and updates CrmAccountOwnerId), page by page
 * through an activity. Holds ids, a time and counts only.
 */
export async function ownerChangeWorkflow(input: OwnerChangeInput): Promise<OwnerChangeOutcome> {
  const { fromUserId, toUserId, changedAt } = input;
  let progress: OwnerChangeProgress | undefined = input.progress;
  if (!progress) {
    try {
      await ownerChangeCommitted({ fromUserId, toUserId, changedAt });
    } catch (error) {
      if (error instanceof ActivityFailure) return { committed: false, signalled: 0, notRunning: 0 };
      throw error;
    }
    progress = { afterAccountId: null, signalled: 0, notRunning: 0 };
  }
  for (;;) {
    const page: { lastAccountId: string | null; signalled: number; notRunning: number } = await signalMovedAccounts({ fromUserId, toUserId, changedAt, afterAccountId: progress.afterAccountId });
    progress = { afterAccountId: page.lastAccountId, signalled: progress.signalled + page.signalled, notRunning: progress.notRunning + page.notRunning };
    if (page.lastAccountId === null) return { committed: true, signalled: progress.signalled, notRunning: progress.notRunning };
    if (workflowInfo().continueAsNewSuggested) await continueAsNew<typeof ownerChangeWorkflow>({ ...input, progress });
  }
}
