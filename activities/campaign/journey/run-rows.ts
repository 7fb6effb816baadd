import { AppError } from '../../../src/errors/app-error';
import type { Prisma } from '../../../src/generated/prisma/client';
import type { StageStatus } from '../../../workflows/campaign.messages';

export type StageRowLocked = Prisma.CampaignStageGetPayload<object>;

/** The stage row, locked (SELECT … FOR UPDATE) for the rest of the transaction. */
export async function lockStageRow(tx: Prisma.TransactionClient, campaignId: string, stageId: string): Promise<StageRowLocked> {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM campaign_stages WHERE id = ${stageId}::uuid AND campaign_id = ${campaignId}::uuid FOR UPDATE`;
  if (!rows.length) throw new AppError('NOT_FOUND', `stage ${stageId} of campaign ${campaignId} not found`);
  return tx.campaignStage.findUniqueOrThrow({ where: { id: stageId } });
}

export interface LockedRun {
  enrollmentId: string;
  number: number;
  status: StageStatus;
  startedAt: Date | null;
  result: Record<string, unknown>;
}

/** One enrollment's run of a stage, locked for the rest of the transaction, with its enrollment's number. */
export async function lockRun(tx: Prisma.TransactionClient, campaignId: string, stageId: string, enrollmentId: string): Promise<LockedRun> {
  const [run] = await tx.$queryRaw<LockedRun[]>`
    SELECT r.enrollment_id::text AS "enrollmentId", e.number, r.status::text AS status, r.started_at AS "startedAt", r.result
    FROM campaign_enrollment_runs r JOIN campaign_enrollments e ON e.id = r.enrollment_id
    WHERE r.enrollment_id = CAST(${enrollmentId} AS uuid) AND r.stage_id = CAST(${stageId} AS uuid) AND r.campaign_id = CAST(${campaignId} AS uuid)
    FOR UPDATE OF r`;
  if (!run) throw new AppError('NOT_FOUND', `stage ${stageId} has no run for enrollment ${enrollmentId} of campaign ${campaignId}`);
  run.result = run.result && typeof run.result === 'object' ? run.result : {};
  return run;
}
