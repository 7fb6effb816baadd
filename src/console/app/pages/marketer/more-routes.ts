import type { PageRoute } from '../../page-route';
import { ImportPage } from './imports/import-page';
import { CampaignReturnPage } from './reports/campaign-return-page';
import { ReportsPage } from './reports/reports-page';
import { TemplatePage } from './templates/template-page';
import { TemplatesPage } from './templates/templates-page';
import { msg } from '../../i18n/i18n';

const marketers = ['marketer', 'admin'] as const;
// Every role may read reports (GET /reports/*: manager, marketer, admin); a manager's funnel counts their own accounts.
const reportReaders = ['manager', 'marketer', 'admin'] as const;

/** Import, templates and reports: the marketer's tools around campaigns. */
export const moreMarketerRoutes: PageRoute[] = [
  { path: '/import', title: msg('Import accounts'), roles: marketers, nav: { label: msg('Import'), order: 35 }, component: ImportPage },
  { path: '/templates', title: msg('E-mail templates'), roles: marketers, nav: { label: msg('Templates'), order: 45 }, component: TemplatesPage },
  { path: '/templates/:key', title: msg('E-mail template'), roles: marketers, component: TemplatePage },
  { path: '/campaigns/:id/report', title: msg('Campaign return'), roles: reportReaders, component: CampaignReturnPage },
  { path: '/reports', title: msg('Reports'), roles: reportReaders, nav: { label: msg('Reports'), order: 60 }, component: ReportsPage },
];
