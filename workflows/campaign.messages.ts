import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { ApprovalOutcome, CampaignStatus } from '../activities/campaign/campaign-core';

export interface StageEdit {
  stageId: string;
  startAt?: string | null;
  name?: string;
  settings?: unknown;
  byUserId: string;
}

export interface ApprovalDecisionInput {
  stageId: string;
  approverId: string;
  decision: 'APPROVED' | 'REJECTED';
  comment?: string;
}

export const pauseCampaignUpdate = defineUpdate<{ status: CampaignStatus }, [{ byUserId: string }]>('pauseCampaign');
export const resumeCampaignUpdate = defineUpdate<{ status: CampaignStatus }, [{ byUserId: string }]>('resumeCampaign');
export const cancelCampaignUpdate = defineUpdate<{ status: CampaignStatus }, [{ byUserId: string; reason: string }]>('cancelCampaign');
/** Changes a stage that has not started; the workflow re-reads its dates. */
export const editStageUpdate = defineUpdate<void, [StageEdit]>('editStage');
export const decideApprovalUpdate = defineUpdate<{ outcome: ApprovalOutcome }, [ApprovalDecisionInput]>('decideApproval');

export interface CampaignProgress {
  currentStageId: string | null;
  paused: boolean;
  cancelled: boolean;
  /** The approvers an APPROVAL stage still waits for. */
  awaitingApprovers: string[];
}
export const campaignProgressQuery = defineQuery<CampaignProgress>('campaignProgress');

export const campaignWorkflowId = (campaignId: string) => `campaign-${campaignId}`;
