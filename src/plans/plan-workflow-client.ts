import { WithStartWorkflowOperation } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import type { PlanStatus } from '../../workflows/plan.messages';
import { planWorkflow } from '../../workflows/plan.workflow';
import { planWorkflowId } from '../../workflows/plan.messages';
import type { TemporalDeps } from '../temporal/temporal-deps';
import { describePlanWorkflow } from '../temporal/workflow-descriptions';
import { runWorkflowUpdate } from '../temporal/workflow-update';

/**
 * Sends a transition to the plan's workflow, starting it first when it is not running (update-with-start):
 * a plan gets its workflow at its first submission, since nothing durable happens to a DRAFT, and a
 * workflow that was lost heals on the next transition. `status` is the plan's status the caller just
 * read from PostgreSQL: the new workflow's starting point (`plan` is what the caller just read). A refusal comes back as an AppError.
 */
export function updatePlanWorkflow<Result, Args extends [object]>(
  temporal: TemporalDeps,
  plan: { id: string; name: string; status: PlanStatus; periodEnd: Date },
  update: UpdateDefinition<Result, Args>,
  ...args: Args
): Promise<Result> {
  return runWorkflowUpdate(() =>
    temporal.client.workflow.executeUpdateWithStart(update, {
      args,
      startWorkflowOperation: new WithStartWorkflowOperation(planWorkflow, {
        workflowId: planWorkflowId(plan.id),
        taskQueue: temporal.taskQueue,
        args: [{ planId: plan.id, status: plan.status }],
        workflowIdConflictPolicy: 'USE_EXISTING',
        ...describePlanWorkflow(plan),
      }),
    }),
  );
}
