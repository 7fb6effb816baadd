import { allHandlersFinished, condition, continueAsNew, patched, workflowInfo } from '@temporalio/workflow';
import type { CampaignStatus } from './campaign.messages';
import { runStagesInOrder } from './campaign-in-order';
import { runJourney } from './campaign-journey';
import { createCampaignRuntime } from './campaign-runtime';

export { CAMPAIGN_SEARCH_ATTRIBUTES } from './campaign-runtime';

export interface CampaignWorkflowInput {
  campaignId: string;
  /** Continue as new past this many history events (tests); otherwise when Temporal suggests it. */
  continueAsNewAfterEvents?: number;
}

/** Version 4 of the campaign workflow: stages start on conditions, run side by side, per enrollment of an evergreen campaign. */
export const CAMPAIGN_JOURNEYS = 'campaign-journeys';

/**
 * One per campaign, holding ids, dates and counts only: its state lives in PostgreSQL, so a
 * continue-as-new or a lost worker picks up where it was. Executions recorded before version 4
 * keep running their stages in order until they end or continue as new.
 */
export async function campaignWorkflow(input: CampaignWorkflowInput): Promise<CampaignStatus> {
  const { campaignId, continueAsNewAfterEvents } = input;
  const historyIsLong = () => workflowInfo().continueAsNewSuggested || (continueAsNewAfterEvents !== undefined && workflowInfo().historyLength >= continueAsNewAfterEvents);
  const runtime = createCampaignRuntime(campaignId);
  const continueAsNewNow = async (): Promise<never> => {
    await condition(() => allHandlersFinished() && runtime.mail.idle());
    return continueAsNew<typeof campaignWorkflow>(input);
  };
  if (patched(CAMPAIGN_JOURNEYS)) return runJourney(runtime, campaignId, historyIsLong, () => continueAsNew<typeof campaignWorkflow>(input));
  return runStagesInOrder(runtime, campaignId, async () => {
    if (historyIsLong()) await continueAsNewNow();
  });
}
