import { getApprovalInbox } from '../../approvals/approval-inbox';
import { ApprovalInbox, ListApprovalsQuery } from '../../approvals/approvals.schemas';
import { defineRoute } from '../route';

export const approvalRoutes = [
  defineRoute({
    method: 'get', path: '/approvals', tag: 'Approvals', roles: 'any',
    summary: 'What waits for your decision: campaign APPROVAL stages naming you that you have not answered, and SUBMITTED plans naming you as an approver (never your own); oldest first. Admins ask scope=all for everything pending, to decide on behalf of the approvers',
    query: ListApprovalsQuery,
    response: { status: 200, description: 'Your approvals inbox', schema: ApprovalInbox },
    handler: ({ query, caller, deps }) => getApprovalInbox(deps.db, caller, query),
  }),
];
