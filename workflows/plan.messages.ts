import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { PlanStatus, PlanTransition } from '../activities/plan/plan-core';

/** DRAFT or REJECTED to SUBMITTED: the approvers are asked, then reminded after the plan's remindAfter. */
export const submitPlanUpdate = defineUpdate<PlanTransition, [{ byUserId: string }]>('submitPlan');
/** SUBMITTED to APPROVED (final) or REJECTED (back to the author with the reason), by one of the approvers. */
export const decidePlanUpdate = defineUpdate<PlanTransition, [{ byUserId: string; decision: 'APPROVED' | 'REJECTED'; comment?: string }]>('decidePlan');

export interface PlanProgress {
  status: PlanStatus;
  /** When the approvers who have not answered are reminded (SUBMITTED with a remindAfter). */
  remindAt: string | null;
  /** When the APPROVED plan expires: the end (UTC) of its period's last day. */
  expireAt: string | null;
}
export const planProgressQuery = defineQuery<PlanProgress>('planProgress');

export const planWorkflowId = (planId: string) => `plan-${planId}`;
