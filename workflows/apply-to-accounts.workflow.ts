import { ActivityFailure, ApplicationFailure, proxyLocalActivities } from '@temporalio/workflow';
import type { PlanApplyActivities } from '../activities/plan-apply';
import type { ApplicationOutcome, ApplyToAccountsInput } from './apply-to-accounts.messages';
import { createSearchAttributePublisher } from './search-attribute-publisher';
import { applyStateKey } from './search-attributes';

// Local activities: a chunk is one SQL statement run inside the workflow task, so applying up to
// one chunk of accounts costs a single workflow task (start, apply, complete).
const { applyAccountsChunk } = proxyLocalActivities<PlanApplyActivities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '500 milliseconds', maximumInterval: '10 seconds', maximumAttempts: 5, nonRetryableErrorTypes: ['NOT_FOUND'] },
});
const { failApplication } = proxyLocalActivities<PlanApplyActivities>({
  startToCloseTimeout: '30 seconds',
  // Recording the failure must land.
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

export const DEFAULT_APPLY_CHUNK_SIZE = 50_000;


/**
 * One bulk "apply a plan or an objective to accounts" operation (a PlanApplication row): chunk
 * after chunk of accounts in id order, each chunk writing its progress, until one comes back short.
 * Holds the last account id and the counts only.
 */
export async function applyToAccountsWorkflow(input: ApplyToAccountsInput): Promise<ApplicationOutcome> {
  const outcome = await applyInChunks(input);
  // Started RUNNING by the API; an admin finds the ones that failed.
  createSearchAttributePublisher(APPLY_SEARCH_ATTRIBUTES)([{ key: applyStateKey, value: outcome.state }]);
  return outcome;
}

async function applyInChunks({ applicationId, chunkSize = DEFAULT_APPLY_CHUNK_SIZE }: ApplyToAccountsInput): Promise<ApplicationOutcome> {
  let progress = { afterAccountId: null as string | null, matched: 0, added: 0 };
  try {
    for (;;) {
      const chunk = await applyAccountsChunk({ applicationId, chunkSize, ...progress });
      if (chunk.done) return { state: chunk.state, matched: chunk.matched, added: chunk.added, error: chunk.error };
      progress = { afterAccountId: chunk.lastAccountId, matched: chunk.matched, added: chunk.added };
    }
  } catch (error) {
    const cause = error instanceof ActivityFailure && error.cause instanceof ApplicationFailure ? error.cause : error;
    return failApplication({ applicationId, error: cause instanceof Error ? cause.message : String(cause) });
  }
}

/** Version 2 of the apply workflow: it records its final state as a search attribute. */
export const APPLY_SEARCH_ATTRIBUTES = 'apply-search-attributes';
