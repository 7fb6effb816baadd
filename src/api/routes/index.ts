import type { RouteDefinition } from '../route';
import { accountRoutes } from './accounts.routes';
import { accountTimerRoutes } from './account-timers.routes';
import { approvalRoutes } from './approvals.routes';
import { calendarRoutes } from './calendar.routes';
import { campaignCommandRoutes } from './campaign-commands.routes';
import { campaignReportRoutes } from './campaign-report.routes';
import { campaignRoutes } from './campaigns.routes';
import { importRoutes } from './imports.routes';
import { importCheckRoutes } from './import-check.routes';
import { lifecycleRoutes } from './lifecycle.routes';
import { notificationRoutes } from './notifications.routes';
import { opportunityRoutes } from './opportunities.routes';
import { planProgressRoutes } from './plan-progress.routes';
import { objectiveRoutes } from './objectives.routes';
import { planApplyRoutes } from './plan-apply.routes';
import { planRoutes } from './plans.routes';
import { reportRoutes } from './reports.routes';
import { responseRoutes } from './responses.routes';
import { ruleRoutes } from './rules.routes';
import { savedViewRoutes } from './saved-views.routes';
import { segmentRoutes } from './segments.routes';
import { settingsRoutes } from './settings.routes';
import { taskRoutes } from './tasks.routes';
import { templateRoutes } from './templates.routes';
import { userRoutes } from './users.routes';

/** Every route under /api/v1: the API, its OpenAPI document and the access tests read this list. */
export const apiRoutes: readonly RouteDefinition[] = [...userRoutes, ...accountRoutes, ...lifecycleRoutes, ...accountTimerRoutes, ...taskRoutes, ...notificationRoutes, ...ruleRoutes, ...calendarRoutes, ...templateRoutes, ...importRoutes, ...importCheckRoutes, ...segmentRoutes, ...campaignRoutes, ...settingsRoutes, ...campaignCommandRoutes, ...planRoutes, ...opportunityRoutes, ...planProgressRoutes, ...objectiveRoutes, ...planApplyRoutes, ...reportRoutes, ...savedViewRoutes, ...responseRoutes, ...campaignReportRoutes, ...approvalRoutes];
