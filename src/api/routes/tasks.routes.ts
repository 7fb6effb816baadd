import { completeTask } from '../../lifecycle/account-commands';
import { loadAccountForCaller } from '../../accounts/account-access';
import { AppError } from '../../errors/app-error';
import { TaskIdParams, TaskView } from '../../lifecycle/lifecycle.schemas';
import { taskSelect, toTaskView } from '../../lifecycle/lifecycle-views';
import { ListTasksQuery, listTasks, TaskPage } from '../../lifecycle/list-tasks';
import { defineRoute } from '../route';

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
      return toTaskView(task);
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
