import { h } from 'preact';
import type { PageRoute } from '../../page-route';
import { ApprovalCountBadge } from './approval-count';
import { ApprovalsPage } from './approvals-page';
import { PlanFormPage } from './plan-form-page';
import { PlanPage } from './plan-page';
import { PlansPage } from './plans-page';
import { msg } from '../../i18n/i18n';

export const executiveRoutes: PageRoute[] = [
  { path: '/approvals', title: msg('Approvals'), nav: { label: msg('Approvals'), order: 5, badge: () => h(ApprovalCountBadge, null) }, component: ApprovalsPage },
  { path: '/plans', title: msg('Business plans'), nav: { label: msg('Plans'), order: 50 }, component: PlansPage },
  // Before /plans/:id, which would take "new" for an id.
  { path: '/plans/new', title: msg('New business plan'), component: PlanFormPage },
  { path: '/plans/:id', title: msg('Business plan'), component: PlanPage },
];
