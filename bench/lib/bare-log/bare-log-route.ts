import { WithStartWorkflowOperation } from '@temporalio/client';
import { z } from 'zod';
import { defineRoute } from '../../../src/api/route';
import { bareLogUpdate, bareLogWorkflow, bareLogWorkflowId } from './bare-log.workflow';

export const BARE_LOG_TASK_QUEUE = 'bench-bare-log';

/** `POST /api/v1/bench/accounts/:id/bare-activities`: the bare baseline, behind the API's own app, key and validation. */
export const bareLogRoute = defineRoute({
  method: 'post',
  path: '/bench/accounts/:id/bare-activities',
  summary: 'Bench only: the bare baseline of logging an activity',
  tag: 'Bench',
  roles: ['manager', 'admin'],
  params: z.object({ id: z.uuid() }),
  body: z.object({ type: z.literal('CALL'), outcome: z.string() }),
  response: { status: 201, description: 'The rows written' },
  handler: ({ params, body, caller, context }) =>
    context.temporal.client.workflow.executeUpdateWithStart(bareLogUpdate, {
      args: [{ accountId: params.id, outcome: body.outcome, loggedById: caller.id }],
      startWorkflowOperation: new WithStartWorkflowOperation(bareLogWorkflow, {
        workflowId: bareLogWorkflowId(params.id),
        taskQueue: BARE_LOG_TASK_QUEUE,
        args: [],
        workflowIdConflictPolicy: 'USE_EXISTING',
      }),
    }),
});
