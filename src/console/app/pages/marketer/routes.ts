import type { PageRoute } from '../../page-route';
import { BudgetListPage } from './budgets/budget-list-page';
import { BudgetPage } from './budgets/budget-page';
import { CollateralItemPage } from './collateral/collateral-item-page';
import { CollateralListPage } from './collateral/collateral-list-page';
import { DirectivesPage } from './collateral/directives-page';
import { directMailRoutes } from './direct-mail/routes';
import { KitsPage } from './collateral/kits-page';
import { CampaignBuilderPage } from './campaigns/campaign-builder-page';
import { CampaignListPage } from './campaigns/campaign-list-page';
import { CampaignPage } from './campaigns/campaign-page';
import { eventRoutes } from './events/routes';
import { moreMarketerRoutes } from './more-routes';
import { SegmentEditorPage } from './segments/segment-editor-page';
import { SegmentListPage } from './segments/segment-list-page';
import { StockPage } from './stock/stock-page';
import { msg } from '../../i18n/i18n';

const writers = ['marketer', 'admin'] as const;

// Literal paths (`/segments/new`) come before the `:id` patterns they would also match.
export const marketerRoutes: PageRoute[] = [
  { path: '/segments', title: msg('Segments'), roles: writers, nav: { label: msg('Segments'), order: 30 }, component: SegmentListPage },
  { path: '/segments/new', title: msg('New segment'), roles: writers, component: SegmentEditorPage },
  { path: '/segments/:id', title: msg('Segment'), roles: writers, component: SegmentEditorPage },
  // Managers may read campaigns (the API lets them); only marketers and admins change them.
  { path: '/campaigns', title: msg('Campaigns'), nav: { label: msg('Campaigns'), order: 40 }, component: CampaignListPage },
  { path: '/campaigns/new', title: msg('New campaign'), roles: writers, component: CampaignBuilderPage },
  { path: '/campaigns/:id', title: msg('Campaign'), component: CampaignPage },
  { path: '/campaigns/:id/edit', title: msg('Edit campaign'), roles: writers, component: CampaignBuilderPage },
  // Budgets: every role reads them (executives follow spend and return); marketers and admins keep them.
  { path: '/budgets', title: msg('Budgets'), nav: { label: msg('Budgets'), order: 55 }, component: BudgetListPage },
  { path: '/budgets/:id', title: msg('Budget'), component: BudgetPage },
  // Collateral: every role reads the library (sellers see approved items) and the directives; marketers and admins keep them.
  { path: '/collateral', title: msg('Collateral'), nav: { label: msg('Collateral'), order: 57 }, component: CollateralListPage },
  { path: '/collateral/:id', title: msg('Collateral item'), component: CollateralItemPage },
  { path: '/directives', title: msg('Messaging directives'), component: DirectivesPage },
  { path: '/collateral-kits', title: msg('Kits'), component: KitsPage },
  // Printed stock: marketers and admins keep it (the API lets every role read it).
  { path: '/stock', title: msg('Stock'), roles: writers, nav: { label: msg('Stock'), order: 58 }, component: StockPage },
  ...directMailRoutes,
  ...moreMarketerRoutes,
  ...eventRoutes,
];
