import {
  CreateOpportunityRequest,
  ListOpportunitiesQuery,
  OpportunityIdParams,
  OpportunityPage,
  OpportunityView,
  UpdateOpportunityRequest,
} from '../../opportunities/opportunities.schemas';
import { createOpportunity, getOpportunity, listOpportunities, updateOpportunity } from '../../opportunities/opportunity-store';
import { defineRoute } from '../route';

const everyRole = ['manager', 'marketer', 'admin'] as const;

export const opportunityRoutes = [
  defineRoute({
    method: 'post', path: '/opportunities', tag: 'Opportunities', roles: ['manager', 'admin'],
    summary: 'Create a deal on an account (a manager: one they own), optionally linked to a plan (EXPIRED ones too: history), an objective and a campaign source',
    body: CreateOpportunityRequest,
    response: { status: 201, description: 'The opportunity', schema: OpportunityView },
    errors: [409, 503],
    handler: ({ body, caller, deps }) => createOpportunity(deps.db, caller, body),
  }),
  defineRoute({
    method: 'get', path: '/opportunities', tag: 'Opportunities', roles: everyRole,
    summary: 'List deals, newest first, filtered by account, plan, objective and stage, paginated by cursor; a manager sees those of the accounts they may see',
    query: ListOpportunitiesQuery,
    response: { status: 200, description: 'One page of opportunities', schema: OpportunityPage },
    errors: [503],
    handler: ({ query, caller, deps }) => listOpportunities(deps.db, caller, query),
  }),
  defineRoute({
    method: 'get', path: '/opportunities/:id', tag: 'Opportunities', roles: everyRole,
    summary: 'One deal',
    params: OpportunityIdParams,
    response: { status: 200, description: 'The opportunity', schema: OpportunityView },
    errors: [404, 503],
    handler: ({ params, caller, deps }) => getOpportunity(deps.db, caller, params.id),
  }),
  defineRoute({
    method: 'patch', path: '/opportunities/:id', tag: 'Opportunities', roles: ['manager', 'admin'],
    summary: 'Change a deal: amount, currency, stage, expected close date, name or its links (null unlinks)',
    params: OpportunityIdParams, body: UpdateOpportunityRequest,
    response: { status: 200, description: 'The opportunity', schema: OpportunityView },
    errors: [404, 409, 503],
    handler: ({ params, body, caller, deps }) => updateOpportunity(deps.db, caller, params.id, body),
  }),
];
