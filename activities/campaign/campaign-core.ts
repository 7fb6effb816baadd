import { Duration } from 'luxon';
import type { Db } from '../../src/db/prisma';
import { AppError } from '../../src/errors/app-error';
import type { Prisma } from '../../src/generated/prisma/client';
import { recordCampaignEvent } from '../../src/campaigns/campaign-events';
import { stageSettingsSchemas, type ApprovalSettings } from '../../src/campaigns/stage-settings.schemas';
import { editStage } from '../../src/campaigns/stage-edit';
import { isEnded, type CampaignPlan, type CampaignStatus, type StageStart, type StageStatus } from '../../workflows/campaign.messages';
import type { TemplateSnapshot } from './started-settings';
import { approvalState, createApprovalActivities } from './approval-activities';

const plus = (from: Date, iso: string | undefined) => (iso ? new Date(from.getTime() + Duration.fromISO(iso).toMillis()).toISOString() : null);

async function lockStage(tx: Prisma.TransactionClient, campaignId: string, stageId: string) {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM campaign_stages WHERE id = ${stageId}::uuid AND campaign_id = ${campaignId}::uuid FOR UPDATE`;
  if (!rows.length) throw new AppError('NOT_FOUND', `stage ${stageId} of campaign ${campaignId} not found`);
  return tx.campaignStage.findUniqueOrThrow({ where: { id: stageId } });
}

export function createCampaignCoreActivities({ db }: { db: Db }) {
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
     * Starts a stage once: RUNNING, its settings (and a MAILING's template) frozen into
     * startedSettings. A retry, or a workflow continued as new, gets the same answer back.
     */
    async startStage({ campaignId, stageId }: { campaignId: string; stageId: string }): Promise<StageStart> {
      return db.$transaction(async (tx) => {
        let stage = await lockStage(tx, campaignId, stageId);
        if (stage.status !== 'PENDING' && stage.status !== 'RUNNING') return { started: false, startedAt: (stage.startedAt ?? new Date()).toISOString() };
        if (stage.status === 'PENDING') {
          const settings = stageSettingsSchemas[stage.type].parse(stage.settings) as Record<string, unknown>;
          let startedSettings: Record<string, unknown> = settings;
          if (stage.type === 'MAILING') {
            const key = settings.templateKey as string;
            const template = await tx.emailTemplate.findUnique({ where: { key }, select: { key: true, subject: true, text: true, html: true } });
            if (!template) throw new AppError('CONFLICT', `template ${key} no longer exists`);
            startedSettings = { ...settings, template: template satisfies TemplateSnapshot };
          }
          const now = new Date();
          stage = await tx.campaignStage.update({ where: { id: stageId }, data: { status: 'RUNNING', startedAt: now, startedSettings: startedSettings as Prisma.InputJsonValue } });
          await tx.campaign.updateMany({ where: { id: campaignId, status: 'SCHEDULED' }, data: { status: 'RUNNING' } });
          await recordCampaignEvent(tx, { campaignId, kind: 'stage-started', stageId, message: `Stage ${stage.position + 1} (${stage.type}) started`, dedupeKey: `stage-started:${stageId}` });
        }
        const startedAt = stage.startedAt!;
        const answer: StageStart = { started: true, startedAt: startedAt.toISOString() };
        if (stage.type === 'APPROVAL') {
          const settings = stage.startedSettings as unknown as ApprovalSettings;
          answer.approval = {
            approverIds: settings.approverIds,
            ...(await approvalState(tx, stageId, settings)),
            remindAt: plus(startedAt, settings.remindAfter),
            escalateAt: plus(startedAt, settings.escalateAfter),
          };
        }
        if (stage.type === 'WAIT') answer.waitUntil = plus(startedAt, (stage.startedSettings as { duration: string }).duration)!;
        return answer;
      });
    },

    async completeStage({ campaignId, stageId, status, reason, result }: { campaignId: string; stageId: string; status: StageStatus; reason?: string; result?: object }): Promise<void> {
      await db.$transaction(async (tx) => {
        const stage = await lockStage(tx, campaignId, stageId);
        if (stage.status !== 'RUNNING' && stage.status !== 'PENDING') return;
        const merged = { ...(stage.result as object), ...(result ?? {}) };
        await tx.campaignStage.update({ where: { id: stageId }, data: { status, completedAt: new Date(), endReason: reason ?? null, result: merged as Prisma.InputJsonValue } });
        const verb = status === 'COMPLETED' ? 'completed' : status.toLowerCase();
        await recordCampaignEvent(tx, { campaignId, kind: `stage-${verb}`, stageId, message: `Stage ${stage.position + 1} (${stage.type}) ${verb}${reason ? `: ${reason}` : ''}`, details: result as Prisma.InputJsonValue | undefined, dedupeKey: `stage-ended:${stageId}` });
      });
    },

    /** Ends the campaign: stages that have not ended are cancelled. A campaign already ended stays as it is. */
    async endCampaign({ campaignId, status, reason, byUserId }: { campaignId: string; status: CampaignStatus; reason?: string; byUserId?: string }): Promise<{ status: CampaignStatus }> {
      return db.$transaction(async (tx) => {
        await tx.$queryRaw`SELECT id FROM campaigns WHERE id = ${campaignId}::uuid FOR UPDATE`;
        const campaign = await tx.campaign.findUniqueOrThrow({ where: { id: campaignId }, select: { status: true } });
        if (isEnded(campaign.status)) return { status: campaign.status };
        const now = new Date();
        await tx.campaign.update({ where: { id: campaignId }, data: { status, endedAt: now, endReason: reason ?? null } });
        await tx.campaignStage.updateMany({ where: { campaignId, status: { in: ['PENDING', 'RUNNING'] } }, data: { status: 'CANCELLED', completedAt: now, endReason: `the campaign was ${status.toLowerCase()}` } });
        await recordCampaignEvent(tx, { campaignId, kind: `campaign-${status.toLowerCase()}`, message: `Campaign ${status.toLowerCase()}${reason ? `: ${reason}` : ''}`, byUserId, dedupeKey: `campaign-ended:${campaignId}` });
        return { status };
      });
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
      await editStage(db, edit, byUserId);
    },

    ...createApprovalActivities({ db }),
  };
}
