import type { Prisma } from '../../../src/generated/prisma/client';
import { recordCampaignEvent } from '../../../src/campaigns/campaign-events';
import { isEnded, type CampaignStatus } from '../../../workflows/campaign.messages';

export interface CampaignEnd {
  campaignId: string;
  status: CampaignStatus;
  reason?: string;
  byUserId?: string;
}

/** Locks the campaign row for the rest of the transaction and answers its status. */
export async function lockCampaign(tx: Prisma.TransactionClient, campaignId: string) {
  await tx.$queryRaw`SELECT id FROM campaigns WHERE id = CAST(${campaignId} AS uuid) FOR UPDATE`;
  return tx.campaign.findUniqueOrThrow({ where: { id: campaignId }, select: { status: true, evergreen: true, enrollmentStoppedAt: true } });
}

/**
 * Ends the campaign inside the caller's transaction; one already ended stays as it is. What has
 * not ended ends with it, set-based: stages that never started are cancelled; running ones are
 * cancelled too, unless the campaign COMPLETED (an evergreen campaign's stages run as long as it
 * does). An evergreen campaign's RUNNING enrollments end COMPLETED with a completed campaign,
 * CANCELLED otherwise, and their runs that had not ended are cancelled.
 */
export async function endCampaignIn(tx: Prisma.TransactionClient, { campaignId, status, reason, byUserId }: CampaignEnd): Promise<{ status: CampaignStatus }> {
  const campaign = await lockCampaign(tx, campaignId);
  if (isEnded(campaign.status)) return { status: campaign.status };
  const now = new Date();
  const completed = status === 'COMPLETED';
  const endReason = `the campaign was ${status.toLowerCase()}`;
  await tx.campaign.update({ where: { id: campaignId }, data: { status, endedAt: now, endReason: reason ?? null } });
  if (completed) await tx.campaignStage.updateMany({ where: { campaignId, status: 'RUNNING' }, data: { status: 'COMPLETED', completedAt: now } });
  await tx.campaignStage.updateMany({
    where: { campaignId, status: { in: ['PENDING', 'RUNNING'] } },
    data: { status: 'CANCELLED', completedAt: now, endReason: completed ? 'the campaign was completed before it started' : endReason },
  });
  if (campaign.evergreen !== null) {
    await tx.campaignEnrollment.updateMany({ where: { campaignId, status: 'RUNNING' }, data: { status: completed ? 'COMPLETED' : 'CANCELLED', completedAt: now } });
    await tx.campaignEnrollmentRun.updateMany({ where: { campaignId, status: { in: ['PENDING', 'RUNNING'] } }, data: { status: 'CANCELLED', completedAt: now, endReason } });
  }
  const verb = status.toLowerCase();
  await recordCampaignEvent(tx, { campaignId, kind: `campaign-${verb}`, message: `Campaign ${verb}${reason ? `: ${reason}` : ''}`, byUserId, dedupeKey: `campaign-ended:${campaignId}` });
  return { status };
}
