import type { PageRoute } from '../../page-route';
import { ImportPage } from './imports/import-page';
import { CampaignReturnPage } from './reports/campaign-return-page';
import { ReportsPage } from './reports/reports-page';
import { TemplatePage } from './templates/template-page';
import { TemplatesPage } from './templates/templates-page';

const marketers = ['marketer', 'admin'] as const;
// Every role may read reports (GET /reports/*: manager, marketer, admin); a manager's funnel counts their own accounts.
const reportReaders = ['manager', 'marketer', 'admin'] as const;

/** Import, templates and reports: the marketer's tools around campaigns. */
export const moreMarketerRoutes: PageRoute[] = [
  { path: '/import', title: 'Import accounts', roles: marketers, nav: { label: 'Import', order: 35 }, component: ImportPage },
  { path: '/templates', title: 'E-mail templates', roles: marketers, nav: { label: 'Templates', order: 45 }, component: TemplatesPage },
  { path: '/templates/:key', title: 'E-mail template', roles: marketers, component: TemplatePage },
  { path: '/campaigns/:id/report', title: 'Campaign return', roles: reportReaders, component: CampaignReturnPage },
  { path: '/reports', title: 'Reports', roles: reportReaders, nav: { label: 'Reports', order: 60 }, component: ReportsPage },
];
