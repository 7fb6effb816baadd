import type { RequestContext } from '../auth/request-context';
import { AppError } from '../errors/app-error';
import { activeAdminIds, activeAmong } from './approval-people';
import { approvalsNaming } from './approvals-naming';
import { replaceApproverOnPlan, replaceApproverOnStage } from './replace-approver';

export interface MovedApprovals {
  campaignStages: number;
  plans: number;
}

/** Who takes a person's place, wherever their approval is pending. */
interface Replacements {
  /** On an APPROVAL stage with these escalation contacts (the person left out). */
  stageApprovers(escalateToIds: readonly string[]): Promise<string[]>;
  /** Among a stage's escalation contacts; none: the person only leaves them. */
  stageEscalation: string[];
  /** On a plan by this author (who never approves their own plan). */
  planApprovers(authorId: string): string[];
}

const firstNonEmpty = (...candidates: string[][]) => candidates.find((ids) => ids.length > 0) ?? [];

/**
 * Puts `replacements` in `userId`'s place on every APPROVAL stage and plan whose approval is pending
 * and names them (campaign stages waiting or not started yet in a scheduled campaign; plans
 * submitted, draft or rejected). Waiting ones through their workflow, which asks the new approvers
 * and counts them from then on. Answers how many stages and plans changed.
 */
async function replaceEverywhere(context: RequestContext, userId: string, reason: string, replacements: Replacements): Promise<MovedApprovals> {
  const byUserId = context.caller.id;
  const moved: MovedApprovals = { campaignStages: 0, plans: 0 };
  const naming = await approvalsNaming(context.db, userId);
  for (const stage of naming.stages) {
    const change = {
      campaignId: stage.campaignId,
      stageId: stage.stageId,
      fromUserId: userId,
      // A stage the user has answered keeps their answer: only the escalation contacts change.
      approverReplacementIds: stage.answered ? [] : await replacements.stageApprovers(stage.escalateToIds.filter((id) => id !== userId)),
      escalationReplacementIds: replacements.stageEscalation,
      byUserId,
      reason,
    };
    if (await replaceApproverOnStage(context, change, stage.status)) moved.campaignStages++;
  }
  for (const plan of naming.plans) {
    const toUserIds = replacements.planApprovers(plan.authorId);
    if (toUserIds.length && (await replaceApproverOnPlan(context, plan, { planId: plan.id, fromUserId: userId, toUserIds, byUserId, reason }))) moved.plans++;
  }
  return moved;
}

/**
 * Makes `toUserId` the approver instead of `fromUserId` on every pending campaign approval stage
 * and plan that names `fromUserId` and still waits for them (and their escalation contact where
 * they are one); the running workflows learn it (reminders and escalations go to the new approver).
 * Recorded in each object's history. A plan `toUserId` wrote goes to the admins instead.
 */
export async function moveApprovals(context: RequestContext, move: { fromUserId: string; toUserId: string; reason: string }): Promise<MovedApprovals> {
  const { fromUserId, toUserId } = move;
  if (fromUserId === toUserId) throw new AppError('VALIDATION_FAILED', 'The request is not valid', [{ path: 'body.toUserId', message: 'must be another user' }]);
  if (!(await activeAmong(context.db, [toUserId])).length) {
    throw new AppError('VALIDATION_FAILED', 'The request is not valid', [{ path: 'body.toUserId', message: `no active user ${toUserId}` }]);
  }
  const admins = (await activeAdminIds(context.db)).filter((id) => id !== fromUserId);
  return replaceEverywhere(context, fromUserId, move.reason, {
    stageApprovers: async () => [toUserId],
    stageEscalation: [toUserId],
    planApprovers: (authorId) => firstNonEmpty(...[[toUserId], admins].map((ids) => ids.filter((id) => id !== authorId))),
  });
}

/**
 * A deactivated user's pending approvals go to the escalation target: on a campaign stage its
 * escalation contacts (escalateToIds), else the user's manager, else the admins; on a plan the
 * user's manager, else the admins (never the plan's author). Deactivated people are never chosen.
 * The user also leaves the stages' escalation contacts. Answers how many stages and plans changed.
 */
export async function rerouteApprovalsOf(context: RequestContext, reroute: { userId: string; reason: string }): Promise<MovedApprovals> {
  const { userId } = reroute;
  const user = await context.db.user.findUnique({ where: { id: userId }, select: { managerId: true } });
  if (!user) throw new AppError('NOT_FOUND', `No user ${userId}`, [{ path: 'path.id', message: 'no such user' }]);
  const manager = (await activeAmong(context.db, user.managerId ? [user.managerId] : [])).filter((id) => id !== userId);
  const admins = (await activeAdminIds(context.db)).filter((id) => id !== userId);
  return replaceEverywhere(context, userId, reroute.reason, {
    stageApprovers: async (escalateToIds) => firstNonEmpty(await activeAmong(context.db, escalateToIds), manager, admins),
    stageEscalation: [],
    planApprovers: (authorId) => firstNonEmpty(...[manager, admins].map((ids) => ids.filter((id) => id !== authorId))),
  });
}
