import { defineQuery } from '@temporalio/workflow';

// The direct-mail workflow's contracts, shared with its activities and the API. Ids and counts
// only: names, addresses and letters stay in PostgreSQL and the collateral store.

export const directMailWorkflowId = (runId: string) => `direct-mail-${runId}`;

export interface DirectMailCounts {
  listed: number;
  rendered: number;
  skipped: number;
}

export interface DirectMailInput {
  runId: string;
  /** Letters per batch activity (tests make it small). */
  batchSize?: number;
  /** Continue as new once the history has this many events (tests make it small); else when Temporal suggests it. */
  continueAsNewAfterEvents?: number;
  /** Carried over by continue-as-new. */
  counts?: DirectMailCounts;
}

export const DEFAULT_DIRECT_MAIL_BATCH_SIZE = 100;

export interface RenderBatchInput {
  runId: string;
  batchSize: number;
}

export interface RenderBatchResult extends DirectMailCounts {
  /** No letter is left PENDING. */
  done: boolean;
  /** The run was cancelled (or is no longer RUNNING): nothing was written. */
  stopped: boolean;
}

export type DirectMailStatusName = 'RUNNING' | 'COMPLETED' | 'CANCELLED' | 'FAILED';

export interface DirectMailOutcome extends DirectMailCounts {
  status: DirectMailStatusName;
}

export interface DirectMailProgress extends DirectMailCounts {
  status: DirectMailStatusName;
  batches: number;
}

export const directMailProgressQuery = defineQuery<DirectMailProgress>('directMailProgress');
