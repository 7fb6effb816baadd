import { WithStartWorkflowOperation } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import type { PlanStatus, PlanTransition } from '../../workflows/plan.messages';
import { planWorkflow } from '../../workflows/plan.workflow';
import { planWorkflowId } from '../../workflows/plan.messages';
import type { TemporalDeps } from '../temporal/temporal-deps';
import { runWorkflowUpdate } from '../temporal/workflow-update';

/**
 * Sends a transition to the plan's workflow, starting it first when it is not running (update-with-start):
 * a plan gets its workflow at its first submission, since nothing durable happens to a DRAFT, and a
 * workflow that was lost heals on the next transition. `status` is the plan's status the caller just
 * read from PostgreSQL: the new workflow's starting point. A refusal comes back as an AppError.
 */
export function updatePlanWorkflow<Args extends [object]>(temporal: TemporalDeps, planId: string, status: PlanStatus, update: UpdateDefinition<PlanTransition, Args>, ...args: Args): Promise<PlanTransition> {
  return runWorkflowUpdate(() =>
    temporal.client.workflow.executeUpdateWithStart(update, {
      args,
      startWorkflowOperation: new WithStartWorkflowOperation(planWorkflow, {
        workflowId: planWorkflowId(planId),
        taskQueue: temporal.taskQueue,
        args: [{ planId, status }],
        workflowIdConflictPolicy: 'USE_EXISTING',
        staticSummary: `Plan ${planId}`,
      }),
    }),
  );
}
