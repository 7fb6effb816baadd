import { WithStartWorkflowOperation, WorkflowUpdateFailedError } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import type { PlanStatus, PlanTransition } from '../../activities/plan/plan-core';
import { planWorkflow } from '../../workflows/plan.workflow';
import { planWorkflowId } from '../../workflows/plan.messages';
import type { ErrorCode } from '../errors/app-error';
import { appErrorFromUpdateFailure } from '../temporal/update-failure';
import type { TemporalDeps } from '../lifecycle/account-workflow-client';

const passedOnCodes = new Set<ErrorCode>(['CONFLICT', 'NOT_FOUND', 'FORBIDDEN', 'VALIDATION_FAILED']);

/**
 * Sends a transition to the plan's workflow, starting it first when it is not running (update-with-start):
 * a plan gets its workflow at its first submission, since nothing durable happens to a DRAFT, and a
 * workflow that was lost heals on the next transition. `status` is the plan's status the caller just
 * read from PostgreSQL: the new workflow's starting point. A refusal comes back as an AppError.
 */
export async function updatePlanWorkflow<Args extends [object]>(temporal: TemporalDeps, planId: string, status: PlanStatus, update: UpdateDefinition<PlanTransition, Args>, ...args: Args): Promise<PlanTransition> {
  try {
    return await temporal.client.workflow.executeUpdateWithStart(update, {
      args,
      startWorkflowOperation: new WithStartWorkflowOperation(planWorkflow, {
        workflowId: planWorkflowId(planId),
        taskQueue: temporal.taskQueue,
        args: [{ planId, status }],
        workflowIdConflictPolicy: 'USE_EXISTING',
        staticSummary: `Plan ${planId}`,
      }),
    });
  } catch (error) {
    if (error instanceof WorkflowUpdateFailedError) throw appErrorFromUpdateFailure(error, passedOnCodes);
    throw error;
  }
}
