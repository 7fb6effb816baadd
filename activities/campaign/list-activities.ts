import type { ActivityDependencies } from '../dependencies';
import type { ListCounts } from '../../workflows/campaign.messages';
import { createCallTasks, type CallTaskResult } from './list/create-call-tasks';
import { freezeTargetList } from './list/freeze-target-list';
import type { RunInput } from './list/stage-run';

export function createListActivities({ db }: ActivityDependencies) {
  return {
    /** Freezes the LIST stage's segment into campaign_recipients; a retry answers the stored counts. */
    async freezeTargetList(input: { campaignId: string; stageId: string }): Promise<ListCounts> {
      return freezeTargetList(db, input);
    },
    /**
     * One call task per account of the stage's cohort (frozen first), else of the target cell; for an
     * enrollment, only its recipients; for the account's owner. A retry creates none twice.
     */
    async createCallTasks(input: RunInput): Promise<CallTaskResult> {
      return createCallTasks(db, input);
    },
  };
}
