import { funnelCsv, getFunnelReport } from '../../reports/funnel';
import { FunnelQuery, FunnelReport } from '../../reports/funnel.schemas';
import { defineRoute } from '../route';

const reportReaders = ['manager', 'marketer', 'admin'] as const;

export const reportRoutes = [
  defineRoute({
    method: 'get', path: '/reports/funnel', tag: 'Reports', roles: reportReaders,
    summary: 'The funnel by status: accounts in each status now, accounts that ever reached it, conversion from the previous status of the main path, median time spent in it (a manager: their accounts and the NEW pool). JSON, or CSV with ?format=csv',
    query: FunnelQuery,
    response: { status: 200, description: 'The funnel', schema: FunnelReport },
    errors: [503],
    csv: funnelCsv,
    handler: ({ query, caller, deps }) => getFunnelReport(deps.db, caller, query),
  }),
];
