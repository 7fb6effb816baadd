import { WithStartWorkflowOperation, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import type { AccountEffects } from '../../activities/account/account-effects';
import { accountWorkflow } from '../../workflows/account.workflow';
import { accountWorkflowId } from '../../workflows/account.messages';
import { AppError, type ErrorCode } from '../errors/app-error';

export interface TemporalDeps {
  client: Client;
  taskQueue: string;
}

const passedOnCodes = new Set<ErrorCode>(['CONFLICT', 'NOT_FOUND', 'RULE_VIOLATION']);

/**
 * Sends an update to the account's workflow, starting it if it is not running, so an account
 * whose workflow was lost heals on its next change. A refusal comes back as an AppError.
 */
export async function updateAccountWorkflow<Args extends [object]>(
  temporal: TemporalDeps,
  accountId: string,
  update: UpdateDefinition<AccountEffects, Args>,
  ...args: Args
): Promise<AccountEffects> {
  try {
    return await temporal.client.workflow.executeUpdateWithStart(update, {
      args,
      startWorkflowOperation: new WithStartWorkflowOperation(accountWorkflow, {
        workflowId: accountWorkflowId(accountId),
        taskQueue: temporal.taskQueue,
        args: [{ accountId }],
        workflowIdConflictPolicy: 'USE_EXISTING',
      }),
    });
  } catch (error) {
    if (error instanceof WorkflowUpdateFailedError) {
      const cause = error.cause as { type?: string; message?: string } | undefined;
      const code = (cause?.type ?? '') as ErrorCode;
      throw new AppError(passedOnCodes.has(code) ? code : 'CONFLICT', cause?.message ?? error.message);
    }
    throw error;
  }
}
