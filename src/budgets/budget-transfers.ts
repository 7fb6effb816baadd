import type { RequestContext } from '../auth/request-context';
import type { DbClient } from '../db/prisma';
import { AppError } from '../errors/app-error';
import type { Prisma } from '../generated/prisma/client';
import { encodePageCursor } from '../schemas/page-cursor';
import { describeBudgetTransferWorkflow } from '../temporal/workflow-descriptions';
import { budgetApprovalWorkflowId, cancelBudgetApprovalUpdate, decideBudgetApprovalUpdate } from '../../workflows/budget-approval.messages';
import { startBudgetApprovalWorkflow, updateBudgetApprovalWorkflow } from './budget-approval-client';
import { assertCanGive, requestCents } from './budget-funds';
import { sideApprovers, sidesOf, type SideApprovers } from './budget-transfer-sides';
import type { CancelBudgetRequest } from './budget-decisions.schemas';
import type { BudgetTransferList, BudgetTransferView, CreateBudgetTransferRequest, ListBudgetTransfersQuery } from './budget-transfers.schemas';
import { applyTransfer, lockTransfer, transferNotFound } from './decide-budget-transfer';
import { lockTransferPath } from './move-funds';

// Transfer requests: asked here, decided through their workflow, read as views.

type TransferRow = Prisma.BudgetTransferGetPayload<object>;

async function toViews(db: DbClient, rows: TransferRow[]): Promise<BudgetTransferView[]> {
  const approvers = await sideApprovers(db, rows.flatMap((row) => [row.fromBudgetId, row.toBudgetId]));
  const userIds = rows.flatMap((row) => [row.requestedById, row.fromApprovedById, row.toApprovedById, row.decidedById]).filter((id): id is string => id !== null);
  const users = new Map((await db.user.findMany({ where: { id: { in: [...new Set(userIds)] } }, select: { id: true, name: true } })).map((user) => [user.id, user]));
  const person = (id: string | null) => (id === null ? null : (users.get(id) ?? { id, name: 'Unknown user' }));
  const side = (budgetId: string, approvedById: string | null, approvedAt: Date | null) => {
    const known: SideApprovers = approvers.get(budgetId) ?? { budgetId, budgetName: 'Unknown budget', owner: { id: budgetId, name: 'Unknown' }, approvers: [] };
    return { budgetId, budgetName: known.budgetName, owner: known.owner, approvers: known.approvers, approvedBy: person(approvedById), approvedAt: approvedAt?.toISOString() ?? null };
  };
  return rows.map((row) => ({
    id: row.id,
    status: row.status,
    amount: row.amount.toFixed(2),
    currency: row.currency,
    reason: row.reason,
    from: side(row.fromBudgetId, row.fromApprovedById, row.fromApprovedAt),
    to: side(row.toBudgetId, row.toApprovedById, row.toApprovedAt),
    requestedBy: person(row.requestedById)!,
    requestedAt: row.createdAt.toISOString(),
    remindAfter: row.remindAfter,
    decidedBy: person(row.decidedById),
    decidedAt: row.decidedAt?.toISOString() ?? null,
    decidedOnBehalf: row.decidedOnBehalf,
    comment: row.comment,
    workflowId: budgetApprovalWorkflowId({ kind: 'transfer', id: row.id }),
  }));
}

export async function getBudgetTransfer(db: DbClient, id: string): Promise<BudgetTransferView> {
  const row = await db.budgetTransfer.findUnique({ where: { id } });
  if (!row) throw transferNotFound(id);
  return (await toViews(db, [row]))[0]!;
}

export async function listBudgetTransfers(db: DbClient, query: ListBudgetTransfersQuery): Promise<BudgetTransferList> {
  const and: Prisma.BudgetTransferWhereInput[] = [];
  if (query.status) and.push({ status: query.status });
  if (query.budgetId) and.push({ OR: [{ fromBudgetId: query.budgetId }, { toBudgetId: query.budgetId }] });
  if (query.cursor) and.push({ OR: [{ createdAt: { lt: query.cursor.at } }, { createdAt: query.cursor.at, id: { lt: query.cursor.id } }] });
  const rows = await db.budgetTransfer.findMany({ where: { AND: and }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: query.limit + 1 });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return { items: await toViews(db, page), nextCursor: rows.length > query.limit && last ? encodePageCursor(last.createdAt, last.id) : null };
}

/**
 * Asks for a transfer. The giving budget must have the amount unallocated now (409 naming the
 * amount over), both in one currency. The sides the caller answers for (as owner or the owner's
 * manager) count as approved; when that is both, the funds move at once. Its workflow starts before
 * the transaction commits: if Temporal refuses, nothing is written.
 */
export async function requestBudgetTransfer({ db, temporal, caller }: RequestContext, body: CreateBudgetTransferRequest): Promise<BudgetTransferView> {
  const id = await db.$transaction(async (tx) => {
    const { from, to } = await lockTransferPath(tx, body.fromBudgetId, body.toBudgetId);
    if (from.currency !== to.currency) {
      throw new AppError('CONFLICT', `Budget "${from.name}" is in ${from.currency} and "${to.name}" in ${to.currency}: there is no conversion`, [{ path: 'body.toBudgetId', message: `not in ${from.currency}` }]);
    }
    const amount = requestCents(body.amount);
    await assertCanGive(tx, from, amount, 'body.amount');
    const created = await tx.budgetTransfer.create({
      data: { fromBudgetId: from.id, toBudgetId: to.id, amount: body.amount.toFixed(2), currency: from.currency, reason: body.reason, remindAfter: body.remindAfter ?? null, requestedById: caller.id },
    });
    const approvers = await sideApprovers(tx, [from.id, to.id]);
    const ownSides = sidesOf(created, approvers, caller.id);
    const now = new Date();
    let transfer = await tx.budgetTransfer.update({
      where: { id: created.id },
      data: { ...(ownSides.includes('from') ? { fromApprovedById: caller.id, fromApprovedAt: now } : {}), ...(ownSides.includes('to') ? { toApprovedById: caller.id, toApprovedAt: now } : {}) },
    });
    if (ownSides.length === 2) await applyTransfer(tx, await lockTransfer(tx, transfer.id), caller.id);
    transfer = await tx.budgetTransfer.findUniqueOrThrow({ where: { id: created.id } });
    const description = describeBudgetTransferWorkflow({ id: transfer.id, status: transfer.status, amount: transfer.amount.toFixed(2), currency: transfer.currency, fromName: from.name, toName: to.name });
    await startBudgetApprovalWorkflow(temporal, { kind: 'transfer', id: transfer.id }, description);
    return transfer.id;
  });
  return getBudgetTransfer(db, id);
}

/** Who may, and whether it still waits, read first: a refused decision touches neither the database nor Temporal. */
async function checkPending({ db, caller }: RequestContext, id: string, action: string) {
  const view = await getBudgetTransfer(db, id);
  if (view.status !== 'PENDING') throw new AppError('CONFLICT', `Budget transfer ${id} is ${view.status}: it cannot be ${action}`);
  return {
    view,
    description: describeBudgetTransferWorkflow({ id, status: view.status, amount: view.amount, currency: view.currency, fromName: view.from.budgetName, toName: view.to.budgetName }),
    answersFor: [view.from, view.to].filter((side) => side.approvedBy === null && side.approvers.some((person) => person.id === caller.id)).length > 0,
  };
}

/** An approver approves or rejects; an admin who answers for neither side decides on behalf of the approvers (audited, and they are told). */
export async function decideBudgetTransfer(context: RequestContext, id: string, body: { decision: 'APPROVED' | 'REJECTED'; comment?: string }): Promise<BudgetTransferView> {
  const { view, description, answersFor } = await checkPending(context, id, body.decision === 'APPROVED' ? 'approved' : 'rejected');
  const { caller } = context;
  if (caller.id === view.requestedBy.id) throw new AppError('FORBIDDEN', 'Who asked for a transfer does not decide it: cancel it instead');
  const approvedAlready = [view.from, view.to].some((side) => side.approvedBy?.id === caller.id);
  if (!answersFor && !approvedAlready && caller.role !== 'admin') {
    throw new AppError('FORBIDDEN', 'Only the owner of one of the two budgets, or the owner’s manager, decides this transfer (an admin on their behalf)');
  }
  await updateBudgetApprovalWorkflow(context.temporal, { kind: 'transfer', id }, description, decideBudgetApprovalUpdate, {
    byUserId: caller.id, decision: body.decision, ...(body.comment ? { comment: body.comment } : {}), ...(!answersFor && !approvedAlready ? { onBehalf: true } : {}),
  });
  return getBudgetTransfer(context.db, id);
}

export async function cancelBudgetTransfer(context: RequestContext, id: string, body: CancelBudgetRequest): Promise<BudgetTransferView> {
  const { view, description } = await checkPending(context, id, 'cancelled');
  if (context.caller.id !== view.requestedBy.id && context.caller.role !== 'admin') throw new AppError('FORBIDDEN', 'Only who asked for a transfer, or an admin, cancels it');
  await updateBudgetApprovalWorkflow(context.temporal, { kind: 'transfer', id }, description, cancelBudgetApprovalUpdate, { byUserId: context.caller.id, ...(body.comment ? { comment: body.comment } : {}) });
  return getBudgetTransfer(context.db, id);
}
