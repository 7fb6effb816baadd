import type { UpdateDefinition } from '@temporalio/common';
import { campaignWorkflow } from '../../workflows/campaign.workflow';
import { campaignWorkflowId } from '../../workflows/campaign.messages';
import type { TemporalDeps } from '../temporal/temporal-deps';
import { describeCampaignWorkflow } from '../temporal/workflow-descriptions';
import { runWorkflowUpdate } from '../temporal/workflow-update';

export async function startCampaignWorkflow(temporal: TemporalDeps, campaign: Parameters<typeof describeCampaignWorkflow>[0]): Promise<void> {
  await temporal.client.workflow.start(campaignWorkflow, {
    workflowId: campaignWorkflowId(campaign.id),
    taskQueue: temporal.taskQueue,
    args: [{ campaignId: campaign.id }],
    // A campaign is scheduled once: a second start would be a second run of the same stages.
    workflowIdReusePolicy: 'REJECT_DUPLICATE',
    ...describeCampaignWorkflow(campaign),
  });
}

/** Sends an update to a running campaign's workflow; a refusal comes back as an AppError. */
export function updateCampaignWorkflow<Result, Args extends [object]>(temporal: TemporalDeps, campaignId: string, update: UpdateDefinition<Result, Args>, ...args: Args): Promise<Result> {
  return runWorkflowUpdate(() => temporal.client.workflow.getHandle(campaignWorkflowId(campaignId)).executeUpdate(update, { args }), `Campaign ${campaignId} is not running`);
}
