import type { ActivityDependencies } from '../dependencies';
import type { CallTaskCounts, ListCounts } from '../../workflows/campaign.messages';
import { createCallTasks } from './list/create-call-tasks';
import { freezeTargetList } from './list/freeze-target-list';

export function createListActivities({ db }: ActivityDependencies) {
  return {
    /** Freezes the LIST stage's segment into campaign_recipients; a retry answers the stored counts. */
    async freezeTargetList(input: { campaignId: string; stageId: string }): Promise<ListCounts> {
      return freezeTargetList(db, input);
    },
    /** One call task per listed account (target cell), for its owner; a retry creates none twice. */
    async createCallTasks(input: { campaignId: string; stageId: string }): Promise<CallTaskCounts> {
      return createCallTasks(db, input);
    },
  };
}
