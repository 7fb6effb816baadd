import { recordAudit } from '../audit/record-audit';
import type { Db } from '../db/prisma';
import { AppError } from '../errors/app-error';
import { approvalState } from './approval-state';
import type { Prisma } from '../generated/prisma/client';
import type { BudgetApprovalDecision, BudgetApprovalState } from '../../workflows/budget-approval.messages';
import { sideApprovers } from './budget-transfer-sides';

// Decisions on an overrun, each in one transaction under its row lock: the budget approval
// workflow's activities call these.

const overrunSelect = { id: true, status: true, budgetId: true, requestedById: true, decidedById: true, createdAt: true, remindAfter: true } as const;

export const overrunNotFound = (id: string) => new AppError('NOT_FOUND', `No budget overrun ${id}`);

async function lockOverrun(tx: Prisma.TransactionClient, overrunId: string) {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM budget_overruns WHERE id = CAST(${overrunId} AS uuid) FOR UPDATE`;
  if (!rows.length) throw overrunNotFound(overrunId);
  return tx.budgetOverrun.findUniqueOrThrow({ where: { id: overrunId }, select: overrunSelect });
}


/** Whether `userId` answers for the budget: its owner, or the owner's manager, active. */
export async function answersForBudget(db: Prisma.TransactionClient | Db, budgetId: string, userId: string): Promise<boolean> {
  return (await sideApprovers(db, [budgetId])).get(budgetId)?.approvers.some((person) => person.id === userId) ?? false;
}

/**
 * The funding budget's owner or the owner's manager approves or rejects; an admin who is neither
 * decides on their behalf (audited). Who asked never decides (they cancel). Deciding again what one
 * decided answers the state as it is: a retried activity changes nothing.
 */
export async function decideBudgetOverrun(db: Db, input: BudgetApprovalDecision & { overrunId: string }): Promise<BudgetApprovalState> {
  return db.$transaction(async (tx) => {
    const overrun = await lockOverrun(tx, input.overrunId);
    if (overrun.status !== 'PENDING') {
      if (overrun.decidedById === input.byUserId && overrun.status === input.decision) return approvalState(overrun);
      throw new AppError('CONFLICT', `Budget overrun ${overrun.id} is ${overrun.status}: it cannot be ${input.decision === 'APPROVED' ? 'approved' : 'rejected'}`);
    }
    if (input.byUserId === overrun.requestedById) throw new AppError('FORBIDDEN', 'Who asked for an overrun does not decide it: cancel it instead');
    const approver = await answersForBudget(tx, overrun.budgetId, input.byUserId);
    const admin = !approver && input.onBehalf ? await tx.user.findFirst({ where: { id: input.byUserId, role: 'admin', deactivatedAt: null }, select: { id: true } }) : null;
    if (!approver && !admin) throw new AppError('FORBIDDEN', 'Only the owner of the funding budget, or the owner’s manager, decides this overrun (an admin on their behalf)');
    const updated = await tx.budgetOverrun.update({
      where: { id: overrun.id },
      data: { status: input.decision, decidedById: input.byUserId, decidedAt: new Date(), decidedOnBehalf: admin !== null, comment: input.comment ?? null },
      select: overrunSelect,
    });
    if (admin) {
      await recordAudit(tx, {
        actorId: input.byUserId, action: 'approval.on-behalf', entityType: 'budget-overrun', entityId: overrun.id,
        before: { status: overrun.status }, after: { status: updated.status }, reason: input.comment ?? null,
      });
    }
    return approvalState(updated);
  });
}

/** Who asked, or an admin, withdraws a PENDING overrun; again by the same person answers as it is. */
export async function cancelBudgetOverrun(db: Db, input: { overrunId: string; byUserId: string; comment?: string }): Promise<BudgetApprovalState> {
  return db.$transaction(async (tx) => {
    const overrun = await lockOverrun(tx, input.overrunId);
    if (overrun.status === 'CANCELLED' && overrun.decidedById === input.byUserId) return approvalState(overrun);
    if (overrun.status !== 'PENDING') throw new AppError('CONFLICT', `Budget overrun ${overrun.id} is ${overrun.status}: it cannot be cancelled`);
    const admin = await tx.user.findFirst({ where: { id: input.byUserId, role: 'admin', deactivatedAt: null }, select: { id: true } });
    if (input.byUserId !== overrun.requestedById && !admin) throw new AppError('FORBIDDEN', 'Only who asked for an overrun, or an admin, cancels it');
    const updated = await tx.budgetOverrun.update({
      where: { id: overrun.id },
      data: { status: 'CANCELLED', decidedById: input.byUserId, decidedAt: new Date(), comment: input.comment ?? null },
      select: overrunSelect,
    });
    return approvalState(updated);
  });
}
