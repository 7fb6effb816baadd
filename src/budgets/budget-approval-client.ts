import { WithStartWorkflowOperation } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import type { TemporalDeps } from '../temporal/temporal-deps';
import type { WorkflowDescription } from '../temporal/workflow-descriptions';
import { runWorkflowUpdate } from '../temporal/workflow-update';
import { budgetApprovalWorkflowId, type BudgetApprovalSubject } from '../../workflows/budget-approval.messages';
import { budgetApprovalWorkflow } from '../../workflows/budget-approval.workflow';

/** Starts the request's workflow: called inside the transaction that writes it, so a refusal from Temporal writes nothing. */
export async function startBudgetApprovalWorkflow(temporal: TemporalDeps, subject: BudgetApprovalSubject, description: WorkflowDescription): Promise<void> {
  await temporal.client.workflow.start(budgetApprovalWorkflow, { workflowId: budgetApprovalWorkflowId(subject), taskQueue: temporal.taskQueue, args: [subject], ...description });
}

/** Sends a decision to the request's workflow, starting it when it was lost (update-with-start); a refusal comes back as an AppError. */
export function updateBudgetApprovalWorkflow<Args extends [object]>(
  temporal: TemporalDeps,
  subject: BudgetApprovalSubject,
  description: WorkflowDescription,
  update: UpdateDefinition<unknown, Args>,
  ...args: Args
): Promise<unknown> {
  return runWorkflowUpdate(() =>
    temporal.client.workflow.executeUpdateWithStart(update, {
      args,
      startWorkflowOperation: new WithStartWorkflowOperation(budgetApprovalWorkflow, {
        workflowId: budgetApprovalWorkflowId(subject),
        taskQueue: temporal.taskQueue,
        args: [subject],
        workflowIdConflictPolicy: 'USE_EXISTING',
        ...description,
      }),
    }),
  );
}
