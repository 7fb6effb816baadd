import { defineQuery, defineUpdate } from '@temporalio/workflow';

/**
 * What a budget approval workflow asks about: a transfer between two budgets, or a campaign's or
 * event's planned cost over the funds its budget gave it (an overrun). Ids only: PostgreSQL holds the rest.
 */
export interface BudgetApprovalSubject {
  kind: 'transfer' | 'overrun';
  id: string;
}

/** PENDING until decided; a transfer ends APPLIED (its funds moved), an overrun APPROVED. */
export type BudgetApprovalStatus = 'PENDING' | 'APPLIED' | 'APPROVED' | 'REJECTED' | 'CANCELLED';

/** The request's state as its workflow keeps it: status and times (ISO) only. */
export interface BudgetApprovalState {
  status: BudgetApprovalStatus;
  /** PENDING with a remindAfter: when the approvers who have not answered are reminded. */
  remindAt: string | null;
}

export interface BudgetApprovalDecision {
  byUserId: string;
  decision: 'APPROVED' | 'REJECTED';
  comment?: string;
  /** The API found the caller answers for nothing waiting and is an admin. */
  onBehalf?: boolean;
}

/**
 * An approver approves what they answer for (a transfer: the sides whose budget they own or whose
 * owner they manage; both when both). The last approval moves a transfer's funds, or is refused (409)
 * when the giving budget no longer has them. A rejection ends the request.
 */
export const decideBudgetApprovalUpdate = defineUpdate<BudgetApprovalState, [BudgetApprovalDecision]>('decideBudgetApproval');
/** Who asked (or an admin) withdraws a PENDING request. */
export const cancelBudgetApprovalUpdate = defineUpdate<BudgetApprovalState, [{ byUserId: string; comment?: string }]>('cancelBudgetApproval');

export const budgetApprovalProgressQuery = defineQuery<BudgetApprovalState>('budgetApprovalProgress');

export const budgetApprovalWorkflowId = ({ kind, id }: BudgetApprovalSubject) => `budget-${kind}-${id}`;
