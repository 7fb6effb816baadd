import { archiveAccountUpdate, cancelTimerUpdate, completeTaskUpdate, rescheduleTimerUpdate } from '../../workflows/account.messages';
import { loadAccountForCaller } from '../accounts/account-access';
import type { RequestContext } from '../auth/request-context';
import type { DbClient } from '../db/prisma';
import { AppError } from '../errors/app-error';
import { updateAccountWorkflow } from './account-workflow-client';
import { taskSelect, timersByIds, toTaskViews } from './lifecycle-views';

async function pendingTimerOf(db: DbClient, accountId: string, timerId: string) {
  const timer = await db.timer.findUnique({ where: { id: timerId }, select: { accountId: true, state: true } });
  if (!timer || timer.accountId !== accountId) throw new AppError('NOT_FOUND', `No timer ${timerId} on account ${accountId}`, [{ path: 'path.timerId', message: 'no such timer' }]);
  if (timer.state !== 'PENDING') throw new AppError('CONFLICT', `Timer ${timerId} has already ${timer.state === 'FIRED' ? 'fired' : 'been cancelled'}`);
}

/** Moves one pending timer (say a re-contact from 90 to 30 days); the reason stays in its history. */
export async function rescheduleTimer({ db, temporal, caller }: RequestContext, accountId: string, timerId: string, request: { fireAt: string; reason: string }) {
  await loadAccountForCaller(db, caller, accountId, { forWrite: true });
  await pendingTimerOf(db, accountId, timerId);
  await updateAccountWorkflow(temporal, accountId, rescheduleTimerUpdate, { timerId, fireAt: new Date(request.fireAt).toISOString(), reason: request.reason, byUserId: caller.id });
  return (await timersByIds(db, [timerId]))[0];
}

export async function cancelTimer({ db, temporal, caller }: RequestContext, accountId: string, timerId: string, reason: string) {
  await loadAccountForCaller(db, caller, accountId, { forWrite: true });
  await pendingTimerOf(db, accountId, timerId);
  await updateAccountWorkflow(temporal, accountId, cancelTimerUpdate, { timerId, reason, byUserId: caller.id });
  return (await timersByIds(db, [timerId]))[0];
}

/** A manager completes the tasks assigned to them or on the accounts they own. */
export async function completeTask({ db, temporal, caller }: RequestContext, taskId: string) {
  const task = await db.task.findUnique({ where: { id: taskId }, select: { accountId: true, assigneeId: true, state: true } });
  if (!task) throw new AppError('NOT_FOUND', `No task ${taskId}`, [{ path: 'path.id', message: 'no such task' }]);
  if (caller.role === 'manager' && task.assigneeId !== caller.id) await loadAccountForCaller(db, caller, task.accountId, { forWrite: true });
  if (task.state !== 'OPEN') throw new AppError('CONFLICT', `Task ${taskId} is already ${task.state.toLowerCase()}`);
  await updateAccountWorkflow(temporal, task.accountId, completeTaskUpdate, { taskId, byUserId: caller.id });
  return (await toTaskViews(db, [await db.task.findUniqueOrThrow({ where: { id: taskId }, select: taskSelect })]))[0];
}

/** Archives a junk record: it leaves lists, its timers and open tasks end, its workflow ends, its history stays. */
export async function archiveAccount({ db, temporal, caller }: RequestContext, accountId: string, reason: string) {
  await loadAccountForCaller(db, caller, accountId, { forWrite: true });
  const effects = await updateAccountWorkflow(temporal, accountId, archiveAccountUpdate, { reason, byUserId: caller.id });
  const account = await db.account.findUniqueOrThrow({ where: { id: accountId }, select: { archivedAt: true, archivedReason: true } });
  return { accountId, archivedAt: account.archivedAt!.toISOString(), archivedReason: account.archivedReason!, timersCancelled: effects.timersEnded.length };
}
