import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { BudgetTransferStatus } from '../src/generated/prisma/enums';

export type { BudgetTransferStatus } from '../src/generated/prisma/enums';

/** A transfer's state as its workflow keeps it: status and times (ISO) only. */
export interface BudgetTransferState {
  status: BudgetTransferStatus;
  /** PENDING with a remindAfter: when the approvers who have not answered are reminded. */
  remindAt: string | null;
}

/**
 * One approver approves the sides they answer for (both, when they answer for both); the last
 * approval moves the funds, or is refused (409) when the giving budget no longer has them. A
 * rejection ends the transfer. An admin who answers for neither side decides on behalf of the approvers.
 */
export const decideBudgetTransferUpdate = defineUpdate<BudgetTransferState, [{ byUserId: string; decision: 'APPROVED' | 'REJECTED'; comment?: string; onBehalf?: boolean }]>(
  'decideBudgetTransfer',
);
/** Who asked (or an admin) withdraws a PENDING transfer. */
export const cancelBudgetTransferUpdate = defineUpdate<BudgetTransferState, [{ byUserId: string; comment?: string }]>('cancelBudgetTransfer');

export const budgetTransferProgressQuery = defineQuery<BudgetTransferState>('budgetTransferProgress');

export const budgetTransferWorkflowId = (transferId: string) => `budget-transfer-${transferId}`;
