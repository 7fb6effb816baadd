import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { CampaignStatus, StageStatus, StageType } from '../src/generated/prisma/enums';

export type { CampaignStatus, StageStatus, StageType } from '../src/generated/prisma/enums';

export { endedStatuses, isEnded } from './campaign-statuses';

/** A stage as the workflow plans it: ids, type, state and date only. */
export interface PlannedStage {
  id: string;
  type: StageType;
  status: StageStatus;
  startAt: string | null;
}

export interface CampaignPlan {
  status: CampaignStatus;
  stages: PlannedStage[];
}

export type ApprovalOutcome = 'waiting' | 'approved' | 'rejected';

/** What the workflow needs to run a stage it has started, by type; times are ISO. */
export interface StageStart {
  /** False when the stage was not PENDING or RUNNING (cancelled meanwhile): nothing to run. */
  started: boolean;
  startedAt: string;
  approval?: {
    approverIds: string[];
    decidedIds: string[];
    outcome: ApprovalOutcome;
    remindAt: string | null;
    escalateAt: string | null;
  };
  waitUntil?: string;
}

/*
 * What stages answer. They are recorded in the workflow's history, so they hold ids, counts and
 * times only: names and addresses stay in PostgreSQL.
 */

/** A LIST stage's frozen list, also stored as the stage's result. */
export interface ListCounts {
  /** Contacts the segment matched when the list was frozen. */
  matched: number;
  /** Left out as duplicates of another contact (same e-mail address). */
  merged: number;
  /** Left out as unsubscribed, bounced or do-not-contact. */
  suppressed: number;
  /** Left out because they are in another running campaign's list (when the stage asks). */
  inOtherCampaigns: number;
  /** Already in this campaign's list (a second LIST stage never re-enrolls a contact). */
  alreadyListed: number;
  /** Added to the list: target plus test cell. */
  listed: number;
  target: number;
  testCell: number;
}

export interface CallTaskCounts {
  tasksCreated: number;
  /** Accounts without an owner: their task has no assignee and shows in the pool. */
  unassigned: number;
}

export interface MailingBatchResult {
  sent: number;
  failed: number;
  skipped: number;
  /** Put back for later: transient SMTP failures and throttling. */
  deferred: number;
  /** Recipients not finished yet (pending or in flight), over the whole stage. */
  remaining: number;
  /** When nothing could be claimed now: the earliest time one can (send window, back-off). */
  nextAttemptAt: string | null;
  /** The batch stopped early because the campaign is paused or no longer running. */
  stoppedBecause: 'paused' | 'ended' | null;
}

export interface StageEdit {
  stageId: string;
  startAt?: string | null;
  name?: string;
  settings?: unknown;
  byUserId: string;
}

export interface ApprovalDecisionInput {
  stageId: string;
  /** The approver who answers, or the admin deciding on behalf of the approvers. */
  approverId: string;
  decision: 'APPROVED' | 'REJECTED';
  comment?: string;
  /** An admin who is not an approver decides the stage outright; the API checked the role. */
  onBehalf?: boolean;
}

/** One person leaves a waiting stage's approvers (deactivated, or their work reassigned); others take their place. */
export interface ApproverReplacement {
  stageId: string;
  fromUserId: string;
  /** Become approvers in the user's place (the user's answer stands if they gave one). */
  approverReplacementIds: string[];
  /** Become escalation contacts in the user's place; none: the user only leaves them. */
  escalationReplacementIds: string[];
  byUserId: string | null;
  reason: string;
}

export const pauseCampaignUpdate = defineUpdate<{ status: CampaignStatus }, [{ byUserId: string }]>('pauseCampaign');
export const resumeCampaignUpdate = defineUpdate<{ status: CampaignStatus }, [{ byUserId: string }]>('resumeCampaign');
export const cancelCampaignUpdate = defineUpdate<{ status: CampaignStatus }, [{ byUserId: string; reason: string }]>('cancelCampaign');
/** Changes a stage that has not started; the workflow re-reads its dates. */
export const editStageUpdate = defineUpdate<void, [StageEdit]>('editStage');
export const decideApprovalUpdate = defineUpdate<{ outcome: ApprovalOutcome }, [ApprovalDecisionInput]>('decideApproval');
/** Rewrites the waiting stage's approvers: reminders, escalations and the decision rule then count the new ones. */
export const replaceApproverUpdate = defineUpdate<{ changed: boolean; approverIds: string[] }, [ApproverReplacement]>('replaceApprover');

export interface CampaignProgress {
  currentStageId: string | null;
  paused: boolean;
  cancelled: boolean;
  /** The approvers an APPROVAL stage still waits for. */
  awaitingApprovers: string[];
}
export const campaignProgressQuery = defineQuery<CampaignProgress>('campaignProgress');

export const campaignWorkflowId = (campaignId: string) => `campaign-${campaignId}`;
