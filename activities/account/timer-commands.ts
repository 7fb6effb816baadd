import type { Db } from '../../src/db/prisma';
import { conflict, lockAccount } from './account-row';
import { noChange, type AccountEffects } from '../../workflows/account.messages';
import { cancelPendingTimers, settleTimer } from './settle-timers';

type TimerCommand = { accountId: string; timerId: string; reason: string; byUserId: string };

async function pendingTimer(db: Parameters<Parameters<Db['$transaction']>[0]>[0], accountId: string, timerId: string) {
  const timer = await db.timer.findUnique({ where: { id: timerId } });
  if (!timer || timer.accountId !== accountId) throw conflict(`timer ${timerId} is not a timer of this account`);
  if (timer.state !== 'PENDING') throw conflict(`timer ${timerId} is ${timer.state.toLowerCase()}, not pending`);
  return timer;
}

/** Moves a pending timer, keeping who, when, from, to and why in its history. */
export async function rescheduleTimer(db: Db, command: TimerCommand & { fireAt: string }): Promise<AccountEffects> {
  return db.$transaction(async (tx) => {
    const account = await lockAccount(tx, command.accountId);
    const timer = await pendingTimer(tx, command.accountId, command.timerId);
    const entry = { at: new Date().toISOString(), event: 'rescheduled', from: timer.fireAt.toISOString(), to: command.fireAt, reason: command.reason, byUserId: command.byUserId };
    await tx.timer.update({ where: { id: timer.id }, data: { fireAt: new Date(command.fireAt), history: [...(timer.history as object[]), entry] } });
    return { ...noChange(account.status), timersStarted: [{ id: timer.id, kind: timer.kind, fireAt: command.fireAt }] };
  });
}

export async function cancelTimer(db: Db, command: TimerCommand): Promise<AccountEffects> {
  return db.$transaction(async (tx) => {
    const account = await lockAccount(tx, command.accountId);
    const timer = await pendingTimer(tx, command.accountId, command.timerId);
    await settleTimer(tx, timer, 'CANCELLED', { event: 'cancelled', reason: command.reason, byUserId: command.byUserId }, new Date());
    return { ...noChange(account.status), timersEnded: [timer.id] };
  });
}

/** Completes a task and cancels its escalation timers. */
export async function completeTask(db: Db, { accountId, taskId, byUserId }: { accountId: string; taskId: string; byUserId: string }): Promise<AccountEffects> {
  return db.$transaction(async (tx) => {
    const account = await lockAccount(tx, accountId);
    const task = await tx.task.findUnique({ where: { id: taskId }, select: { accountId: true, state: true } });
    if (!task || task.accountId !== accountId) throw conflict(`task ${taskId} is not a task of this account`);
    if (task.state !== 'OPEN') throw conflict(`task ${taskId} is already ${task.state.toLowerCase()}`);
    const now = new Date();
    await tx.task.update({ where: { id: taskId }, data: { state: 'DONE', completedAt: now } });
    const timersEnded = await cancelPendingTimers(tx, { taskId }, { reason: 'task completed', byUserId }, now);
    return { ...noChange(account.status), timersEnded };
  });
}

/** Archives a junk record: it leaves lists, its timers and open tasks are cancelled, its history stays. */
export async function archiveAccount(db: Db, { accountId, reason, byUserId }: { accountId: string; reason: string; byUserId: string }): Promise<AccountEffects> {
  return db.$transaction(async (tx) => {
    const account = await lockAccount(tx, accountId);
    const now = new Date();
    if (!account.archivedAt) await tx.account.update({ where: { id: accountId }, data: { archivedAt: now, archivedReason: reason } });
    const timersEnded = await cancelPendingTimers(tx, { accountId }, { reason: `account archived: ${reason}`, byUserId }, now);
    await tx.task.updateMany({ where: { accountId, state: 'OPEN' }, data: { state: 'CANCELLED' } });
    return { ...noChange(account.status), archived: true, timersEnded };
  });
}
