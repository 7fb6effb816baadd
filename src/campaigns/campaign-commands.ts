import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { RequestContext } from '../auth/request-context';
import type { Db } from '../db/prisma';
import { assertScheduleWithinBudget } from '../budgets/schedule-budget-gate';
import { AppError } from '../errors/app-error';
import type { Prisma } from '../generated/prisma/client';
import {
  cancelCampaignUpdate,
  completeCampaignUpdate,
  decideApprovalUpdate,
  editStageUpdate,
  isEnded,
  pauseCampaignUpdate,
  resumeCampaignUpdate,
  stopEnrollmentUpdate,
} from '../../workflows/campaign.messages';
import { recordCampaignEvent } from './campaign-events';
import { startCampaignWorkflow, updateCampaignWorkflow } from './campaign-workflow-client';
import { getCampaignView } from './campaign-view';
import type { EditStageRequest } from './campaigns.schemas';
import type { CompleteCampaignRequest, StopCampaignRequest } from './journey.schemas';
import { editStage } from './stage-edit';
import { validateCampaignForSchedule } from './validate-stages';
import type { CampaignLimits } from './campaign-limits';
import type { ApprovalSettings } from './stage-settings.schemas';

async function loadCampaign(db: Db, campaignId: string) {
  const campaign = await db.campaign.findUnique({ where: { id: campaignId }, select: { id: true, name: true, status: true, evergreen: true } });
  if (!campaign) throw new AppError('NOT_FOUND', `No campaign ${campaignId}`, [{ path: 'path.id', message: 'no such campaign' }]);
  if (isEnded(campaign.status)) throw new AppError('CONFLICT', `Campaign ${campaignId} is ${campaign.status.toLowerCase()}: it can no longer change`);
  return campaign;
}

const notScheduled = (campaignId: string) => new AppError('CONFLICT', `Campaign ${campaignId} is a draft: schedule it first (POST /api/v1/campaigns/${campaignId}/schedule)`);

/**
 * DRAFT to SCHEDULED after the whole campaign validates, then its workflow starts. Evergreen and
 * tracking-only (no stages) campaigns are scheduled alike: the workflow enrolls the former on its
 * schedule and keeps the latter open for responses until it is completed.
 */
export async function scheduleCampaign({ db, temporal, caller }: RequestContext, campaignId: string, limits?: CampaignLimits) {
  const campaign = await loadCampaign(db, campaignId);
  if (campaign.status !== 'DRAFT') throw new AppError('CONFLICT', `Campaign ${campaignId} is already ${campaign.status.toLowerCase()}`);
  const eventId = await db.$transaction(async (tx) => {
    // Locked first, so an edit of the draft cannot slip between the validation and the schedule.
    const [locked] = await tx.$queryRaw<{ status: string }[]>`SELECT status FROM campaigns WHERE id = ${campaignId}::uuid FOR UPDATE`;
    if (locked?.status !== 'DRAFT') throw new AppError('CONFLICT', `Campaign ${campaignId} was scheduled meanwhile`);
    await validateCampaignForSchedule(tx, campaignId, new Date(), limits);
    await assertScheduleWithinBudget(tx, { campaignId });
    await tx.campaign.update({ where: { id: campaignId }, data: { status: 'SCHEDULED' } });
    return recordCampaignEvent(tx, { campaignId, kind: 'campaign-scheduled', message: 'Campaign scheduled', byUserId: caller.id });
  });
  try {
    const stages = await db.campaignStage.findMany({ where: { campaignId }, select: { type: true }, orderBy: { position: 'asc' } });
    await startCampaignWorkflow(temporal, { id: campaignId, name: campaign.name, status: 'SCHEDULED', stageTypes: stages.map((stage) => stage.type), evergreen: campaign.evergreen !== null });
  } catch (error) {
    // Back to a draft, so the marketer can schedule it again once Temporal answers.
    await db.$transaction([
      db.campaign.updateMany({ where: { id: campaignId, status: 'SCHEDULED' }, data: { status: 'DRAFT' } }),
      ...(eventId ? [db.campaignEvent.delete({ where: { id: eventId } })] : []),
    ]);
    if (error instanceof WorkflowExecutionAlreadyStartedError) throw new AppError('CONFLICT', `Campaign ${campaignId} has already run`);
    throw error;
  }
  return getCampaignView(db, campaignId);
}

export async function pauseCampaign({ db, temporal, caller }: RequestContext, campaignId: string) {
  const campaign = await loadCampaign(db, campaignId);
  if (campaign.status === 'DRAFT') throw notScheduled(campaignId);
  await updateCampaignWorkflow(temporal, campaignId, pauseCampaignUpdate, { byUserId: caller.id });
  return getCampaignView(db, campaignId);
}

export async function resumeCampaign({ db, temporal, caller }: RequestContext, campaignId: string) {
  const campaign = await loadCampaign(db, campaignId);
  if (campaign.status === 'DRAFT') throw notScheduled(campaignId);
  await updateCampaignWorkflow(temporal, campaignId, resumeCampaignUpdate, { byUserId: caller.id });
  return getCampaignView(db, campaignId);
}

/** A draft is cancelled in PostgreSQL; a scheduled campaign through its workflow, which stops what runs. */
export async function cancelCampaign({ db, temporal, caller }: RequestContext, campaignId: string, reason: string) {
  const campaign = await loadCampaign(db, campaignId);
  if (campaign.status === 'DRAFT') {
    await db.$transaction(async (tx) => {
      const now = new Date();
      const { count } = await tx.campaign.updateMany({ where: { id: campaignId, status: 'DRAFT' }, data: { status: 'CANCELLED', endedAt: now, endReason: reason } });
      if (!count) throw new AppError('CONFLICT', `Campaign ${campaignId} was scheduled meanwhile: cancel it again`);
      await tx.campaignStage.updateMany({ where: { campaignId }, data: { status: 'CANCELLED', completedAt: now, endReason: 'the campaign was cancelled' } });
      await recordCampaignEvent(tx, { campaignId, kind: 'campaign-cancelled', message: `Campaign cancelled: ${reason}`, byUserId: caller.id });
    });
  } else {
    await updateCampaignWorkflow(temporal, campaignId, cancelCampaignUpdate, { byUserId: caller.id, reason });
  }
  return getCampaignView(db, campaignId);
}

/**
 * Stops an evergreen campaign's enrollments through its workflow: `finish` lets the enrolled cohorts
 * run to their end (then the campaign completes), `cancel` ends them and the campaign now.
 */
export async function stopCampaign({ db, temporal, caller }: RequestContext, campaignId: string, request: StopCampaignRequest) {
  const campaign = await loadCampaign(db, campaignId);
  if (campaign.evergreen === null) {
    throw new AppError('CONFLICT', `Campaign ${campaignId} is not an evergreen campaign: it has no enrollments to stop (complete or cancel it instead)`);
  }
  if (campaign.status === 'DRAFT') throw notScheduled(campaignId);
  await updateCampaignWorkflow(temporal, campaignId, stopEnrollmentUpdate, { byUserId: caller.id, enrolled: request.enrolled, ...(request.reason ? { reason: request.reason } : {}) });
  return getCampaignView(db, campaignId);
}

/**
 * Ends a scheduled, running or paused campaign as COMPLETED through its workflow (a tracking-only
 * campaign, or one whose remaining stages should not start). The workflow refuses while a stage runs.
 */
export async function completeCampaign({ db, temporal, caller }: RequestContext, campaignId: string, request: CompleteCampaignRequest) {
  const campaign = await loadCampaign(db, campaignId);
  if (campaign.status === 'DRAFT') throw new AppError('CONFLICT', `Campaign ${campaignId} is a draft: it has not run, so it cannot be completed (schedule it, or cancel it)`);
  await updateCampaignWorkflow(temporal, campaignId, completeCampaignUpdate, { byUserId: caller.id, ...(request.reason ? { reason: request.reason } : {}) });
  return getCampaignView(db, campaignId);
}

/** A stage that has not started: directly in a draft, through the workflow (which re-arms its timer) otherwise. */
export async function editCampaignStage({ db, temporal, caller }: RequestContext, campaignId: string, stageId: string, edit: EditStageRequest, limits?: CampaignLimits) {
  const campaign = await loadCampaign(db, campaignId);
  if (campaign.status === 'DRAFT') await editStage(db, { campaignId, stageId, ...edit }, caller.id, new Date(), limits);
  else await updateCampaignWorkflow(temporal, campaignId, editStageUpdate, { stageId, byUserId: caller.id, ...edit });
  return getCampaignView(db, campaignId);
}

/**
 * Approve or reject an APPROVAL stage that waits for the caller. An admin who is not one of its
 * approvers decides it on their behalf: outright, recorded as such, and the approvers are told.
 */
export async function decideApproval({ db, temporal, caller }: RequestContext, campaignId: string, stageId: string, decision: 'APPROVED' | 'REJECTED', comment?: string) {
  await loadCampaign(db, campaignId);
  const stage = await db.campaignStage.findFirst({ where: { id: stageId, campaignId }, select: { position: true, type: true, status: true, settings: true, startedSettings: true } });
  if (!stage) throw new AppError('NOT_FOUND', `Campaign ${campaignId} has no stage ${stageId}`, [{ path: 'path.stageId', message: 'no such stage' }]);
  const label = `Stage ${stage.position + 1} (${stage.type})`;
  if (stage.type !== 'APPROVAL') throw new AppError('CONFLICT', `${label} is not an APPROVAL stage`);
  const settings = (stage.startedSettings ?? stage.settings) as Prisma.JsonObject as unknown as ApprovalSettings;
  const onBehalf = !settings.approverIds.includes(caller.id) && caller.role === 'admin';
  if (!settings.approverIds.includes(caller.id) && !onBehalf) throw new AppError('FORBIDDEN', `You are not an approver of ${label.toLowerCase()}`);
  if (stage.status !== 'RUNNING') throw new AppError('CONFLICT', `${label} is ${stage.status.toLowerCase()}, not awaiting approval`);
  const earlier = await db.campaignApproval.findUnique({ where: { stageId_approverId: { stageId, approverId: caller.id } }, select: { decision: true } });
  if (earlier) throw new AppError('CONFLICT', `You have already ${earlier.decision.toLowerCase()} ${label.toLowerCase()}`);
  await updateCampaignWorkflow(temporal, campaignId, decideApprovalUpdate, { stageId, approverId: caller.id, decision, ...(comment ? { comment } : {}), ...(onBehalf ? { onBehalf } : {}) });
  return getCampaignView(db, campaignId);
}
