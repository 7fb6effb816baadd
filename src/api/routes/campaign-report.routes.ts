import { campaignReportCsv, getCampaignReport } from '../../reports/campaign-return';
import { CampaignReport, CampaignReportParams } from '../../reports/campaign-return.schemas';
import { defineRoute } from '../route';

export const campaignReportRoutes = [
  defineRoute({
    method: 'get', path: '/reports/campaigns/:id', tag: 'Reports', roles: ['manager', 'marketer', 'admin'],
    summary: "A campaign's return per sub-source, per child campaign and in total: responses, accounts and the statuses they reached, contracts, revenue, cost, cost per response, return on spend; the lift of its target cell over its test cell; an evergreen campaign's enrollments (JSON or CSV)",
    params: CampaignReportParams,
    response: { status: 200, description: 'The report', schema: CampaignReport },
    csv: campaignReportCsv,
    errors: [404, 503],
    handler: ({ params, deps }) => getCampaignReport(deps.db, params.id),
  }),
];
