import { WithStartWorkflowOperation } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import type { AccountEffects } from '../../workflows/account.messages';
import { accountWorkflow } from '../../workflows/account.workflow';
import { accountWorkflowId } from '../../workflows/account.messages';
import type { TemporalDeps } from '../temporal/temporal-deps';
import { describeAccountWorkflow } from '../temporal/workflow-descriptions';
import { runWorkflowUpdate } from '../temporal/workflow-update';

/**
 * Sends an update to the account's workflow, starting it if it is not running, so an account
 * whose workflow was lost heals on its next change. A refusal comes back as an AppError.
 */
export function updateAccountWorkflow<Args extends [object]>(
  temporal: TemporalDeps,
  accountId: string,
  update: UpdateDefinition<AccountEffects, Args>,
  ...args: Args
): Promise<AccountEffects> {
  return runWorkflowUpdate(() =>
    temporal.client.workflow.executeUpdateWithStart(update, {
      args,
      startWorkflowOperation: new WithStartWorkflowOperation(accountWorkflow, {
        workflowId: accountWorkflowId(accountId),
        taskQueue: temporal.taskQueue,
        args: [{ accountId }],
        workflowIdConflictPolicy: 'USE_EXISTING',
        ...describeAccountWorkflow(accountId),
      }),
    }),
  );
}
