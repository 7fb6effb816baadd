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

const writers = ['marketer', 'admin'] as const;

// Literal paths (`/segments/new`) come before the `:id` patterns they would also match.
export const marketerRoutes: PageRoute[] = [
  { path: '/segments', title: 'Segments', roles: writers, nav: { label: 'Segments', order: 30 }, component: SegmentListPage },
  { path: '/segments/new', title: 'New segment', roles: writers, component: SegmentEditorPage },
  { path: '/segments/:id', title: 'Segment', roles: writers, component: SegmentEditorPage },
  // Managers may read campaigns (the API lets them); only marketers and admins change them.
  { path: '/campaigns', title: 'Campaigns', nav: { label: 'Campaigns', order: 40 }, component: CampaignListPage },
  { path: '/campaigns/new', title: 'New campaign', roles: writers, component: CampaignBuilderPage },
  { path: '/campaigns/:id', title: 'Campaign', component: CampaignPage },
  { path: '/campaigns/:id/edit', title: 'Edit campaign', roles: writers, component: CampaignBuilderPage },
  // Budgets: every role reads them (executives follow spend and return); marketers and admins keep them.
  { path: '/budgets', title: 'Budgets', nav: { label: 'Budgets', order: 55 }, component: BudgetListPage },
  { path: '/budgets/:id', title: 'Budget', component: BudgetPage },
  // Collateral: every role reads the library (sellers see approved items) and the directives; marketers and admins keep them.
  { path: '/collateral', title: 'Collateral', nav: { label: 'Collateral', order: 57 }, component: CollateralListPage },
  { path: '/collateral/:id', title: 'Collateral item', component: CollateralItemPage },
  { path: '/directives', title: 'Messaging directives', component: DirectivesPage },
  { path: '/collateral-kits', title: 'Kits', component: KitsPage },
  // Printed stock: marketers and admins keep it (the API lets every role read it).
  { path: '/stock', title: 'Stock', roles: writers, nav: { label: 'Stock', order: 58 }, component: StockPage },
  ...directMailRoutes,
  ...moreMarketerRoutes,
  ...eventRoutes,
];
