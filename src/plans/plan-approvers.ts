import { replaceInList, sameList } from '../approvals/approver-lists';
import type { DbClient } from '../db/prisma';
import type { PlanStatus } from '../generated/prisma/enums';
import { planNotFound } from './plan-view';

/** One person leaves a plan's approvers, others take their place (never its author). */
export interface PlanApproverChange {
  planId: string;
  fromUserId: string;
  toUserIds: string[];
  byUserId: string | null;
  reason: string;
}

export type PlanApproverAnswer =
  | { result: 'changed' | 'unchanged'; status: PlanStatus; approverIds: string[]; submittedAt: string | null }
  /** The plan is no longer in a status the caller expected (submitted or decided meanwhile). */
  | { result: 'not-in-status'; status: PlanStatus };

/**
 * Rewrites the plan's approverIds under its row lock, when its status is one of `statuses`, with an
 * `approvers-changed` event in its history. A SUBMITTED plan's is rewritten by its workflow (through
 * its activity, which also asks the new approvers); reminders and decisions read the row. A plan
 * always keeps an approver: with no replacement left (only the author) nothing changes.
 */
export async function replacePlanApprover(tx: DbClient, change: PlanApproverChange, statuses: readonly PlanStatus[]): Promise<PlanApproverAnswer> {
  const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM plans WHERE id = CAST(${change.planId} AS uuid) FOR UPDATE`;
  if (!locked.length) throw planNotFound(change.planId);
  const plan = await tx.plan.findUniqueOrThrow({ where: { id: change.planId }, select: { status: true, authorId: true, approverIds: true, submittedAt: true } });
  if (!statuses.includes(plan.status)) return { result: 'not-in-status', status: plan.status };
  const submittedAt = plan.submittedAt?.toISOString() ?? null;
  const next = replaceInList(plan.approverIds, change.fromUserId, change.toUserIds.filter((id) => id !== plan.authorId));
  if (!next.length || sameList(next, plan.approverIds)) return { result: 'unchanged', status: plan.status, approverIds: plan.approverIds, submittedAt };

  await tx.plan.update({ where: { id: change.planId }, data: { approverIds: next } });
  const added = next.filter((id) => !plan.approverIds.includes(id));
  const users = await tx.user.findMany({ where: { id: { in: [change.fromUserId, ...added] } }, select: { id: true, name: true } });
  const names = new Map(users.map((user) => [user.id, user.name]));
  const who = names.get(change.fromUserId) ?? change.fromUserId;
  const message = added.length ? `Approver ${who} replaced by ${added.map((id) => names.get(id) ?? id).join(', ')}: ${change.reason}` : `Approver ${who} removed: ${change.reason}`;
  await tx.planEvent.create({
    data: {
      planId: change.planId,
      kind: 'approvers-changed',
      message,
      details: { fromUserId: change.fromUserId, approverIds: { before: plan.approverIds, after: next }, reason: change.reason },
      byUserId: change.byUserId,
    },
  });
  return { result: 'changed', status: plan.status, approverIds: next, submittedAt };
}
