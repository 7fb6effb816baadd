import type { ActivityDependencies } from './dependencies';
import { createAccountActivities } from './account';
import { createBudgetApprovalActivities } from './budget-approval';
import { createCampaignActivities } from './campaign';
import { createDirectMailActivities } from './direct-mail';
import { createEventActivities } from './event';
import { withActivityFailures } from './failures';
import { createOutboxActivities } from './outbox';
import { createPlanActivities } from './plan';
import { createPlanApplyActivities } from './plan-apply';
import { createUserActivities } from './user.activities';
import { createOwnerChangeActivities } from './owner-change.activities';

export type { ActivityDependencies } from './dependencies';

/** Every activity the worker registers, built from its dependencies; AppErrors leave them as failures of the same code. */
export function createActivities(dependencies: ActivityDependencies) {
  return withActivityFailures({
    ...createUserActivities(dependencies),
    ...createAccountActivities(dependencies),
    ...createCampaignActivities(dependencies),
    ...createPlanActivities(dependencies),
    ...createPlanApplyActivities(dependencies),
    ...createOutboxActivities(dependencies),
    ...createOwnerChangeActivities(dependencies),
    ...createEventActivities(dependencies),
    ...createBudgetApprovalActivities(dependencies),
    ...createDirectMailActivities(dependencies),
  });
}
