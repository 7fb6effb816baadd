import { Duration } from 'luxon';
import type { BudgetApprovalState } from '../../workflows/budget-approval.messages';

/** A budget request's state for its workflow: a PENDING one with a remindAfter is reminded that long after it was asked. */
export function approvalState(request: { status: BudgetApprovalState['status']; createdAt: Date; remindAfter: string | null }): BudgetApprovalState {
  const remindAt = request.status === 'PENDING' && request.remindAfter ? new Date(request.createdAt.getTime() + Duration.fromISO(request.remindAfter).toMillis()).toISOString() : null;
  return { status: request.status, remindAt };
}
