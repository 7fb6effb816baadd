import type { ActivityDependencies } from '../dependencies';
import { createCampaignCoreActivities } from './campaign-core';
import { createJourneyActivities } from './journey';
import { createListActivities } from './list-activities';
import { createMailingActivities } from './mailing-activities';

export function createCampaignActivities(dependencies: ActivityDependencies) {
  return {
    ...createCampaignCoreActivities(dependencies),
    ...createListActivities(dependencies),
    ...createMailingActivities(dependencies),
    ...createJourneyActivities(dependencies),
  };
}

export type CampaignCoreActivities = ReturnType<typeof createCampaignCoreActivities>;
export type ListActivities = ReturnType<typeof createListActivities>;
export type MailingActivities = ReturnType<typeof createMailingActivities>;
export type JourneyActivities = ReturnType<typeof createJourneyActivities>;
