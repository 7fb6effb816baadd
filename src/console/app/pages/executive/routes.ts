import { h } from 'preact';
import type { PageRoute } from '../../page-route';
import { ApprovalCountBadge } from './approval-count';
import { ApprovalsPage } from './approvals-page';
import { PlanFormPage } from './plan-form-page';
import { PlanPage } from './plan-page';
import { PlansPage } from './plans-page';

export const executiveRoutes: PageRoute[] = [
  { path: '/approvals', title: 'Approvals', nav: { label: 'Approvals', order: 5, badge: () => h(ApprovalCountBadge, null) }, component: ApprovalsPage },
  { path: '/plans', title: 'Business plans', nav: { label: 'Plans', order: 50 }, component: PlansPage },
  // Before /plans/:id, which would take "new" for an id.
  { path: '/plans/new', title: 'New business plan', component: PlanFormPage },
  { path: '/plans/:id', title: 'Business plan', component: PlanPage },
];
