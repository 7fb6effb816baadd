import { recordAudit } from '../audit/record-audit';
import type { Db } from '../db/prisma';
import { AppError } from '../errors/app-error';
import { approvalState } from './approval-state';
import type { Prisma } from '../generated/prisma/client';
import { toCents } from '../schemas/cents';
import type { BudgetApprovalDecision, BudgetApprovalState } from '../../workflows/budget-approval.messages';
import { sideApprovers, sidesOf, waitingSides, type TransferSide } from './budget-transfer-sides';
import { moveFunds } from './move-funds';

// Decisions on a transfer, each in one transaction under the transfer's row lock: the workflow's
// activities call these, and a request whose approvals are all given at once applies the same way.

const transferSelect = {
  id: true, status: true, amount: true, currency: true, fromBudgetId: true, toBudgetId: true, requestedById: true, remindAfter: true, createdAt: true,
  fromApprovedById: true, toApprovedById: true, decidedById: true,
} as const;
type LockedTransfer = Prisma.BudgetTransferGetPayload<{ select: typeof transferSelect }>;

export const transferNotFound = (id: string) => new AppError('NOT_FOUND', `No budget transfer ${id}`);

export async function lockTransfer(tx: Prisma.TransactionClient, transferId: string): Promise<LockedTransfer> {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM budget_transfers WHERE id = CAST(${transferId} AS uuid) FOR UPDATE`;
  if (!rows.length) throw transferNotFound(transferId);
  return tx.budgetTransfer.findUniqueOrThrow({ where: { id: transferId }, select: transferSelect });
}


/** Moves the funds of a transfer whose every side approved, and marks it APPLIED. */
export async function applyTransfer(tx: Prisma.TransactionClient, transfer: LockedTransfer, byUserId: string, extra: { decidedOnBehalf?: boolean; comment?: string | null } = {}) {
  await moveFunds(tx, {
    transferId: transfer.id, fromBudgetId: transfer.fromBudgetId, toBudgetId: transfer.toBudgetId, amount: toCents(transfer.amount.toFixed(2)), currency: transfer.currency, actorId: byUserId,
  });
  return tx.budgetTransfer.update({
    where: { id: transfer.id },
    data: { status: 'APPLIED', decidedById: byUserId, decidedAt: new Date(), decidedOnBehalf: extra.decidedOnBehalf ?? false, comment: extra.comment ?? null },
    select: transferSelect,
  });
}

async function activeAdminName(tx: Prisma.TransactionClient, userId: string): Promise<string | null> {
  const user = await tx.user.findUnique({ where: { id: userId }, select: { name: true, role: true, deactivatedAt: true } });
  return user && user.role === 'admin' && !user.deactivatedAt ? user.name : null;
}

export interface TransferDecision extends BudgetApprovalDecision {
  transferId: string;
}

/**
 * An approval covers the waiting sides the person answers for (an admin on behalf: every waiting
 * side); once no side waits the funds move, or the approval is refused with nothing recorded. A
 * rejection ends the transfer. Who asked never decides their own request (they cancel it). Deciding
 * again what one already decided answers the state as it is: a retried activity changes nothing.
 */
export async function decideBudgetTransfer(db: Db, input: TransferDecision): Promise<BudgetApprovalState> {
  return db.$transaction(async (tx) => {
    const transfer = await lockTransfer(tx, input.transferId);
    if (transfer.status !== 'PENDING') {
      const same = transfer.decidedById === input.byUserId && (input.decision === 'APPROVED' ? transfer.status === 'APPLIED' : transfer.status === 'REJECTED');
      if (same) return approvalState(transfer);
      throw new AppError('CONFLICT', `Budget transfer ${transfer.id} is ${transfer.status}: it cannot be ${input.decision === 'APPROVED' ? 'approved' : 'rejected'}`);
    }
    if (input.byUserId === transfer.requestedById) throw new AppError('FORBIDDEN', 'Who asked for a transfer does not decide it: cancel it instead');
    const approvers = await sideApprovers(tx, [transfer.fromBudgetId, transfer.toBudgetId]);
    let sides: TransferSide[] = sidesOf(transfer, approvers, input.byUserId);
    const admin = sides.length === 0 && input.onBehalf ? await activeAdminName(tx, input.byUserId) : null;
    if (admin) sides = waitingSides(transfer);
    if (sides.length === 0) {
      const approvedAlready = [transfer.fromApprovedById, transfer.toApprovedById].includes(input.byUserId);
      if (approvedAlready) {
        if (input.decision === 'APPROVED') return approvalState(transfer);
        throw new AppError('CONFLICT', 'You approved your side of this transfer: the other side decides it now');
      }
      throw new AppError('FORBIDDEN', 'Only the owner of one of the two budgets, or the owner’s manager, decides this transfer (an admin on their behalf)');
    }
    const now = new Date();
    let updated: LockedTransfer;
    if (input.decision === 'REJECTED') {
      updated = await tx.budgetTransfer.update({
        where: { id: transfer.id },
        data: { status: 'REJECTED', decidedById: input.byUserId, decidedAt: now, decidedOnBehalf: admin !== null, comment: input.comment ?? null },
        select: transferSelect,
      });
    } else {
      const approved = await tx.budgetTransfer.update({
        where: { id: transfer.id },
        data: {
          ...(sides.includes('from') ? { fromApprovedById: input.byUserId, fromApprovedAt: now } : {}),
          ...(sides.includes('to') ? { toApprovedById: input.byUserId, toApprovedAt: now } : {}),
          ...(input.comment ? { comment: input.comment } : {}),
        },
        select: transferSelect,
      });
      updated = waitingSides(approved).length === 0 ? await applyTransfer(tx, approved, input.byUserId, { decidedOnBehalf: admin !== null, comment: input.comment ?? null }) : approved;
    }
    if (admin) {
      await recordAudit(tx, {
        actorId: input.byUserId, action: 'approval.on-behalf', entityType: 'budget-transfer', entityId: transfer.id,
        before: { status: transfer.status, waitingSides: sides }, after: { status: updated.status, decision: input.decision }, reason: input.comment ?? null,
      });
    }
    return approvalState(updated);
  });
}

/** Who asked, or an admin, withdraws a PENDING transfer; again by the same person answers as it is. */
export async function cancelBudgetTransfer(db: Db, input: { transferId: string; byUserId: string; comment?: string }): Promise<BudgetApprovalState> {
  return db.$transaction(async (tx) => {
    const transfer = await lockTransfer(tx, input.transferId);
    if (transfer.status === 'CANCELLED' && transfer.decidedById === input.byUserId) return approvalState(transfer);
    if (transfer.status !== 'PENDING') throw new AppError('CONFLICT', `Budget transfer ${transfer.id} is ${transfer.status}: it cannot be cancelled`);
    if (input.byUserId !== transfer.requestedById && !(await activeAdminName(tx, input.byUserId))) throw new AppError('FORBIDDEN', 'Only who asked for a transfer, or an admin, cancels it');
    const updated = await tx.budgetTransfer.update({
      where: { id: transfer.id },
      data: { status: 'CANCELLED', decidedById: input.byUserId, decidedAt: new Date(), comment: input.comment ?? null },
      select: transferSelect,
    });
    return approvalState(updated);
  });
}
