import { decidePlan, submitPlan } from '../../plans/plan-commands';
import { createPlan, listPlans, updatePlan } from '../../plans/plan-store';
import { getPlanView } from '../../plans/plan-view';
import {
  ApprovePlanRequest,
  CreateChildPlanRequest,
  CreatePlanRequest,
  ListPlansQuery,
  PlanIdParams,
  PlanPage,
  PlanView,
  RejectPlanRequest,
  UpdatePlanRequest,
} from '../../plans/plans.schemas';
import { defineRoute } from '../route';

// Plans are written by marketers and managers (and admins); approvers may have any role.
const writers = ['marketer', 'manager', 'admin'] as const;
const thePlan = { status: 200, description: 'The plan after the change', schema: PlanView } as const;

export const planRoutes = [
  defineRoute({
    method: 'post', path: '/plans', tag: 'Plans', roles: writers,
    summary: 'Create a DRAFT plan (a period, targets, approvers), optionally with its four quarterly child plans',
    body: CreatePlanRequest,
    response: { status: 201, description: 'The plan', schema: PlanView },
    handler: ({ body, caller, deps }) => createPlan(deps.db, caller, body),
  }),
  defineRoute({
    method: 'get', path: '/plans', tag: 'Plans', roles: 'any',
    summary: 'Plans, newest first: filters status, active (APPROVED and not over), parentId (or none); paginated by cursor',
    query: ListPlansQuery,
    response: { status: 200, description: 'A page of plans', schema: PlanPage },
    handler: ({ query, deps }) => listPlans(deps.db, query),
  }),
  defineRoute({
    method: 'get', path: '/plans/:id', tag: 'Plans', roles: 'any',
    summary: 'A plan: fields, parent, children, objectives, accounts applied and its history, newest first',
    params: PlanIdParams,
    response: { status: 200, description: 'The plan', schema: PlanView },
    errors: [404],
    handler: ({ params, deps }) => getPlanView(deps.db, params.id),
  }),
  defineRoute({
    method: 'patch', path: '/plans/:id', tag: 'Plans', roles: writers,
    summary: 'Edit a DRAFT plan (author or admin); the history records each change before and after',
    params: PlanIdParams,
    body: UpdatePlanRequest,
    response: thePlan,
    errors: [404, 409],
    handler: ({ params, body, caller, deps }) => updatePlan(deps.db, caller, params.id, body),
  }),
  defineRoute({
    method: 'post', path: '/plans/:id/children', tag: 'Plans', roles: writers,
    summary: 'Add a child plan by hand: its period must lie within this plan’s',
    params: PlanIdParams,
    body: CreateChildPlanRequest,
    response: { status: 201, description: 'The child plan', schema: PlanView },
    errors: [404],
    handler: ({ params, body, caller, deps }) => createPlan(deps.db, caller, body, params.id),
  }),
  defineRoute({
    method: 'post', path: '/plans/:id/submit', tag: 'Plans', roles: writers,
    summary: 'Submit a DRAFT or REJECTED plan for approval (author or admin): its approvers are notified, and reminded after remindAfter',
    params: PlanIdParams,
    response: thePlan,
    errors: [404, 409, 503],
    handler: ({ params, context }) => submitPlan(context, params.id),
  }),
  defineRoute({
    method: 'post', path: '/plans/:id/approve', tag: 'Plans', roles: 'any',
    summary: 'Approve a SUBMITTED plan (one of its approvers, or an admin on behalf of the approvers, who are told; never its author): final; it expires when its period ends',
    params: PlanIdParams,
    body: ApprovePlanRequest,
    response: thePlan,
    errors: [404, 409, 503],
    handler: ({ params, body, context }) => decidePlan(context, params.id, 'APPROVED', body.comment),
  }),
  defineRoute({
    method: 'post', path: '/plans/:id/reject', tag: 'Plans', roles: 'any',
    summary: 'Reject a SUBMITTED plan (one of its approvers, or an admin on behalf of the approvers, who are told): back to its author with the reason, who may resubmit',
    params: PlanIdParams,
    body: RejectPlanRequest,
    response: thePlan,
    errors: [404, 409, 503],
    handler: ({ params, body, context }) => decidePlan(context, params.id, 'REJECTED', body.reason),
  }),
];
