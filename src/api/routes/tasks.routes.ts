import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import { completeTask } from '../../lifecycle/account-commands';
import { loadAccountForCaller } from '../../accounts/account-access';
import { AppError } from '../../errors/app-error';
import { TaskIdParams, TaskView } from '../../lifecycle/lifecycle.schemas';
import { taskSelect, toTaskViews } from '../../lifecycle/lifecycle-views';
import { attachmentDisposition } from '../../collateral/collateral-download';
import { collateralMediaTypes } from '../../collateral/file-types';
import { taskCollateralFile } from '../../collateral-kits/task-collateral';
import { ListTasksQuery, listTasks, TaskPage } from '../../lifecycle/list-tasks';
import { defineRoute } from '../route';

const TaskCollateralParams = z.strictObject({ id: z.uuid(), itemId: z.uuid() });

export const taskRoutes = [
  defineRoute({
    method: 'get', path: '/tasks', tag: 'Tasks', roles: ['manager', 'admin'],
    summary: 'Tasks, soonest due first: open, done, overdue, due today; each says which rule and activity made it',
    query: ListTasksQuery,
    response: { status: 200, description: 'A page of tasks', schema: TaskPage },
    handler: ({ query, caller, deps }) => listTasks(deps.db, caller, query),
  }),
  defineRoute({
    method: 'get', path: '/tasks/:id', tag: 'Tasks', roles: ['manager', 'admin'],
    summary: 'One task, with why it exists: rule and version, triggering activity, conditions, how its due date was computed',
    params: TaskIdParams,
    response: { status: 200, description: 'The task', schema: TaskView },
    errors: [404],
    handler: async ({ params, caller, deps }) => {
      const task = await deps.db.task.findUnique({ where: { id: params.id }, select: taskSelect });
      if (!task) throw new AppError('NOT_FOUND', `No task ${params.id}`, [{ path: 'path.id', message: 'no such task' }]);
      if (caller.role === 'manager' && task.assigneeId !== caller.id) await loadAccountForCaller(deps.db, caller, task.accountId, { forWrite: false });
      return (await toTaskViews(deps.db, [task]))[0];
    },
  }),
  defineRoute({
    method: 'get', path: '/tasks/:id/collateral/:itemId/file', tag: 'Tasks', roles: ['manager', 'admin'],
    summary: "The file of the task's call script or of an item of its kit, at the version its campaign stage started with (whoever may see the task may download it)",
    params: TaskCollateralParams,
    response: { status: 200, description: 'The file', file: { mediaTypes: collateralMediaTypes } },
    errors: [404, 503],
    handler: async ({ params, caller, deps, res }) => {
      const item = await taskCollateralFile(deps.db, caller, params.id, params.itemId);
      if (!deps.collateral) throw new AppError('SERVICE_UNAVAILABLE', 'The collateral file store is not configured');
      const bytes = await deps.collateral.store.read(item.sha256).catch(() => {
        throw new AppError('SERVICE_UNAVAILABLE', `The file of "${item.name}" version ${item.version} cannot be read from the collateral store now`);
      });
      res.status(200).set({
        'Content-Type': item.mediaType,
        'Content-Length': String(item.sizeBytes),
        'Content-Disposition': attachmentDisposition(item.fileName),
        ETag: `"${item.sha256}"`,
        'Cache-Control': 'private, max-age=0, must-revalidate',
      });
      // The answer has begun: a store failing now can only cut it, which the client sees as a short file.
      await pipeline(bytes, res).catch(() => undefined);
    },
  }),
  defineRoute({
    method: 'post', path: '/tasks/:id/complete', tag: 'Tasks', roles: ['manager', 'admin'],
    summary: 'Complete a task; its escalation timer is cancelled',
    params: TaskIdParams,
    response: { status: 200, description: 'The task', schema: TaskView },
    errors: [404, 409, 503],
    handler: ({ params, context }) => completeTask(context, params.id),
  }),
];
