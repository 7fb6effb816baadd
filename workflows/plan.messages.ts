import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { PlanStatus } from '../src/generated/prisma/enums';

export type { PlanStatus } from '../src/generated/prisma/enums';

/** A plan's state after a transition, as its workflow keeps it: status and times (ISO) only. */
export interface PlanTransition {
  status: PlanStatus;
  /** When the current submission was made; it keys that submission's request and reminder. */
  submittedAt: string | null;
  decidedAt: string | null;
  /** SUBMITTED with a remindAfter: when the approvers are reminded. */
  remindAt: string | null;
  /** APPROVED: when the plan expires, the end (UTC) of its period's last day. */
  expireAt: string | null;
  /** The period's last day (ISO, 00:00 UTC). Absent from answers recorded before version 3. */
  periodEnd?: string;
}

export type PlanTarget = 'SUBMITTED' | 'APPROVED' | 'REJECTED';

/** Which statuses each transition leaves from: anything else is a conflict (the API, the validators and the activity agree). */
export const transitionsFrom: Record<PlanTarget, readonly PlanStatus[]> = {
  SUBMITTED: ['DRAFT', 'REJECTED'],
  APPROVED: ['SUBMITTED'],
  REJECTED: ['SUBMITTED'],
};

/** DRAFT or REJECTED to SUBMITTED: the approvers are asked, then reminded after the plan's remindAfter. */
export const submitPlanUpdate = defineUpdate<PlanTransition, [{ byUserId: string }]>('submitPlan');
/**
 * SUBMITTED to APPROVED (final) or REJECTED (back to the author with the reason), by one of the
 * approvers, or by an admin on behalf of the approvers (`onBehalf`: the API checked the role).
 */
export const decidePlanUpdate = defineUpdate<PlanTransition, [{ byUserId: string; decision: 'APPROVED' | 'REJECTED'; comment?: string; onBehalf?: boolean }]>('decidePlan');

/** One person leaves a SUBMITTED plan's approvers (deactivated, or their work reassigned); others take their place and are asked. */
export interface PlanApproverReplacement {
  fromUserId: string;
  toUserIds: string[];
  byUserId: string | null;
  reason: string;
}
export const replacePlanApproverUpdate = defineUpdate<{ changed: boolean; approverIds: string[] }, [PlanApproverReplacement]>('replacePlanApprover');

export interface PlanProgress {
  status: PlanStatus;
  /** When the approvers who have not answered are reminded (SUBMITTED with a remindAfter). */
  remindAt: string | null;
  /** When the APPROVED plan expires: the end (UTC) of its period's last day. */
  expireAt: string | null;
}
export const planProgressQuery = defineQuery<PlanProgress>('planProgress');

export const planWorkflowId = (planId: string) => `plan-${planId}`;
