import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { AccountStatus } from '../src/generated/prisma/enums';

/** A timer as the workflow keeps it: an id, what kind, and when (ISO), nothing personal. */
export interface PendingTimer {
  id: string;
  kind: string;
  fireAt: string;
}

/**
 * What an account activity changed, in ids only: it is recorded in the workflow's history,
 * so titles and notes stay in PostgreSQL and the API reads them from there.
 */
export interface AccountEffects {
  status: AccountStatus;
  previousStatus: AccountStatus;
  archived: boolean;
  taskIds: string[];
  timersStarted: PendingTimer[];
  timersEnded: string[];
  notificationIds: string[];
  /** Mail outbox rows (rule e-mails, notification e-mails) the workflow delivers after answering. */
  emailIds: string[];
}

/** The effects of something that changed nothing (the account stays in `status`). */
export function noChange(status: AccountStatus): AccountEffects {
  return { status, previousStatus: status, archived: false, taskIds: [], timersStarted: [], timersEnded: [], notificationIds: [], emailIds: [] };
}

/** Every update answers what it changed, so the API can show the effect at once. */
export const logActivityUpdate = defineUpdate<AccountEffects, [{ activityId: string }]>('logActivity');
export const rescheduleTimerUpdate = defineUpdate<AccountEffects, [{ timerId: string; fireAt: string; reason: string; byUserId: string }]>('rescheduleTimer');
export const cancelTimerUpdate = defineUpdate<AccountEffects, [{ timerId: string; reason: string; byUserId: string }]>('cancelTimer');
export const completeTaskUpdate = defineUpdate<AccountEffects, [{ taskId: string; byUserId: string }]>('completeTask');
export const archiveAccountUpdate = defineUpdate<AccountEffects, [{ reason: string; byUserId: string }]>('archiveAccount');

export const pendingTimersQuery = defineQuery<PendingTimer[]>('pendingTimers');

/** The account changed owner (a reassignment): the workflow re-reads the owner for its search attribute. */
export const ownerChangedSignal = defineSignal('ownerChanged');

export const accountWorkflowId = (accountId: string) => `account-${accountId}`;
