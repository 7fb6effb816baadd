import type { ActivityDependencies } from '../dependencies';
import { createPlanCoreActivities } from './plan-core';

export function createPlanActivities(dependencies: ActivityDependencies) {
  return {
    ...createPlanCoreActivities(dependencies),
  };
}

export type PlanActivities = ReturnType<typeof createPlanCoreActivities>;
