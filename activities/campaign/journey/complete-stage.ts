import type { Db } from '../../../src/db/prisma';
import type { Prisma } from '../../../src/generated/prisma/client';
import { recordCampaignEvent } from '../../../src/campaigns/campaign-events';
import type { RunRef, StageStatus, StageType } from '../../../workflows/campaign.messages';
import { lockRun, lockStageRow } from './run-rows';
import { runsThatCanNeverStart, type EnrollmentRun } from '../../../src/campaigns/journey/start-conditions';

export interface StageEnd extends RunRef {
  status: StageStatus;
  reason?: string;
  result?: object;
}

const verbOf = (status: StageStatus) => (status === 'COMPLETED' ? 'completed' : status.toLowerCase());

/** Ends a stage (or one enrollment's run of it) once; its result is merged into what it had. */
export async function completeStage(db: Db, end: StageEnd): Promise<void> {
  await db.$transaction((tx) => (end.enrollmentId ? completeRun(tx, { ...end, enrollmentId: end.enrollmentId }) : completeStageRow(tx, end)));
}

async function completeStageRow(tx: Prisma.TransactionClient, { campaignId, stageId, status, reason, result }: StageEnd): Promise<void> {
  const stage = await lockStageRow(tx, campaignId, stageId);
  if (stage.status !== 'RUNNING' && stage.status !== 'PENDING') return;
  const merged = { ...(stage.result as object), ...(result ?? {}) };
  await tx.campaignStage.update({ where: { id: stageId }, data: { status, completedAt: new Date(), endReason: reason ?? null, result: merged as Prisma.InputJsonValue } });
  const verb = verbOf(status);
  await recordCampaignEvent(tx, {
    campaignId,
    kind: `stage-${verb}`,
    stageId,
    message: `Stage ${stage.position + 1} (${stage.type}) ${verb}${reason ? `: ${reason}` : ''}`,
    details: result as Prisma.InputJsonValue | undefined,
    dedupeKey: `stage-ended:${stageId}`,
  });
}

/**
 * Ends one enrollment's run. An evergreen campaign may have thousands of runs: a completed one is
 * visible on its enrollment, so only other outcomes are written to the campaign's history. Runs of
 * the enrollment that this end makes impossible to start (they wait on it) are cancelled with it,
 * and once every run has ended the enrollment is COMPLETED.
 */
async function completeRun(tx: Prisma.TransactionClient, { campaignId, stageId, enrollmentId, status, reason, result }: StageEnd & { enrollmentId: string }): Promise<void> {
  const stage = await lockStageRow(tx, campaignId, stageId);
  const run = await lockRun(tx, campaignId, stageId, enrollmentId);
  if (run.status !== 'RUNNING' && run.status !== 'PENDING') return;
  const now = new Date();
  const merged = { ...run.result, ...(result ?? {}) };
  await tx.campaignEnrollmentRun.update({
    where: { enrollmentId_stageId: { enrollmentId, stageId } },
    data: { status, completedAt: now, endReason: reason ?? null, result: merged as Prisma.InputJsonValue },
  });
  if (status !== 'COMPLETED') {
    const verb = verbOf(status);
    await recordCampaignEvent(tx, {
      campaignId,
      kind: `stage-${verb}`,
      stageId,
      message: `Stage ${stage.position + 1} (${stage.type}) ${verb} for enrollment ${run.number}${reason ? `: ${reason}` : ''}`,
      details: { enrollmentId, ...(result ?? {}) } as Prisma.InputJsonValue,
      dedupeKey: `run-ended:${enrollmentId}:${stageId}`,
    });
    await cancelRunsThatCanNeverStart(tx, enrollmentId, now);
  }
  await tx.campaignEnrollment.updateMany({
    where: { id: enrollmentId, status: 'RUNNING', runs: { none: { status: { in: ['PENDING', 'RUNNING'] } } } },
    data: { status: 'COMPLETED', completedAt: now },
  });
}

async function cancelRunsThatCanNeverStart(tx: Prisma.TransactionClient, enrollmentId: string, now: Date): Promise<void> {
  const runs = await tx.$queryRaw<(Omit<EnrollmentRun, 'startAt'> & { type: StageType })[]>`
    SELECT r.stage_id::text AS "stageId", s.position, s.type::text AS type, s.name, r.status::text AS status, r.completed_at AS "completedAt", s.start_when AS "startWhen"
    FROM campaign_enrollment_runs r JOIN campaign_stages s ON s.id = r.stage_id
    WHERE r.enrollment_id = CAST(${enrollmentId} AS uuid)`;
  const never = runsThatCanNeverStart(runs.map((run) => ({ ...run, startAt: null })), now);
  for (const { stageId, reason } of never) {
    // A handful per enrollment at most (one per stage), each its own end reason.
    await tx.campaignEnrollmentRun.updateMany({ where: { enrollmentId, stageId, status: 'PENDING' }, data: { status: 'CANCELLED', completedAt: now, endReason: reason } });
  }
}
