import { insertApiKey } from '../api-keys/issue-api-key';
import { recordAudit } from '../audit/record-audit';
import type { RequestContext } from '../auth/request-context';
import { AppError } from '../errors/app-error';
import { isUniqueViolation } from '../db/prisma-errors';
import { welcomeUserWorkflow, welcomeUserWorkflowId } from '../../workflows/welcome-user.workflow';
import type { CreateUserRequest } from './users.schemas';
import { toUserView, userViewSelect } from './user-view';

export const FIRST_KEY_NAME = 'first key';

/**
 * Creates the user and their first API key, and starts their welcome workflow before the
 * transaction commits: if Temporal refuses, nothing is written.
 */
export async function createUser({ db, temporal, caller }: Pick<RequestContext, 'db' | 'temporal' | 'caller'>, request: CreateUserRequest) {
  try {
    return await db.$transaction(async (tx) => {
      const user = await tx.user.create({ data: request, select: userViewSelect });
      await recordAudit(tx, { actorId: caller.id, action: 'user.create', entityType: 'user', entityId: user.id, after: { email: user.email, name: user.name, role: user.role } });
      const { apiKey } = await insertApiKey(tx, { userId: user.id, name: FIRST_KEY_NAME, createdById: caller.id });
      const workflowId = welcomeUserWorkflowId(user.id);
      await temporal.client.workflow.start(welcomeUserWorkflow, {
        workflowId,
        taskQueue: temporal.taskQueue,
        args: [{ userId: user.id }],
      });
      return { user: toUserView(user), apiKey, welcomeWorkflowId: workflowId };
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError('CONFLICT', `A user with the e-mail ${request.email} already exists`, [{ path: 'body.email', message: 'already in use' }]);
    }
    throw error;
  }
}
