import type { Db } from '../../../src/db/prisma';
import { AppError } from '../../../src/errors/app-error';
import { Prisma } from '../../../src/generated/prisma/client';
import { recordCampaignEvent } from '../../../src/campaigns/campaign-events';
import { EvergreenSettings } from '../../../src/campaigns/journey.schemas';
import { criteriaToSql } from '../../../src/segments/criteria-to-sql';
import { SegmentCriteria } from '../../../src/segments/segment-criteria.schemas';
import { isEnded, type EnrollmentResult, type ListCounts } from '../../../workflows/campaign.messages';
import { existingLists, freezeStatement, SESSION_SETTINGS } from '../list/freeze-target-list';
import { heartbeatWhile } from '../list/stage-row';

/** As for a LIST stage: the first enrollment of a large segment is one long statement. */
const TRANSACTION_TIMEOUT_MS = 15 * 60_000;

/** The runs of an enrollment that listed nobody new: nothing to mail or call, so they end at once. */
const NOBODY_NEW = { skipped: 'nobody new' };

/**
 * One scheduled enrollment of an evergreen campaign, in one transaction: the segment's new contacts
 * are frozen into the campaign's list with the same statement as a LIST stage (duplicates merged,
 * suppression, excludeContactsInRunningCampaigns, the test cell; the campaign's own list is checked,
 * so nobody is enrolled twice), then one PENDING run per stage is created for the cohort.
 *
 * An enrollment of nobody new is still recorded with its counts, but its runs and itself are
 * COMPLETED at once ({skipped: 'nobody new'}): a daily campaign on a quiet segment does not run a
 * week of WAIT timers and empty mailings for nobody.
 *
 * Idempotent per (campaign, scheduledFor): a retry after the commit answers the stored enrollment.
 */
export async function enrollCohort(db: Db, { campaignId, scheduledFor }: { campaignId: string; scheduledFor: string }): Promise<EnrollmentResult> {
  const at = new Date(scheduledFor);
  if (Number.isNaN(at.getTime())) throw new AppError('VALIDATION_FAILED', `scheduledFor ${scheduledFor} is not a time`, [{ path: 'scheduledFor', message: 'must be an ISO time' }]);
  const work = db.$transaction(
    async (tx) => {
      // One enrollment (or LIST freeze) of the campaign at a time: the anti-joins on its own list are exact.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`campaign-list:${campaignId}`}, 0))`;
      // KEY SHARE: the campaign cannot end (nor be paused or stopped) meanwhile, but stages still start.
      const [campaign] = await tx.$queryRaw<{ status: string; evergreen: unknown; stoppedAt: Date | null }[]>`
        SELECT status::text, evergreen, enrollment_stopped_at AS "stoppedAt" FROM campaigns WHERE id = CAST(${campaignId} AS uuid) FOR KEY SHARE`;
      if (!campaign) throw new AppError('NOT_FOUND', `campaign ${campaignId} not found`);
      const stored = await tx.campaignEnrollment.findUnique({ where: { campaignId_scheduledFor: { campaignId, scheduledFor: at } }, select: { id: true, number: true, counts: true } });
      if (stored) return { enrollmentId: stored.id, number: stored.number, counts: stored.counts as unknown as ListCounts };

      const settings = refuseUnlessEnrolling(campaignId, campaign);
      const firstStage = await tx.campaignStage.findFirst({ where: { campaignId }, orderBy: { position: 'asc' }, select: { id: true } });
      if (!firstStage) throw new AppError('CONFLICT', `campaign ${campaignId} has no stage to run an enrollment through`);
      const where = await segmentWhere(tx, settings.segmentId);
      const last = await tx.campaignEnrollment.aggregate({ where: { campaignId }, _max: { number: true } });
      const enrollment = await tx.campaignEnrollment.create({ data: { campaignId, number: (last._max.number ?? 0) + 1, scheduledFor: at }, select: { id: true, number: true } });

      for (const [name, value] of SESSION_SETTINGS) await tx.$queryRaw`SELECT set_config(${name}, ${value}, true)`;
      const lists = await existingLists(tx, campaignId, settings.excludeContactsInRunningCampaigns);
      const listSettings = { segmentId: settings.segmentId, excludeContactsInRunningCampaigns: settings.excludeContactsInRunningCampaigns, testCell: settings.testCell };
      // campaign_recipients.list_stage_id is NOT NULL: an evergreen campaign has no LIST stage, so its rows name the first stage, and enrollment_id tells them apart.
      const [row] = await tx.$queryRaw<Omit<ListCounts, 'target'>[]>(
        freezeStatement({ campaignId, stageId: firstStage.id, enrollmentId: enrollment.id, where, settings: listSettings, ...lists }),
      );
      const counts: ListCounts = { ...row, target: row.listed - row.testCell };
      const nobodyNew = counts.listed === 0;
      const now = new Date();
      await tx.campaignEnrollment.update({
        where: { id: enrollment.id },
        data: { counts: counts as unknown as Prisma.InputJsonObject, ...(nobodyNew ? { status: 'COMPLETED', completedAt: now } : {}) },
      });
      await tx.$executeRaw`
        INSERT INTO campaign_enrollment_runs (enrollment_id, stage_id, campaign_id, status, completed_at, result)
        SELECT CAST(${enrollment.id} AS uuid), id, campaign_id, CAST(${nobodyNew ? 'COMPLETED' : 'PENDING'} AS "StageStatus"), ${nobodyNew ? now : null}::timestamptz(3),
          CAST(${JSON.stringify(nobodyNew ? NOBODY_NEW : {})} AS jsonb)
        FROM campaign_stages WHERE campaign_id = CAST(${campaignId} AS uuid)`;
      await recordCampaignEvent(tx, {
        campaignId,
        kind: 'enrollment',
        message: enrollmentMessage(enrollment.number, counts),
        details: { enrollmentId: enrollment.id, scheduledFor: at.toISOString(), ...counts },
        dedupeKey: `enrollment:${enrollment.id}`,
      });
      return { enrollmentId: enrollment.id, number: enrollment.number, counts };
    },
    { timeout: TRANSACTION_TIMEOUT_MS, maxWait: 60_000 },
  );
  return heartbeatWhile(work);
}

function refuseUnlessEnrolling(campaignId: string, campaign: { status: string; evergreen: unknown; stoppedAt: Date | null }): EvergreenSettings {
  if (campaign.evergreen === null) throw new AppError('CONFLICT', `campaign ${campaignId} is not an evergreen campaign`);
  if (isEnded(campaign.status as never)) throw new AppError('CONFLICT', `campaign ${campaignId} is ${campaign.status.toLowerCase()}: it enrolls nobody any more`);
  if (campaign.status === 'DRAFT') throw new AppError('CONFLICT', `campaign ${campaignId} is not scheduled`);
  if (campaign.stoppedAt) throw new AppError('CONFLICT', `campaign ${campaignId} stopped enrolling at ${campaign.stoppedAt.toISOString()}`);
  const parsed = EvergreenSettings.safeParse(campaign.evergreen);
  if (!parsed.success) throw new AppError('VALIDATION_FAILED', `campaign ${campaignId} has evergreen settings that are no longer valid`);
  return parsed.data;
}

async function segmentWhere(tx: Prisma.TransactionClient, segmentId: string): Promise<Prisma.Sql> {
  const segment = await tx.segment.findUnique({ where: { id: segmentId }, select: { criteria: true } });
  if (!segment) throw new AppError('NOT_FOUND', `segment ${segmentId} no longer exists`);
  const criteria = SegmentCriteria.safeParse(segment.criteria);
  if (!criteria.success) throw new AppError('VALIDATION_FAILED', `segment ${segmentId} has criteria that are no longer valid`);
  return criteriaToSql(criteria.data);
}

/** "Enrollment 4: 120 contacts enrolled (130 matched: 5 merged, 3 suppressed, 2 already enrolled; 12 in the test cell)" */
export function enrollmentMessage(number: number, counts: ListCounts): string {
  const leftOut = [
    [counts.merged, 'merged'],
    [counts.suppressed, 'suppressed'],
    [counts.alreadyListed, 'already enrolled'],
    [counts.inOtherCampaigns, 'in other campaigns'],
  ]
    .filter(([count]) => (count as number) > 0)
    .map(([count, word]) => `${count} ${word}`);
  const details = `${counts.matched} matched${leftOut.length ? `: ${leftOut.join(', ')}` : ''}${counts.testCell ? `; ${counts.testCell} in the test cell` : ''}`;
  return `Enrollment ${number}: ${counts.listed} contact${counts.listed === 1 ? '' : 's'} enrolled (${details})`;
}
