import type { Db, DbClient } from '../../src/db/prisma';
import { AppError } from '../../src/errors/app-error';
import { recordAudit } from '../../src/audit/record-audit';
import { recordCampaignEvent } from '../../src/campaigns/campaign-events';
import { replaceStageApprover, type StageApproverChange } from '../../src/campaigns/stage-approvers';
import type { ApprovalSettings } from '../../src/campaigns/stage-settings.schemas';
import type { ApprovalDecisionInput, ApprovalOutcome } from '../../workflows/campaign.messages';
import { askNewApprovers, notifyApprovalRecipients, tellApproversOfDecisionOnBehalf } from './approval-notifications';

/**
 * The decision rule: one rejection rejects; an admin's decision on behalf of the approvers decides
 * alone; otherwise one approval (any) or one from every listed approver (all) approves.
 */
export async function approvalState(db: DbClient, stageId: string, settings: ApprovalSettings) {
  const decisions = await db.campaignApproval.findMany({ where: { stageId }, select: { approverId: true, decision: true, onBehalf: true } });
  const approved = decisions.filter((row) => row.decision === 'APPROVED');
  const listedApprovals = approved.filter((row) => settings.approverIds.includes(row.approverId)).length;
  const outcome: ApprovalOutcome = decisions.some((row) => row.decision === 'REJECTED')
    ? 'rejected'
    : approved.some((row) => row.onBehalf) || listedApprovals >= (settings.require === 'all' ? settings.approverIds.length : 1)
      ? 'approved'
      : 'waiting';
  return { outcome, decidedIds: decisions.map((row) => row.approverId) };
}

async function lockApprovalStage(tx: DbClient, campaignId: string, stageId: string) {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM campaign_stages WHERE id = ${stageId}::uuid AND campaign_id = ${campaignId}::uuid FOR UPDATE`;
  if (!rows.length) throw new AppError('NOT_FOUND', `stage ${stageId} of campaign ${campaignId} not found`);
  return tx.campaignStage.findUniqueOrThrow({ where: { id: stageId }, select: { position: true, status: true, startedSettings: true } });
}

async function adminName(tx: DbClient, userId: string): Promise<string> {
  const user = await tx.user.findUnique({ where: { id: userId }, select: { name: true, role: true, deactivatedAt: true } });
  if (!user || user.role !== 'admin' || user.deactivatedAt) throw new AppError('FORBIDDEN', 'Only an admin decides on behalf of the approvers');
  return user.name;
}

export function createApprovalActivities({ db }: { db: Db }) {
  return {
    /**
     * One approver's answer, or an admin's decision on behalf of the approvers (`onBehalf`): it
     * decides the stage, is written with the audit entry `approval.on-behalf`, and tells the
     * approvers who had not answered (their e-mails answered for the workflow to deliver).
     */
    async recordApproval(input: ApprovalDecisionInput & { campaignId: string }): Promise<{ outcome: ApprovalOutcome; emailIds?: string[] }> {
      return db.$transaction(async (tx) => {
        const stage = await lockApprovalStage(tx, input.campaignId, input.stageId);
        const settings = stage.startedSettings as unknown as ApprovalSettings;
        const admin = input.onBehalf ? await adminName(tx, input.approverId) : null;
        const before = await approvalState(tx, input.stageId, settings);
        const waitingOn = settings.approverIds.filter((id) => !before.decidedIds.includes(id));
        const recorded = await tx.campaignApproval.createMany({
          data: [{ stageId: input.stageId, approverId: input.approverId, decision: input.decision, comment: input.comment ?? null, onBehalf: admin !== null }],
          skipDuplicates: true,
        });
        const verb = input.decision === 'APPROVED' ? 'approved' : 'rejected';
        const comment = input.comment ? `: ${input.comment}` : '';
        if (recorded.count && admin === null) {
          await recordCampaignEvent(tx, { campaignId: input.campaignId, kind: `approval-${verb}`, stageId: input.stageId, byUserId: input.approverId, message: `Stage ${stage.position + 1} ${verb}${comment}` });
        }
        if (recorded.count && admin !== null) {
          await recordCampaignEvent(tx, {
            campaignId: input.campaignId,
            kind: `approval-${verb}`,
            stageId: input.stageId,
            byUserId: input.approverId,
            message: `Stage ${stage.position + 1} ${verb} by ${admin} on behalf of the approvers${comment}`,
            details: { onBehalf: true, waitingOn },
          });
          await recordAudit(tx, {
            actorId: input.approverId,
            action: 'approval.on-behalf',
            entityType: 'campaign-stage',
            entityId: input.stageId,
            before: { campaignId: input.campaignId, outcome: before.outcome, approverIds: settings.approverIds, waitingOn },
            after: { campaignId: input.campaignId, decision: input.decision, onBehalf: true },
            reason: input.comment ?? null,
          });
        }
        const outcome = (await approvalState(tx, input.stageId, settings)).outcome;
        if (admin === null) return { outcome };
        const { emailIds } = await tellApproversOfDecisionOnBehalf(tx, { ...input, recipientIds: waitingOn, adminId: input.approverId, adminName: admin });
        return { outcome, emailIds };
      });
    },

    /**
     * Replaces an approver of the running stage (deactivated or reassigned): startedSettings are
     * rewritten, the new approvers asked (their e-mails answered for the workflow to deliver), and
     * the outcome answered again, since replacing one of "all" approvers by one who approved
     * already may complete the stage. A retry asks no one twice.
     */
    async replaceStageApprover(input: StageApproverChange): Promise<{ changed: boolean; approverIds: string[]; outcome: ApprovalOutcome; emailIds: string[] }> {
      return db.$transaction(async (tx) => {
        const stage = await lockApprovalStage(tx, input.campaignId, input.stageId);
        const decided = stage.status === 'RUNNING' && (await approvalState(tx, input.stageId, stage.startedSettings as unknown as ApprovalSettings)).outcome !== 'waiting';
        if (stage.status !== 'RUNNING' || decided) throw new AppError('CONFLICT', `Stage ${stage.position + 1} no longer awaits approval`);
        const answer = await replaceStageApprover(tx, input, 'RUNNING');
        const settings = (await tx.campaignStage.findUniqueOrThrow({ where: { id: input.stageId }, select: { startedSettings: true } })).startedSettings as unknown as ApprovalSettings;
        const state = await approvalState(tx, input.stageId, settings);
        const toAsk = input.approverReplacementIds.filter((id) => settings.approverIds.includes(id) && !state.decidedIds.includes(id));
        const { emailIds } = state.outcome === 'waiting' ? await askNewApprovers(tx, { campaignId: input.campaignId, stageId: input.stageId, recipientIds: toAsk, replacing: input.fromUserId }) : { emailIds: [] };
        return { changed: answer.result === 'changed', approverIds: settings.approverIds, outcome: state.outcome, emailIds };
      });
    },

    /** Asks, reminds or escalates: a notification and an e-mail each, once per stage, kind and person. */
    notifyApprovers: (input: { campaignId: string; stageId: string; kind: 'request' | 'reminder' | 'escalation' }) => notifyApprovalRecipients(db, input),
  };
}
