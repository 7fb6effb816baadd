import { Duration } from 'luxon';
import type { Db } from '../../../src/db/prisma';
import { AppError } from '../../../src/errors/app-error';
import type { Prisma } from '../../../src/generated/prisma/client';
import { recordCampaignEvent } from '../../../src/campaigns/campaign-events';
import { stageSettingsSchemas, type ApprovalSettings, type CallTasksSettings, type MailingSettings } from '../../../src/campaigns/stage-settings.schemas';
import { freezeMailCollateral, freezeTaskCollateral, type LeftOut } from '../../../src/collateral-kits/stage-collateral';
import type { RunRef, StageStart, StageStatus } from '../../../workflows/campaign.messages';
import { approvalState } from '../approval-activities';
import type { TemplateSnapshot } from '../started-settings';
import { lockRun, lockStageRow, type StageRowLocked } from './run-rows';

const plus = (from: Date, iso: string | undefined) => (iso ? new Date(from.getTime() + Duration.fromISO(iso).toMillis()).toISOString() : null);
const unfinished = (status: StageStatus) => status === 'PENDING' || status === 'RUNNING';

/**
 * Starts a stage once: RUNNING, its settings (and a MAILING's template) frozen into startedSettings.
 * With an enrollment, starts that enrollment's run of the stage (PENDING → RUNNING), and the first
 * run to start freezes the stage row as above, so every enrollment runs with the same settings.
 * A retry, or a workflow continued as new, gets the same answer back; a run or stage that ended
 * meanwhile answers `started: false`.
 */
export async function startStage(db: Db, { campaignId, stageId, enrollmentId }: RunRef): Promise<StageStart> {
  return db.$transaction(async (tx) => {
    // Campaign, stage row, run: the order endCampaign takes them in, so the two never deadlock
    // (starting the first stage also writes the campaign's status).
    await tx.$queryRaw`SELECT id FROM campaigns WHERE id = CAST(${campaignId} AS uuid) FOR NO KEY UPDATE`;
    let stage = await lockStageRow(tx, campaignId, stageId);
    const run = enrollmentId ? await lockRun(tx, campaignId, stageId, enrollmentId) : null;
    const notStarted = { started: false, startedAt: (run?.startedAt ?? stage.startedAt ?? new Date()).toISOString() };
    if (!unfinished(stage.status) || (run && !unfinished(run.status))) return notStarted;
    if (stage.status === 'PENDING') stage = await freezeStage(tx, stage, run?.number ?? null);
    let startedAt = stage.startedAt!;
    if (run) {
      startedAt = run.startedAt ?? new Date();
      if (run.status === 'PENDING') await tx.campaignEnrollmentRun.update({ where: { enrollmentId_stageId: { enrollmentId: run.enrollmentId, stageId } }, data: { status: 'RUNNING', startedAt } });
    }
    return answerFor(tx, stage, startedAt);
  });
}

async function freezeStage(tx: Prisma.TransactionClient, stage: StageRowLocked, enrollmentNumber: number | null): Promise<StageRowLocked> {
  const settings = stageSettingsSchemas[stage.type].parse(stage.settings) as Record<string, unknown>;
  let startedSettings: Record<string, unknown> = settings;
  if (stage.type === 'MAILING') {
    const key = settings.templateKey as string;
    const template = await tx.emailTemplate.findUnique({ where: { key }, select: { key: true, subject: true, text: true, html: true } });
    if (!template) throw new AppError('CONFLICT', `template ${key} no longer exists`);
    startedSettings = { ...settings, template: template satisfies TemplateSnapshot };
    // Attached collateral: the versions current now are the ones every message of the stage carries.
    const attachments = (settings as MailingSettings).attachments;
    if (attachments?.length) startedSettings.collateral = await freezeMailCollateral(tx, attachments);
  }
  if (stage.type === 'CALL_TASKS') {
    const { callScriptItemId, kitId } = settings as CallTasksSettings;
    // The script and kit every task of the stage shows, at their versions of now.
    if (callScriptItemId || kitId) startedSettings = { ...settings, collateral: await freezeTaskCollateral(tx, { callScriptItemId, kitId }) };
  }
  const updated = await tx.campaignStage.update({ where: { id: stage.id }, data: { status: 'RUNNING', startedAt: new Date(), startedSettings: startedSettings as Prisma.InputJsonValue } });
  await tx.campaign.updateMany({ where: { id: stage.campaignId, status: 'SCHEDULED' }, data: { status: 'RUNNING' } });
  const forEnrollment = enrollmentNumber === null ? '' : ` with enrollment ${enrollmentNumber}`;
  await recordCampaignEvent(tx, {
    campaignId: stage.campaignId,
    kind: 'stage-started',
    stageId: stage.id,
    message: `Stage ${stage.position + 1} (${stage.type}) started${forEnrollment}`,
    dedupeKey: `stage-started:${stage.id}`,
  });
  // Collateral that was usable when the stage was saved but is not now (retired, back to DRAFT, kit archived) is left out, and said so.
  const leftOut = (startedSettings.collateral as { leftOut?: LeftOut[] } | undefined)?.leftOut ?? [];
  if (leftOut.length) {
    await recordCampaignEvent(tx, {
      campaignId: stage.campaignId,
      kind: 'collateral-left-out',
      stageId: stage.id,
      message: `Stage ${stage.position + 1} (${stage.type}) started without ${leftOut.map((entry) => entry.reason).join('; ')}`,
      details: { leftOut: leftOut as unknown as Prisma.InputJsonValue },
      dedupeKey: `collateral-left-out:${stage.id}`,
    });
  }
  return updated;
}

/** What the workflow needs to run the stage, timed from `startedAt` (the stage's start, or the run's). */
async function answerFor(tx: Prisma.TransactionClient, stage: StageRowLocked, startedAt: Date): Promise<StageStart> {
  const answer: StageStart = { started: true, startedAt: startedAt.toISOString() };
  if (stage.type === 'APPROVAL') {
    const settings = stage.startedSettings as unknown as ApprovalSettings;
    answer.approval = {
      approverIds: settings.approverIds,
      ...(await approvalState(tx, stage.id, settings)),
      remindAt: plus(startedAt, settings.remindAfter),
      escalateAt: plus(startedAt, settings.escalateAfter),
    };
  }
  if (stage.type === 'WAIT') answer.waitUntil = plus(startedAt, (stage.startedSettings as { duration: string }).duration)!;
  return answer;
}
