import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { AccountEffects, PendingTimer } from '../activities/account/account-effects';

/** Every update answers what it changed, so the API can show the effect at once. */
export const logActivityUpdate = defineUpdate<AccountEffects, [{ activityId: string }]>('logActivity');
export const rescheduleTimerUpdate = defineUpdate<AccountEffects, [{ timerId: string; fireAt: string; reason: string; byUserId: string }]>('rescheduleTimer');
export const cancelTimerUpdate = defineUpdate<AccountEffects, [{ timerId: string; reason: string; byUserId: string }]>('cancelTimer');
export const completeTaskUpdate = defineUpdate<AccountEffects, [{ taskId: string; byUserId: string }]>('completeTask');
export const archiveAccountUpdate = defineUpdate<AccountEffects, [{ reason: string; byUserId: string }]>('archiveAccount');

export const pendingTimersQuery = defineQuery<PendingTimer[]>('pendingTimers');

export const accountWorkflowId = (accountId: string) => `account-${accountId}`;
