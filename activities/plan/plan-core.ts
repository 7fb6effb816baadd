import { ApplicationFailure } from '@temporalio/activity';
import { Duration } from 'luxon';
import type { Db } from '../../src/db/prisma';
import type { Prisma } from '../../src/generated/prisma/client';
import type { PlanStatus } from '../../src/generated/prisma/enums';
import type { Mailer } from '../../src/mail/mailer';
import { deliverNotifications } from '../account/deliver-notifications';

export type { PlanStatus } from '../../src/generated/prisma/enums';

/** A plan's state after a transition, as its workflow keeps it: status and times (ISO) only. */
export interface PlanTransition {
  status: PlanStatus;
  /** When the current submission was made; it keys that submission's request and reminder. */
  submittedAt: string | null;
  decidedAt: string | null;
  /** SUBMITTED with a remindAfter: when the approvers are reminded. */
  remindAt: string | null;
  /** APPROVED: when the plan expires, the end (UTC) of its period's last day. */
  expireAt: string | null;
}

export type PlanTarget = 'SUBMITTED' | 'APPROVED' | 'REJECTED';

/** Which statuses each transition leaves from: anything else is a conflict. */
export const transitionsFrom: Record<PlanTarget, readonly PlanStatus[]> = {
  SUBMITTED: ['DRAFT', 'REJECTED'],
  APPROVED: ['SUBMITTED'],
  REJECTED: ['SUBMITTED'],
};

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
  };
}

async function lockPlan(tx: Prisma.TransactionClient, planId: string) {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM plans WHERE id = ${planId}::uuid FOR UPDATE`;
  if (!rows.length) throw ApplicationFailure.nonRetryable(`plan ${planId} not found`, 'NOT_FOUND');
  return tx.plan.findUniqueOrThrow({ where: { id: planId }, select: { ...planStateSelect, name: true, authorId: true, approverIds: true } });
}

const verbs: Record<PlanTarget, string> = { SUBMITTED: 'submitted', APPROVED: 'approved', REJECTED: 'rejected' };

type NotifyKind = 'request' | 'reminder' | 'rejected' | 'approved';
const notices: Record<NotifyKind, (plan: string, reason: string | null) => string> = {
  request: (plan) => `Plan "${plan}" awaits your approval`,
  reminder: (plan) => `Reminder: plan "${plan}" still awaits your approval`,
  rejected: (plan, reason) => `Plan "${plan}" was rejected: ${reason ?? 'no reason given'}`,
  approved: (plan) => `Plan "${plan}" was approved`,
};

export function createPlanCoreActivities({ db, mailer, publicUrl }: { db: Db; mailer: Mailer; publicUrl: string }) {
  return {
    /**
     * One transition, written with its history event in one transaction. `requestId` (made by the
     * workflow, the same on every retry) keys the event, so a retry answers what the first run did.
     */
    async transitionPlan(input: { planId: string; to: PlanTarget; byUserId: string; comment?: string; requestId: string }): Promise<PlanTransition> {
      return db.$transaction(async (tx) => {
        const plan = await lockPlan(tx, input.planId);
        const dedupeKey = `plan-${verbs[input.to]}:${input.requestId}`;
        if (await tx.planEvent.findUnique({ where: { dedupeKey }, select: { id: true } })) return toTransition(plan);
        if (!transitionsFrom[input.to].includes(plan.status)) {
          throw ApplicationFailure.nonRetryable(`Plan ${input.planId} is ${plan.status}: it cannot be ${verbs[input.to]}`, 'CONFLICT');
        }
        if (input.to !== 'SUBMITTED' && (input.byUserId === plan.authorId || !plan.approverIds.includes(input.byUserId))) {
          throw ApplicationFailure.nonRetryable(`Only an approver of plan ${input.planId} who is not its author may decide it`, 'FORBIDDEN');
        }
        const now = new Date();
        const data: Prisma.PlanUpdateInput =
          input.to === 'SUBMITTED'
            ? { status: 'SUBMITTED', submittedAt: now, decidedAt: null, decidedById: null, rejectionReason: null }
            : { status: input.to, decidedAt: now, decidedById: input.byUserId, rejectionReason: input.to === 'REJECTED' ? (input.comment ?? null) : null };
        const updated = await tx.plan.update({ where: { id: input.planId }, data, select: planStateSelect });
        const message = input.to === 'SUBMITTED' ? 'Plan submitted for approval' : `Plan ${verbs[input.to]}${input.comment ? `: ${input.comment}` : ''}`;
        const details = { from: plan.status, to: input.to, ...(input.comment ? { [input.to === 'REJECTED' ? 'reason' : 'comment']: input.comment } : {}) };
        await tx.planEvent.create({ data: { planId: input.planId, kind: `plan-${verbs[input.to]}`, message, details, byUserId: input.byUserId, dedupeKey } });
        return toTransition(updated);
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
     * A notification and an e-mail to each person concerned: the approvers for a request or a
     * reminder (only while that submission, `round`, still waits), the author for a decision.
     * Keyed by kind, plan, round and person, so a retry notifies each person once.
     */
    async notifyPlanPeople(input: { planId: string; kind: NotifyKind; round: string }): Promise<{ notified: number }> {
      const plan = await db.plan.findUnique({ where: { id: input.planId }, select: { name: true, status: true, authorId: true, approverIds: true, rejectionReason: true, submittedAt: true } });
      if (!plan) return { notified: 0 };
      const toApprovers = input.kind === 'request' || input.kind === 'reminder';
      if (toApprovers && (plan.status !== 'SUBMITTED' || plan.submittedAt?.toISOString() !== input.round)) return { notified: 0 };
      const recipientIds = toApprovers ? [...new Set(plan.approverIds)] : [plan.authorId];
      const keyOf = (recipientId: string) => `plan:${input.kind}:${input.planId}:${input.round}:${recipientId}`;
      const why = { trigger: `plan-${input.kind}`, planId: input.planId, ...(input.kind === 'rejected' ? { reason: plan.rejectionReason } : {}) };
      await db.$transaction(async (tx) => {
        await tx.notification.createMany({
          data: recipientIds.map((recipientId) => ({ recipientId, message: notices[input.kind](plan.name, plan.rejectionReason), why, dedupeKey: keyOf(recipientId) })),
          skipDuplicates: true,
        });
        if (input.kind === 'reminder') {
          await tx.planEvent.createMany({
            data: [{ planId: input.planId, kind: 'approvers-reminded', message: `Approvers reminded: ${recipientIds.length} have not answered`, details: { approverIds: recipientIds }, dedupeKey: `plan-reminded:${input.planId}:${input.round}` }],
            skipDuplicates: true,
          });
        }
      });
      const rows = await db.notification.findMany({ where: { dedupeKey: { in: recipientIds.map(keyOf) } }, select: { id: true } });
      await deliverNotifications(db, mailer, publicUrl, rows.map((row) => row.id));
      return { notified: recipientIds.length };
    },
  };
}
