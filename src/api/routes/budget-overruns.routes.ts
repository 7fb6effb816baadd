import { cancelBudgetOverrun, decideBudgetOverrun, getBudgetOverrun, listBudgetOverruns, requestBudgetOverrun } from '../../budgets/budget-overruns';
import { ApproveBudgetRequest, CancelBudgetRequest, RejectBudgetRequest } from '../../budgets/budget-decisions.schemas';
import { BudgetOverrunIdParams, BudgetOverrunList, BudgetOverrunView, CreateBudgetOverrunRequest, ListBudgetOverrunsQuery, WorkFundingQuery, WorkFundingView } from '../../budgets/budget-overruns.schemas';
import { getWorkFunding } from '../../budgets/work-funding-view';
import { defineRoute } from '../route';

const tag = 'Budgets';
const theOverrun = { status: 200, description: 'The overrun request', schema: BudgetOverrunView } as const;

// Marketers and admins ask; the funding budget's owner and the owner's manager, of any role, decide.
export const budgetOverrunRoutes = [
  defineRoute({
    method: 'get', path: '/budget-funding', tag, roles: 'any',
    summary: 'Whether the budget lets a campaign or event be scheduled now, and why: its funding, planned cost, the amount over, the settings and any overrun request',
    query: WorkFundingQuery,
    response: { status: 200, description: 'Its funding', schema: WorkFundingView },
    errors: [404],
    handler: ({ query, deps }) => getWorkFunding(deps.db, query),
  }),
  defineRoute({
    method: 'get', path: '/budget-overruns', tag, roles: 'any',
    summary: 'Overrun requests, newest first: by status, budget, campaign or event',
    query: ListBudgetOverrunsQuery,
    response: { status: 200, description: 'One page of overrun requests', schema: BudgetOverrunList },
    handler: ({ query, deps }) => listBudgetOverruns(deps.db, query),
  }),
  defineRoute({
    method: 'post', path: '/budget-overruns', tag, roles: ['marketer', 'admin'],
    summary: 'Ask the funding budget’s owner to let a campaign or event planned over its funding be scheduled (when the budget settings say APPROVAL); approved at once when you answer for that budget',
    body: CreateBudgetOverrunRequest,
    response: { status: 201, description: 'The overrun request, PENDING or APPROVED', schema: BudgetOverrunView },
    errors: [404, 409, 503],
    handler: ({ body, context }) => requestBudgetOverrun(context, body),
  }),
  defineRoute({
    method: 'get', path: '/budget-overruns/:id', tag, roles: 'any',
    summary: 'An overrun request with its approvers and decision',
    params: BudgetOverrunIdParams,
    response: theOverrun,
    errors: [404],
    handler: ({ params, deps }) => getBudgetOverrun(deps.db, params.id),
  }),
  defineRoute({
    method: 'post', path: '/budget-overruns/:id/approve', tag, roles: 'any',
    summary: 'Approve a PENDING overrun (the funding budget’s owner or the owner’s manager, or an admin on their behalf): the work may then be scheduled while its planned cost stays within what was asked',
    params: BudgetOverrunIdParams,
    body: ApproveBudgetRequest,
    response: theOverrun,
    errors: [404, 409, 503],
    handler: ({ params, body, context }) => decideBudgetOverrun(context, params.id, { decision: 'APPROVED', ...(body.comment ? { comment: body.comment } : {}) }),
  }),
  defineRoute({
    method: 'post', path: '/budget-overruns/:id/reject', tag, roles: 'any',
    summary: 'Reject a PENDING overrun: who asked is told the reason',
    params: BudgetOverrunIdParams,
    body: RejectBudgetRequest,
    response: theOverrun,
    errors: [404, 409, 503],
    handler: ({ params, body, context }) => decideBudgetOverrun(context, params.id, { decision: 'REJECTED', comment: body.reason }),
  }),
  defineRoute({
    method: 'post', path: '/budget-overruns/:id/cancel', tag, roles: 'any',
    summary: 'Withdraw a PENDING overrun (who asked, or an admin): the approvers are told',
    params: BudgetOverrunIdParams,
    body: CancelBudgetRequest,
    response: theOverrun,
    errors: [404, 409, 503],
    handler: ({ params, body, context }) => cancelBudgetOverrun(context, params.id, body),
  }),
];
