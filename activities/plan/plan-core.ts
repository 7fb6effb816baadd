import { Duration } from 'luxon';
import type { Db } from '../../src/db/prisma';
import { AppError } from '../../src/errors/app-error';
import type { Prisma } from '../../src/generated/prisma/client';
import { transitionsFrom, type PlanStatus, type PlanTarget, type PlanTransition } from '../../workflows/plan.messages';
import { activeAmong, nameOf } from '../../src/approvals/approval-people';
import { recordAudit } from '../../src/audit/record-audit';
import { replacePlanApprover, type PlanApproverChange } from '../../src/plans/plan-approvers';
import { recordNotifications } from '../outbox/record-notifications';

const DAY_MS = 24 * 60 * 60 * 1000;

/** periodEnd is inclusive: the plan expires when that UTC day ends, i.e. at 00:00 UTC the day after. */
export const planExpiresAt = (periodEnd: Date) => new Date(periodEnd.getTime() + DAY_MS);

const plus = (from: Date, iso: string) => new Date(from.getTime() + Duration.fromISO(iso).toMillis());

type PlanState = { status: PlanStatus; submittedAt: Date | null; decidedAt: Date | null; remindAfter: string | null; periodEnd: Date };
const planStateSelect = { status: true, submittedAt: true, decidedAt: true, remindAfter: true, periodEnd: true } as const;

export function toTransition(plan: PlanState): PlanTransition {
  return {
    status: plan.status,
    submittedAt: plan.submittedAt?.toISOString() ?? null,
    decidedAt: plan.decidedAt?.toISOString() ?? null,
    remindAt: plan.status === 'SUBMITTED' && plan.submittedAt && plan.remindAfter ? plus(plan.submittedAt, plan.remindAfter).toISOString() : null,
    expireAt: plan.status === 'APPROVED' ? planExpiresAt(plan.periodEnd).toISOString() : null,
    periodEnd: plan.periodEnd.toISOString(),
  };
}

async function lockPlan(tx: Prisma.TransactionClient, planId: string) {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM plans WHERE id = ${planId}::uuid FOR UPDATE`;
  if (!rows.length) throw new AppError('NOT_FOUND', `plan ${planId} not found`);
  return tx.plan.findUniqueOrThrow({ where: { id: planId }, select: { ...planStateSelect, name: true, authorId: true, approverIds: true } });
}

/** The admin's name when `userId` is an active admin who is not the plan's author; else the decision is refused. */
async function adminDecidingFor(tx: Prisma.TransactionClient, userId: string, plan: { authorId: string }): Promise<string> {
  const user = await tx.user.findUnique({ where: { id: userId }, select: { name: true, role: true, deactivatedAt: true } });
  if (!user || user.role !== 'admin' || user.deactivatedAt || userId === plan.authorId) {
    throw new AppError('FORBIDDEN', 'Only an admin who is not its author decides a plan on behalf of its approvers');
  }
  return user.name;
}

const verbs: Record<PlanTarget, string> = { SUBMITTED: 'submitted', APPROVED: 'approved', REJECTED: 'rejected' };

type NotifyKind = 'request' | 'reminder' | 'rejected' | 'approved';
const notices: Record<NotifyKind, (plan: string, reason: string | null) => string> = {
  request: (plan) => `Plan "${plan}" awaits your approval`,
  reminder: (plan) => `Reminder: plan "${plan}" still awaits your approval`,
  rejected: (plan, reason) => `Plan "${plan}" was rejected: ${reason ?? 'no reason given'}`,
  approved: (plan) => `Plan "${plan}" was approved`,
};

export function createPlanCoreActivities({ db }: { db: Db }) {
  return {
    /**
     * One transition, written with its history event in one transaction. `requestId` (made by the
     * workflow, the same on every retry) keys the event, so a retry answers what the first run did.
     */
    async transitionPlan(input: { planId: string; to: PlanTarget; byUserId: string; comment?: string; requestId: string; onBehalf?: boolean }): Promise<PlanTransition> {
      return db.$transaction(async (tx) => {
        const plan = await lockPlan(tx, input.planId);
        const dedupeKey = `plan-${verbs[input.to]}:${input.requestId}`;
        if (await tx.planEvent.findUnique({ where: { dedupeKey }, select: { id: true } })) return toTransition(plan);
        if (!transitionsFrom[input.to].includes(plan.status)) {
          throw new AppError('CONFLICT', `Plan ${input.planId} is ${plan.status}: it cannot be ${verbs[input.to]}`);
        }
        const admin = input.to !== 'SUBMITTED' && input.onBehalf ? await adminDecidingFor(tx, input.byUserId, plan) : null;
        if (input.to !== 'SUBMITTED' && !admin && (input.byUserId === plan.authorId || !plan.approverIds.includes(input.byUserId))) {
          throw new AppError('FORBIDDEN', `Only an approver of plan ${input.planId} who is not its author may decide it`);
        }
        const now = new Date();
        const data: Prisma.PlanUpdateInput =
          input.to === 'SUBMITTED'
            ? { status: 'SUBMITTED', submittedAt: now, decidedAt: null, decidedById: null, decidedOnBehalf: false, rejectionReason: null }
            : { status: input.to, decidedAt: now, decidedById: input.byUserId, decidedOnBehalf: admin !== null, rejectionReason: input.to === 'REJECTED' ? (input.comment ?? null) : null };
        const updated = await tx.plan.update({ where: { id: input.planId }, data, select: planStateSelect });
        const onBehalf = admin ? ` by ${admin} on behalf of the approvers` : '';
        const message = input.to === 'SUBMITTED' ? 'Plan submitted for approval' : `Plan ${verbs[input.to]}${onBehalf}${input.comment ? `: ${input.comment}` : ''}`;
        const details = {
          from: plan.status,
          to: input.to,
          ...(input.comment ? { [input.to === 'REJECTED' ? 'reason' : 'comment']: input.comment } : {}),
          ...(admin ? { onBehalf: true, approverIds: plan.approverIds } : {}),
        };
        await tx.planEvent.create({ data: { planId: input.planId, kind: `plan-${verbs[input.to]}`, message, details, byUserId: input.byUserId, dedupeKey } });
        if (admin) {
          await recordAudit(tx, {
            actorId: input.byUserId,
            action: 'approval.on-behalf',
            entityType: 'plan',
            entityId: input.planId,
            before: { status: plan.status, approverIds: plan.approverIds },
            after: { status: input.to, decidedById: input.byUserId, decidedOnBehalf: true },
            reason: input.comment ?? null,
          });
        }
        return toTransition(updated);
      });
    },

    /**
     * Replaces an approver of a plan not decided for good (deactivated or reassigned); a SUBMITTED
     * plan's new approvers are asked for this submission (the request's own key: nobody is asked
     * twice, a retry asks no one again).
     */
    async replacePlanApprover(input: PlanApproverChange): Promise<{ changed: boolean; approverIds: string[]; emailIds: string[] }> {
      return db.$transaction(async (tx) => {
        const answer = await replacePlanApprover(tx, input, ['DRAFT', 'SUBMITTED', 'REJECTED']);
        if (answer.result === 'not-in-status') throw new AppError('CONFLICT', `Plan ${input.planId} is ${answer.status}: it no longer awaits approval`);
        if (answer.status !== 'SUBMITTED') return { changed: answer.result === 'changed', approverIds: answer.approverIds, emailIds: [] };
        const plan = await tx.plan.findUniqueOrThrow({ where: { id: input.planId }, select: { name: true } });
        const recipientIds = await activeAmong(tx, input.toUserIds.filter((id) => answer.approverIds.includes(id)));
        const round = answer.submittedAt!;
        const { emailIds } = await recordNotifications(
          tx,
          recipientIds.map((recipientId) => ({
            recipientId,
            message: notices.request(plan.name, null),
            why: { trigger: 'plan-request', planId: input.planId, replacing: input.fromUserId },
            dedupeKey: `plan:request:${input.planId}:${round}:${recipientId}`,
          })),
        );
        return { changed: answer.result === 'changed', approverIds: answer.approverIds, emailIds };
      });
    },

    /** APPROVED to EXPIRED once its period has ended; a plan in any other status stays as it is. */
    async expirePlan({ planId }: { planId: string }): Promise<PlanTransition> {
      return db.$transaction(async (tx) => {
        const plan = await lockPlan(tx, planId);
        if (plan.status !== 'APPROVED') return toTransition(plan);
        const updated = await tx.plan.update({ where: { id: planId }, data: { status: 'EXPIRED', expiredAt: new Date() }, select: planStateSelect });
        await tx.planEvent.createMany({
          data: [{ planId, kind: 'plan-expired', message: `Plan expired: its period ended on ${plan.periodEnd.toISOString().slice(0, 10)}`, details: { from: 'APPROVED', to: 'EXPIRED' }, dedupeKey: `plan-expired:${planId}` }],
          skipDuplicates: true,
        });
        return toTransition(updated);
      });
    },

    /**
     * A notification to each person concerned, and its e-mail in the outbox (the workflow delivers
     * it): the approvers for a request or a reminder (only while that submission, `round`, still
     * waits), the author for a decision. Keyed by kind, plan, round and person, so a retry notifies
     * each person once.
     */
    async notifyPlanPeople(input: { planId: string; kind: NotifyKind; round: string }): Promise<{ notified: number; emailIds: string[] }> {
      const plan = await db.plan.findUnique({
        where: { id: input.planId },
        select: { name: true, status: true, authorId: true, approverIds: true, rejectionReason: true, submittedAt: true, decidedById: true, decidedOnBehalf: true },
      });
      if (!plan) return { notified: 0, emailIds: [] };
      const toApprovers = input.kind === 'request' || input.kind === 'reminder';
      if (toApprovers && (plan.status !== 'SUBMITTED' || plan.submittedAt?.toISOString() !== input.round)) return { notified: 0, emailIds: [] };
      // A decision an admin made on behalf of the approvers reaches them too, as it reaches the author.
      const onBehalf = !toApprovers && plan.decidedOnBehalf && plan.decidedById ? { adminId: plan.decidedById, admin: await nameOf(db, plan.decidedById) } : null;
      const recipientIds = await activeAmong(db, toApprovers ? plan.approverIds : [plan.authorId, ...(onBehalf ? plan.approverIds : [])]);
      const why = {
        trigger: `plan-${input.kind}`,
        planId: input.planId,
        ...(input.kind === 'rejected' ? { reason: plan.rejectionReason } : {}),
        ...(onBehalf ? { decidedById: onBehalf.adminId, onBehalf: true } : {}),
      };
      const message = (recipientId: string) =>
        onBehalf && recipientId !== plan.authorId
          ? `Plan "${plan.name}" was ${input.kind} by ${onBehalf.admin} on behalf of the approvers${input.kind === 'rejected' ? `: ${plan.rejectionReason ?? 'no reason given'}` : ''}`
          : notices[input.kind](plan.name, plan.rejectionReason) + (onBehalf ? ` (by ${onBehalf.admin} on behalf of the approvers)` : '');
      const { emailIds } = await db.$transaction(async (tx) => {
        const recorded = await recordNotifications(
          tx,
          recipientIds.map((recipientId) => ({ recipientId, message: message(recipientId), why, dedupeKey: `plan:${input.kind}:${input.planId}:${input.round}:${recipientId}` })),
        );
        if (input.kind === 'reminder') {
          await tx.planEvent.createMany({
            data: [{ planId: input.planId, kind: 'approvers-reminded', message: `Approvers reminded: ${recipientIds.length} have not answered`, details: { approverIds: recipientIds }, dedupeKey: `plan-reminded:${input.planId}:${input.round}` }],
            skipDuplicates: true,
          });
        }
        return recorded;
      });
      return { notified: recipientIds.length, emailIds };
    },
  };
}
