/** One reassignment's owner changes: the rows of account_owner_changes it wrote share these three values. */
export interface OwnerChangeInput {
  fromUserId: string;
  toUserId: string;
  /** ISO; the exact changedAt written on each of the reassignment's rows. */
  changedAt: string;
  /** Carried over by continue-as-new: where the paging stands. */
  progress?: OwnerChangeProgress;
}

export interface OwnerChangeProgress {
  afterAccountId: string | null;
  signalled: number;
  notRunning: number;
}

export interface OwnerChangeOutcome {
  /** False when the reassignment's transaction never committed (it started this workflow, then rolled back). */
  committed: boolean;
  /** Account workflows told of their new owner. */
  signalled: number;
  /** Accounts whose workflow no longer runs (nothing to tell). */
  notRunning: number;
}

/** Deterministic: a reassignment is one user's work moved at one instant. */
export const ownerChangeWorkflowId = ({ fromUserId, changedAt }: Pick<OwnerChangeInput, 'fromUserId' | 'changedAt'>) => `owner-change-${fromUserId}-${Date.parse(changedAt)}`;
