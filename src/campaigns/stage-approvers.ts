import { idsIn, replaceInList, sameList } from '../approvals/approver-lists';
import type { DbClient } from '../db/prisma';
import { AppError } from '../errors/app-error';
import type { Prisma } from '../generated/prisma/client';
import type { ApproverReplacement } from '../../workflows/campaign.messages';
import type { StageStatus } from './campaigns.schemas';
import { recordCampaignEvent } from './campaign-events';

/** One person leaves an APPROVAL stage's approvers and escalation contacts, others take their place. */
export type StageApproverChange = ApproverReplacement & { campaignId: string };

export type StageApproverAnswer =
  | { result: 'changed' | 'unchanged'; status: StageStatus; approverIds: string[]; addedApproverIds: string[] }
  /** The stage is no longer in the status the caller expected (it started, or ended, meanwhile). */
  | { result: 'not-in-status'; status: StageStatus };

const joinNames = (ids: readonly string[], names: Map<string, string>) => ids.map((id) => names.get(id) ?? id).join(', ');

/**
 * Rewrites the stage's approver lists under its row lock: a PENDING stage's settings (it starts
 * with them), or a RUNNING stage's startedSettings (what its reminders, escalations and decision
 * rule read; the workflow must run this, through its activity, so that it learns the new list too).
 * Records an `approvers-changed` event in the campaign's history. Pass the caller's transaction.
 */
export async function replaceStageApprover(tx: DbClient, change: StageApproverChange, expected: 'PENDING' | 'RUNNING'): Promise<StageApproverAnswer> {
  const locked = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM campaign_stages WHERE id = CAST(${change.stageId} AS uuid) AND campaign_id = CAST(${change.campaignId} AS uuid) FOR UPDATE`;
  if (!locked.length) throw new AppError('NOT_FOUND', `Campaign ${change.campaignId} has no stage ${change.stageId}`);
  const stage = await tx.campaignStage.findUniqueOrThrow({ where: { id: change.stageId }, select: { position: true, type: true, status: true, settings: true, startedSettings: true } });
  if (stage.type !== 'APPROVAL') throw new AppError('CONFLICT', `Stage ${stage.position + 1} is not an APPROVAL stage`);
  if (stage.status !== expected) return { result: 'not-in-status', status: stage.status };

  const settings = ((expected === 'RUNNING' ? stage.startedSettings : stage.settings) ?? {}) as Record<string, unknown>;
  const approverIds = idsIn(settings, 'approverIds');
  const escalateToIds = idsIn(settings, 'escalateToIds');
  const answered = expected === 'RUNNING' && (await tx.campaignApproval.count({ where: { stageId: change.stageId, approverId: change.fromUserId } })) > 0;
  const replaced = answered ? approverIds : replaceInList(approverIds, change.fromUserId, change.approverReplacementIds);
  // A stage always keeps an approver: without a replacement the user stays (an admin decides on their behalf).
  const nextApprovers = replaced.length ? replaced : approverIds;
  const nextEscalation = replaceInList(escalateToIds, change.fromUserId, change.escalationReplacementIds);
  const addedApproverIds = nextApprovers.filter((id) => !approverIds.includes(id));
  if (sameList(nextApprovers, approverIds) && sameList(nextEscalation, escalateToIds)) return { result: 'unchanged', status: stage.status, approverIds, addedApproverIds: [] };

  const next = { ...settings, approverIds: nextApprovers, ...(settings.escalateToIds !== undefined ? { escalateToIds: nextEscalation } : {}) } as Prisma.InputJsonValue;
  await tx.campaignStage.update({ where: { id: change.stageId }, data: expected === 'RUNNING' ? { startedSettings: next } : { settings: next } });

  const escalationAdded = nextEscalation.filter((id) => !escalateToIds.includes(id));
  const users = await tx.user.findMany({ where: { id: { in: [change.fromUserId, ...addedApproverIds, ...escalationAdded] } }, select: { id: true, name: true } });
  const names = new Map(users.map((user) => [user.id, user.name]));
  const who = names.get(change.fromUserId) ?? change.fromUserId;
  const parts: string[] = [];
  if (!sameList(nextApprovers, approverIds)) parts.push(addedApproverIds.length ? `approver ${who} replaced by ${joinNames(addedApproverIds, names)}` : `approver ${who} removed`);
  if (!sameList(nextEscalation, escalateToIds)) parts.push(escalationAdded.length ? `escalation contact ${who} replaced by ${joinNames(escalationAdded, names)}` : `escalation contact ${who} removed`);
  await recordCampaignEvent(tx, {
    campaignId: change.campaignId,
    stageId: change.stageId,
    kind: 'approvers-changed',
    message: `Stage ${stage.position + 1} (APPROVAL): ${parts.join('; ')}: ${change.reason}`,
    details: {
      fromUserId: change.fromUserId,
      approverIds: { before: approverIds, after: nextApprovers },
      escalateToIds: { before: escalateToIds, after: nextEscalation },
      reason: change.reason,
    },
    byUserId: change.byUserId,
  });
  return { result: 'changed', status: stage.status, approverIds: nextApprovers, addedApproverIds };
}
