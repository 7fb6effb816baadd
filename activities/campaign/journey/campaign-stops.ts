import type { Db } from '../../../src/db/prisma';
import { AppError } from '../../../src/errors/app-error';
import type { Prisma } from '../../../src/generated/prisma/client';
import { recordCampaignEvent } from '../../../src/campaigns/campaign-events';
import { isEnded, type CampaignStatus, type StageType } from '../../../workflows/campaign.messages';
import { endCampaignIn, lockCampaign } from './end-campaign';
import { enrollmentStoppedKey, type StopMode } from '../../../src/campaigns/journey/journey-events';
import { stageWords } from '../../../src/campaigns/journey/stage-words';

export interface StopEnrollmentInput {
  campaignId: string;
  byUserId: string;
  enrolled: StopMode;
  reason?: string;
}

/**
 * Stops an evergreen campaign's enrollments (once: a second stop records nothing more). With
 * 'finish' the enrolled cohorts run to their end, then the workflow completes the campaign; with
 * 'cancel' the campaign is cancelled now, with what its cohorts had left to do. A retry after the
 * commit answers the status it left.
 */
export async function stopEnrollment(db: Db, { campaignId, byUserId, enrolled, reason }: StopEnrollmentInput): Promise<{ status: CampaignStatus }> {
  return db.$transaction(async (tx) => {
    const campaign = await lockCampaign(tx, campaignId);
    if (campaign.evergreen === null) throw new AppError('CONFLICT', 'not an evergreen campaign');
    if (isEnded(campaign.status)) return { status: campaign.status };
    if (campaign.status === 'DRAFT') throw new AppError('CONFLICT', 'the campaign is not scheduled');
    if (!campaign.enrollmentStoppedAt) {
      await tx.campaign.update({ where: { id: campaignId }, data: { enrollmentStoppedAt: new Date() } });
      const mode = enrolled === 'finish' ? 'enrolled cohorts finish' : 'enrolled cohorts are cancelled';
      await recordCampaignEvent(tx, {
        campaignId,
        kind: 'enrollment-stopped',
        message: `Enrollment stopped: ${mode}${reason ? `: ${reason}` : ''}`,
        details: { enrolled, ...(reason ? { reason } : {}) } satisfies Prisma.InputJsonObject,
        byUserId,
        dedupeKey: enrollmentStoppedKey(campaignId),
      });
    }
    if (enrolled === 'cancel') return endCampaignIn(tx, { campaignId, status: 'CANCELLED', reason: reason ?? 'enrollment stopped, enrolled cohorts cancelled', byUserId });
    return { status: campaign.status };
  });
}

/**
 * Ends a scheduled, running or paused campaign as COMPLETED: a tracking-only campaign, or one whose
 * remaining stages should not start (they are cancelled, "the campaign was completed before it
 * started"). Refused while a stage (or an enrollment's run) is running: it would be cut short.
 */
export async function completeCampaign(db: Db, { campaignId, byUserId, reason }: { campaignId: string; byUserId: string; reason?: string }): Promise<{ status: CampaignStatus }> {
  return db.$transaction(async (tx) => {
    const campaign = await lockCampaign(tx, campaignId);
    if (campaign.status === 'COMPLETED') return { status: campaign.status };
    if (isEnded(campaign.status)) throw new AppError('CONFLICT', `the campaign is ${campaign.status.toLowerCase()}`);
    if (campaign.status === 'DRAFT') throw new AppError('CONFLICT', 'the campaign is not scheduled: there is nothing to complete');
    const running = await firstRunning(tx, campaignId, campaign.evergreen !== null);
    if (running) throw new AppError('CONFLICT', `${running} is running: wait for it to end, or cancel the campaign`);
    return endCampaignIn(tx, { campaignId, status: 'COMPLETED', reason, byUserId });
  });
}

/** The first running stage in words; for an evergreen campaign (whose stage rows run as long as it does) its running runs. */
async function firstRunning(tx: Prisma.TransactionClient, campaignId: string, evergreen: boolean): Promise<string | null> {
  if (!evergreen) {
    const stage = await tx.campaignStage.findFirst({ where: { campaignId, status: 'RUNNING' }, orderBy: { position: 'asc' }, select: { position: true, type: true } });
    return stage ? stageWords(stage) : null;
  }
  const [run] = await tx.$queryRaw<{ position: number; type: StageType; number: number }[]>`
    SELECT s.position, s.type::text AS type, e.number
    FROM campaign_enrollment_runs r JOIN campaign_stages s ON s.id = r.stage_id JOIN campaign_enrollments e ON e.id = r.enrollment_id
    WHERE r.campaign_id = CAST(${campaignId} AS uuid) AND r.status = 'RUNNING'
    ORDER BY s.position, e.number LIMIT 1`;
  return run ? `${stageWords(run)} of enrollment ${run.number}` : null;
}
