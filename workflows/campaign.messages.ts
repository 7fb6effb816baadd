import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
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

/** Which run of a stage: the stage itself (enrollmentId null or absent), or its run for one enrollment of an evergreen campaign. */
export interface RunRef {
  campaignId: string;
  stageId: string;
  enrollmentId?: string | null;
}

/** A stage run that has not ended, as the journey workflow plans it: ids, times and words only. */
export interface PlannedRun {
  stageId: string;
  enrollmentId: string | null;
  type: StageType;
  /** The stage in words for the Temporal UI, e.g. `stage 4 (MAILING) “Reminder”, enrollment 12` (names of stages, never of people). */
  label?: string;
  status: 'PENDING' | 'RUNNING';
  /** PENDING: its date (if any) has passed and its start condition holds: it may start now. */
  startable: boolean;
  /** PENDING and not startable: the time it may start, when that is known (a date, a duration after a stage's end). */
  wakeAt: string | null;
  /** PENDING and not startable: what it waits for, in words (the Temporal UI's timer summary and the campaign page). */
  waitsFor: string | null;
}

/** What the journey workflow needs from PostgreSQL to decide what to start and how long to sleep. */
export interface CampaignRunPlan {
  status: CampaignStatus;
  /** Stages the campaign has (0: a tracking-only campaign, which runs until it is completed or cancelled). */
  stageCount: number;
  /** Only for an evergreen campaign. */
  evergreen: {
    /** The next scheduled enrollment (already due when in the past: enroll now); null once stopped. */
    nextEnrollmentAt: string | null;
    /** Set once stopped: 'finish' lets the enrolled cohorts finish, then the campaign completes. */
    stoppedWith: 'finish' | 'cancel' | null;
  } | null;
  /** Every run not ended yet, in a stable order (stage position, then enrollment number). */
  runs: PlannedRun[];
  /** A PENDING run waits for responses: plan again by then (the response that meets the condition also signals). */
  recheckAt: string | null;
}

/** One scheduled enrollment of an evergreen campaign, as enrollCohort answers it (counts only). */
export interface EnrollmentResult {
  enrollmentId: string;
  number: number;
  counts: ListCounts;
}

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

/** Something a PENDING stage may wait for changed (a response met a condition): plan again. */
export const conditionsChangedSignal = defineSignal('conditionsChanged');
/** Stops an evergreen campaign's enrollments; 'cancel' also ends what enrolled cohorts still had to do. */
export const stopEnrollmentUpdate = defineUpdate<{ status: CampaignStatus }, [{ byUserId: string; enrolled: 'finish' | 'cancel'; reason?: string }]>('stopEnrollment');
/** Ends a running campaign as completed (a tracking-only one, or one whose remaining stages should not start). */
export const completeCampaignUpdate = defineUpdate<{ status: CampaignStatus }, [{ byUserId: string; reason?: string }]>('completeCampaign');

export interface CampaignProgress {
  /** The first running stage (see runningStageIds for all of them). */
  currentStageId: string | null;
  runningStageIds: string[];
  paused: boolean;
  cancelled: boolean;
  /** The approvers an APPROVAL stage still waits for. */
  awaitingApprovers: string[];
}
export const campaignProgressQuery = defineQuery<CampaignProgress>('campaignProgress');

export const campaignWorkflowId = (campaignId: string) => `campaign-${campaignId}`;
