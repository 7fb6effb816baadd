// The apply workflow's contracts, shared with its activities and the API.

/** What PlanApplication.target holds: exactly one of the three. */
export type ApplicationTarget = { accountIds: string[] } | { segmentId: string } | { all: true };

export interface ApplyToAccountsInput {
  applicationId: string;
  /** Accounts per chunk (tests make it small). */
  chunkSize?: number;
}

export const applyWorkflowId = (applicationId: string) => `apply-${applicationId}`;

export interface ApplyChunkInput {
  applicationId: string;
  /** The last account id of the previous chunk; null for the first chunk. */
  afterAccountId: string | null;
  /** Totals before this chunk, so that a retried chunk writes the same progress again. */
  matched: number;
  added: number;
  chunkSize: number;
}

export type ApplicationStateName = 'RUNNING' | 'COMPLETED' | 'FAILED';

export interface ApplyChunkResult {
  /** Totals after this chunk (what the PlanApplication row now says). */
  matched: number;
  added: number;
  state: ApplicationStateName;
  /** True once the application is COMPLETED or FAILED: nothing is left to apply. */
  done: boolean;
  lastAccountId: string | null;
  error: string | null;
}

export interface ApplicationOutcome {
  state: ApplicationStateName;
  matched: number;
  added: number;
  error: string | null;
}
