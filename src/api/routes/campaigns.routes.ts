import { copyCampaign, createCampaign, listCampaigns, updateCampaign } from '../../campaigns/campaign-store';
import { getCampaignView } from '../../campaigns/campaign-view';
import { CampaignIdParams, CopyCampaignRequest, CreateCampaignRequest, ListCampaignsQuery, UpdateCampaignRequest } from '../../campaigns/campaigns.schemas';
import { CampaignPage, CampaignView } from '../../campaigns/campaign-views.schemas';
import { defineRoute } from '../route';

// Marketers run campaigns; managers may watch them.
const writers = ['marketer', 'admin'] as const;
const readers = ['marketer', 'admin', 'manager'] as const;

export const campaignRoutes = [
  defineRoute({
    method: 'post', path: '/campaigns', tag: 'Campaigns', roles: writers,
    summary: 'Create a DRAFT campaign with its sources, budget, offers and 0 to 20 stages (LIST, APPROVAL, MAILING, CALL_TASKS, WAIT) with their start conditions and cohorts; evergreen: continuous',
    body: CreateCampaignRequest,
    response: { status: 201, description: 'The campaign', schema: CampaignView },
    errors: [404, 409, 503],
    handler: ({ body, caller, deps }) => createCampaign(deps.db, caller.id, body, deps.campaignLimits),
  }),
  defineRoute({
    method: 'get', path: '/campaigns', tag: 'Campaigns', roles: readers,
    summary: 'Campaigns, newest first: filters status, parentId (or none), q; paginated by cursor',
    query: ListCampaignsQuery,
    response: { status: 200, description: 'A page of campaigns', schema: CampaignPage },
    handler: ({ query, deps }) => listCampaigns(deps.db, query),
  }),
  defineRoute({
    method: 'get', path: '/campaigns/:id', tag: 'Campaigns', roles: readers,
    summary: 'A campaign: parent and children, sources, each stage’s status, dates and live counts, totals and the newest 100 history events',
    params: CampaignIdParams,
    response: { status: 200, description: 'The campaign', schema: CampaignView },
    errors: [404],
    handler: ({ params, deps }) => getCampaignView(deps.db, params.id),
  }),
  defineRoute({
    method: 'patch', path: '/campaigns/:id', tag: 'Campaigns', roles: writers,
    summary: 'Change a campaign that has not ended (stages: DRAFT only); the history records what changed, before and after',
    params: CampaignIdParams,
    body: UpdateCampaignRequest,
    response: { status: 200, description: 'The campaign', schema: CampaignView },
    errors: [404, 409, 503],
    handler: ({ params, body, caller, deps }) => updateCampaign(deps.db, caller.id, params.id, body, deps.campaignLimits),
  }),
  defineRoute({
    method: 'post', path: '/campaigns/:id/copy', tag: 'Campaigns', roles: writers,
    summary: 'Copy a campaign into a new DRAFT: same fields, sources and stages (past dates left empty)',
    params: CampaignIdParams,
    body: CopyCampaignRequest,
    response: { status: 201, description: 'The new campaign', schema: CampaignView },
    errors: [404, 503],
    handler: ({ params, body, caller, deps }) => copyCampaign(deps.db, caller.id, params.id, body),
  }),
];
