import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { campaignWorkflow } from '../../workflows/campaign.workflow';
import { campaignWorkflowId } from '../../workflows/campaign.messages';
import { AppError, type ErrorCode } from '../errors/app-error';
import { appErrorFromUpdateFailure } from '../temporal/update-failure';
import type { TemporalDeps } from '../lifecycle/account-workflow-client';

const passedOnCodes = new Set<ErrorCode>(['CONFLICT', 'NOT_FOUND', 'VALIDATION_FAILED', 'RULE_VIOLATION']);

export async function startCampaignWorkflow(temporal: TemporalDeps, campaignId: string): Promise<void> {
  await temporal.client.workflow.start(campaignWorkflow, {
    workflowId: campaignWorkflowId(campaignId),
    taskQueue: temporal.taskQueue,
    args: [{ campaignId }],
    // A campaign is scheduled once: a second start would be a second run of the same stages.
    workflowIdReusePolicy: 'REJECT_DUPLICATE',
    staticSummary: `Campaign ${campaignId}`,
  });
}

/** Sends an update to a running campaign's workflow; a refusal comes back as an AppError. */
export async function updateCampaignWorkflow<Result, Args extends [object]>(temporal: TemporalDeps, campaignId: string, update: UpdateDefinition<Result, Args>, ...args: Args): Promise<Result> {
  try {
    return await temporal.client.workflow.getHandle(campaignWorkflowId(campaignId)).executeUpdate(update, { args });
  } catch (error) {
    if (error instanceof WorkflowUpdateFailedError) throw appErrorFromUpdateFailure(error, passedOnCodes);
    if (error instanceof WorkflowNotFoundError) throw new AppError('CONFLICT', `Campaign ${campaignId} is not running`);
    throw error;
  }
}
