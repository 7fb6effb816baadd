import type { Db } from '../../src/db/prisma';
import { DEFAULT_CAMPAIGN_LIMITS } from '../../src/campaigns/campaign-limits';
import { AppError } from '../../src/errors/app-error';
import { recordCampaignEvent } from '../../src/campaigns/campaign-events';
import { editStage } from '../../src/campaigns/stage-edit';
import { isEnded, type CampaignPlan, type CampaignStatus, type RunRef, type StageStart } from '../../workflows/campaign.messages';
import { createApprovalActivities } from './approval-activities';
import { completeStage, type StageEnd } from './journey/complete-stage';
import { endCampaignIn, type CampaignEnd } from './journey/end-campaign';
import { startStage } from './journey/start-stage';

export function createCampaignCoreActivities({ db, mailAttachmentsMaxBytes }: { db: Db; mailAttachmentsMaxBytes?: number }) {
  return {
    async loadCampaignPlan({ campaignId }: { campaignId: string }): Promise<CampaignPlan> {
      const campaign = await db.campaign.findUnique({
        where: { id: campaignId },
        select: { status: true, stages: { orderBy: { position: 'asc' }, select: { id: true, type: true, status: true, startAt: true } } },
      });
      if (!campaign) throw new AppError('NOT_FOUND', `campaign ${campaignId} not found`);
      return { status: campaign.status, stages: campaign.stages.map((stage) => ({ ...stage, startAt: stage.startAt?.toISOString() ?? null })) };
    },

    /**
     * Starts a stage once (with an enrollmentId: that enrollment's run of it, freezing the stage
     * row the first time any run starts). A retry gets the same answer back.
     */
    async startStage(ref: RunRef): Promise<StageStart> {
      return startStage(db, ref);
    },

    /** Ends a stage, or one enrollment's run of it (which may complete its enrollment). */
    async completeStage(end: StageEnd): Promise<void> {
      await completeStage(db, end);
    },

    /**
     * Ends the campaign: stages that have not started are cancelled, running ones too unless it
     * completed; an evergreen campaign's enrollments and their runs end with it. A campaign
     * already ended stays as it is.
     */
    async endCampaign(end: CampaignEnd): Promise<{ status: CampaignStatus }> {
      return db.$transaction((tx) => endCampaignIn(tx, end));
    },

    async setPaused({ campaignId, paused, byUserId }: { campaignId: string; paused: boolean; byUserId: string }): Promise<{ status: CampaignStatus }> {
      return db.$transaction(async (tx) => {
        await tx.$queryRaw`SELECT id FROM campaigns WHERE id = ${campaignId}::uuid FOR UPDATE`;
        const campaign = await tx.campaign.findUniqueOrThrow({ where: { id: campaignId }, select: { status: true } });
        if (isEnded(campaign.status)) throw new AppError('CONFLICT', `the campaign is ${campaign.status.toLowerCase()}`);
        if ((campaign.status === 'PAUSED') === paused) return { status: campaign.status };
        const anyStarted = await tx.campaignStage.count({ where: { campaignId, status: { not: 'PENDING' } } });
        const status: CampaignStatus = paused ? 'PAUSED' : anyStarted ? 'RUNNING' : 'SCHEDULED';
        await tx.campaign.update({ where: { id: campaignId }, data: { status } });
        await recordCampaignEvent(tx, { campaignId, kind: paused ? 'campaign-paused' : 'campaign-resumed', message: paused ? 'Campaign paused' : 'Campaign resumed', byUserId });
        return { status };
      });
    },

    async editStage(input: { campaignId: string; stageId: string; startAt?: string | null; name?: string; settings?: unknown; byUserId: string }): Promise<void> {
      const { byUserId, ...edit } = input;
      // The worker applies edits of scheduled campaigns: with the same attachment limit as the API.
      await editStage(db, edit, byUserId, new Date(), mailAttachmentsMaxBytes === undefined ? undefined : { ...DEFAULT_CAMPAIGN_LIMITS, mailAttachmentsMaxBytes });
    },

    ...createApprovalActivities({ db }),
  };
}
