import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { campaignWorkflow } from '../../workflows/campaign.workflow';
import { campaignWorkflowId } from '../../workflows/campaign.messages';
import { AppError, type ErrorCode, type ErrorDetail } from '../errors/app-error';
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
    if (error instanceof WorkflowUpdateFailedError) {
      const cause = applicationFailureOf(error.cause);
      const code = (cause?.type ?? '') as ErrorCode;
      const details = Array.isArray(cause?.details?.[0]) ? (cause.details[0] as ErrorDetail[]) : [];
      throw new AppError(passedOnCodes.has(code) ? code : 'CONFLICT', cause?.message ?? error.message, details);
    }
    if (error instanceof WorkflowNotFoundError) throw new AppError('CONFLICT', `Campaign ${campaignId} is not running`);
    throw error;
  }
}

type FailureCause = { type?: string; message?: string; details?: unknown[]; cause?: unknown };

/** The failure that says why: an activity's own, under the ActivityFailure that wraps it. */
function applicationFailureOf(cause: unknown): FailureCause | undefined {
  let current = cause as FailureCause | undefined;
  while (current && current.type === undefined && current.cause) current = current.cause as FailureCause;
  return current;
}
