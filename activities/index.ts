import type { ActivityDependencies } from './dependencies';
import { createAccountActivities } from './account';
import { createCampaignActivities } from './campaign';
import { createPlanActivities } from './plan';
import { createPlanApplyActivities } from './plan-apply';
import { createUserActivities } from './user.activities';

export type { ActivityDependencies } from './dependencies';

/** Every activity the worker registers, built from its dependencies. */
export function createActivities(dependencies: ActivityDependencies) {
  return {
    ...createUserActivities(dependencies),
    ...createAccountActivities(dependencies),
    ...createCampaignActivities(dependencies),
    ...createPlanActivities(dependencies),
    ...createPlanApplyActivities(dependencies),
  };
}
