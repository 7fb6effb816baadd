import { cancelBudgetTransfer, decideBudgetTransfer, getBudgetTransfer, listBudgetTransfers, requestBudgetTransfer } from '../../budgets/budget-transfers';
import { ApproveBudgetRequest, CancelBudgetRequest, RejectBudgetRequest } from '../../budgets/budget-decisions.schemas';
import { BudgetTransferIdParams, BudgetTransferList, BudgetTransferView, CreateBudgetTransferRequest, ListBudgetTransfersQuery } from '../../budgets/budget-transfers.schemas';
import { defineRoute } from '../route';

const tag = 'Budgets';
const theTransfer = { status: 200, description: 'The transfer', schema: BudgetTransferView } as const;

// Marketers and admins ask for transfers; the owners of the two budgets and their managers, of any role, decide.
export const budgetTransferRoutes = [
  defineRoute({
    method: 'get', path: '/budget-transfers', tag, roles: 'any',
    summary: 'Transfer requests, newest first: by status, or from or to one budget',
    query: ListBudgetTransfersQuery,
    response: { status: 200, description: 'One page of transfers', schema: BudgetTransferList },
    handler: ({ query, deps }) => listBudgetTransfers(deps.db, query),
  }),
  defineRoute({
    method: 'post', path: '/budget-transfers', tag, roles: ['marketer', 'admin'],
    summary: 'Ask to move funds between two budgets of one currency (409 naming the amount over what the giving budget has left); each side is approved by its owner or the owner’s manager, and your own sides count as approved (both: the funds move at once)',
    body: CreateBudgetTransferRequest,
    response: { status: 201, description: 'The transfer, PENDING or APPLIED', schema: BudgetTransferView },
    errors: [404, 409, 503],
    handler: ({ body, context }) => requestBudgetTransfer(context, body),
  }),
  defineRoute({
    method: 'get', path: '/budget-transfers/:id', tag, roles: 'any',
    summary: 'A transfer with each side’s approvers and approval',
    params: BudgetTransferIdParams,
    response: theTransfer,
    errors: [404],
    handler: ({ params, deps }) => getBudgetTransfer(deps.db, params.id),
  }),
  defineRoute({
    method: 'post', path: '/budget-transfers/:id/approve', tag, roles: 'any',
    summary: 'Approve the sides you answer for (an admin answering for neither: every side, on behalf of the approvers); the last approval moves the funds, or is refused (409) when the giving budget no longer has them',
    params: BudgetTransferIdParams,
    body: ApproveBudgetRequest,
    response: theTransfer,
    errors: [404, 409, 503],
    handler: ({ params, body, context }) => decideBudgetTransfer(context, params.id, { decision: 'APPROVED', ...(body.comment ? { comment: body.comment } : {}) }),
  }),
  defineRoute({
    method: 'post', path: '/budget-transfers/:id/reject', tag, roles: 'any',
    summary: 'Reject a PENDING transfer (an approver of either side, or an admin on their behalf): final, and who asked is told the reason',
    params: BudgetTransferIdParams,
    body: RejectBudgetRequest,
    response: theTransfer,
    errors: [404, 409, 503],
    handler: ({ params, body, context }) => decideBudgetTransfer(context, params.id, { decision: 'REJECTED', comment: body.reason }),
  }),
  defineRoute({
    method: 'post', path: '/budget-transfers/:id/cancel', tag, roles: 'any',
    summary: 'Withdraw a PENDING transfer (who asked, or an admin): the approvers still asked are told',
    params: BudgetTransferIdParams,
    body: CancelBudgetRequest,
    response: theTransfer,
    errors: [404, 409, 503],
    handler: ({ params, body, context }) => cancelBudgetTransfer(context, params.id, body),
  }),
];
