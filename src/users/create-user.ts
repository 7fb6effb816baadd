import type { Client } from '@temporalio/client';
import { AppError } from '../errors/app-error';
import type { Db } from '../db/prisma';
import { isUniqueViolation } from '../db/prisma-errors';
import { welcomeUserWorkflow, welcomeUserWorkflowId } from '../../workflows/welcome-user.workflow';
import { apiKeyPrefix, generateApiKey, hashApiKey } from './api-keys';
import type { CreateUserRequest } from './users.schemas';
import { toUserView, userViewSelect } from './user-view';

export interface CreateUserDependencies {
  db: Db;
  temporal: { client: Client; taskQueue: string };
}

/**
 * Creates the user and their first API key, and starts their welcome workflow before the
 * transaction commits: if Temporal refuses, nothing is written.
 */
export async function createUser({ db, temporal }: CreateUserDependencies, request: CreateUserRequest) {
  const apiKey = generateApiKey();
  try {
    return await db.$transaction(async (tx) => {
      const user = await tx.user.create({ data: request, select: userViewSelect });
      await tx.apiKey.create({ data: { userId: user.id, keyHash: hashApiKey(apiKey), prefix: apiKeyPrefix(apiKey) } });
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
