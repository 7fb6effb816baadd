import type { RequestContext } from '../auth/request-context';
import type { DbClient } from '../db/prisma';
import { AppError } from '../errors/app-error';
import type { Prisma } from '../generated/prisma/client';
import { fromCents } from '../schemas/cents';
import { encodePageCursor } from '../schemas/page-cursor';
import { getBudgetSettings } from '../settings/budget-settings';
import { describeBudgetOverrunWorkflow } from '../temporal/workflow-descriptions';
import { budgetApprovalWorkflowId, cancelBudgetApprovalUpdate, decideBudgetApprovalUpdate } from '../../workflows/budget-approval.messages';
import { startBudgetApprovalWorkflow, updateBudgetApprovalWorkflow } from './budget-approval-client';
import type { CancelBudgetRequest } from './budget-decisions.schemas';
import type { BudgetOverrunList, BudgetOverrunView, CreateBudgetOverrunRequest, ListBudgetOverrunsQuery } from './budget-overruns.schemas';
import { sideApprovers } from './budget-transfer-sides';
import { overrunNotFound } from './decide-budget-overrun';
import { formatMoney } from './budget-funds';
import { workFunding, type Work } from './work-funding';

// Overrun requests: asked here, decided through their workflow, read as views.

type OverrunRow = Prisma.BudgetOverrunGetPayload<object>;

async function toViews(db: DbClient, rows: OverrunRow[]): Promise<BudgetOverrunView[]> {
  const budgets = await sideApprovers(db, rows.map((row) => row.budgetId));
  const [users, campaigns, events] = await Promise.all([
    db.user.findMany({ where: { id: { in: [...new Set(rows.flatMap((row) => [row.requestedById, row.decidedById ?? row.requestedById]))] } }, select: { id: true, name: true } }),
    db.campaign.findMany({ where: { id: { in: rows.flatMap((row) => row.campaignId ?? []) } }, select: { id: true, name: true } }),
    db.event.findMany({ where: { id: { in: rows.flatMap((row) => row.eventId ?? []) } }, select: { id: true, name: true } }),
  ]);
  const names = new Map([...users, ...campaigns, ...events].map((each) => [each.id, each.name]));
  const person = (id: string) => ({ id, name: names.get(id) ?? 'Unknown user' });
  return rows.map((row) => {
    const budget = budgets.get(row.budgetId);
    const workId = (row.campaignId ?? row.eventId)!;
    return {
      id: row.id,
      status: row.status,
      work: { kind: row.campaignId ? ('campaign' as const) : ('event' as const), id: workId, name: names.get(workId) ?? 'Unknown' },
      budget: { id: row.budgetId, name: budget?.budgetName ?? 'Unknown budget', owner: budget?.owner ?? { id: row.budgetId, name: 'Unknown' } },
      planned: row.planned.toFixed(2),
      allocated: row.allocated.toFixed(2),
      over: row.planned.minus(row.allocated).toFixed(2),
      currency: row.currency,
      reason: row.reason,
      approvers: budget?.approvers ?? [],
      requestedBy: person(row.requestedById),
      requestedAt: row.createdAt.toISOString(),
      remindAfter: row.remindAfter,
      decidedBy: row.decidedById ? person(row.decidedById) : null,
      decidedAt: row.decidedAt?.toISOString() ?? null,
      decidedOnBehalf: row.decidedOnBehalf,
      comment: row.comment,
      workflowId: budgetApprovalWorkflowId({ kind: 'overrun', id: row.id }),
    };
  });
}

export async function getBudgetOverrun(db: DbClient, id: string): Promise<BudgetOverrunView> {
  const row = await db.budgetOverrun.findUnique({ where: { id } });
  if (!row) throw overrunNotFound(id);
  return (await toViews(db, [row]))[0]!;
}

/** Every PENDING overrun, oldest first: the approvals inbox's. */
export async function pendingBudgetOverruns(db: DbClient): Promise<BudgetOverrunView[]> {
  return toViews(db, await db.budgetOverrun.findMany({ where: { status: 'PENDING' }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] }));
}

export async function listBudgetOverruns(db: DbClient, query: ListBudgetOverrunsQuery): Promise<BudgetOverrunList> {
  const and: Prisma.BudgetOverrunWhereInput[] = [];
  if (query.status) and.push({ status: query.status });
  if (query.budgetId) and.push({ budgetId: query.budgetId });
  if (query.campaignId) and.push({ campaignId: query.campaignId });
  if (query.eventId) and.push({ eventId: query.eventId });
  if (query.cursor) and.push({ OR: [{ createdAt: { lt: query.cursor.at } }, { createdAt: query.cursor.at, id: { lt: query.cursor.id } }] });
  const rows = await db.budgetOverrun.findMany({ where: { AND: and }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: query.limit + 1 });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return { items: await toViews(db, page), nextCursor: rows.length > query.limit && last ? encodePageCursor(last.createdAt, last.id) : null };
}

const workLabel = (work: Work, name: string) => `${work.campaignId ? 'Campaign' : 'Event'} "${name}"`;

/** "Campaign "X" plans 1200.00 EUR of costs; budget "B" gives it 1000.00 EUR: 200.00 EUR over". */
export function overrunSentence(work: Work, funding: NonNullable<Awaited<ReturnType<typeof workFunding>>>): string {
  const money = (cents: bigint) => formatMoney(cents, funding.currency);
  return `${workLabel(work, funding.workName)} plans ${money(funding.planned)} of costs; budget "${funding.budgetName}" gives it ${money(funding.allocated)}: ${money(funding.planned - funding.allocated)} over`;
}

/**
 * Asks the funding budget's owner to let work planned over its funding be scheduled. Refused (409)
 * when no budget funds it, when it is within its funding, when the settings refuse over-budget work,
 * or while another request for it waits. When the caller answers for the budget, it is approved at
 * once. Its workflow starts before the transaction commits: if Temporal refuses, nothing is written.
 */
export async function requestBudgetOverrun({ db, temporal, caller }: RequestContext, body: CreateBudgetOverrunRequest): Promise<BudgetOverrunView> {
  const work: Work = body.campaignId ? { campaignId: body.campaignId } : { eventId: body.eventId! };
  const path = body.campaignId ? 'body.campaignId' : 'body.eventId';
  const id = await db.$transaction(async (tx) => {
    const exists = body.campaignId ? await tx.campaign.findUnique({ where: { id: body.campaignId }, select: { id: true } }) : await tx.event.findUnique({ where: { id: body.eventId }, select: { id: true } });
    if (!exists) throw new AppError('NOT_FOUND', `No ${body.campaignId ? 'campaign' : 'event'} ${body.campaignId ?? body.eventId}`, [{ path, message: 'not found' }]);
    // One request at a time per piece of work: the second waits here, then sees the first.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`budget-overrun:${body.campaignId ?? body.eventId}`}))`;
    const funding = await workFunding(tx, work);
    if (!funding) throw new AppError('CONFLICT', 'No budget funds it: an overrun needs a budget to be over', [{ path, message: 'not funded by a budget' }]);
    if (funding.planned <= funding.allocated) throw new AppError('CONFLICT', `${workLabel(work, funding.workName)} is within its funding (${formatMoney(funding.planned, funding.currency)} of ${formatMoney(funding.allocated, funding.currency)}): schedule it`, [{ path, message: 'within its funding' }]);
    if ((await getBudgetSettings(tx)).overBudget === 'REFUSE') throw new AppError('CONFLICT', `${overrunSentence(work, funding)}, and the budget settings refuse work over its funding: raise its funding or lower its costs`, [{ path, message: 'over its funding' }]);
    const waiting = await tx.budgetOverrun.findFirst({ where: { ...work, status: 'PENDING' }, select: { id: true } });
    if (waiting) throw new AppError('CONFLICT', `An overrun request for it waits already (${waiting.id}): cancel it first to ask anew`, [{ path, message: 'already asked' }]);
    const ownBudget = (await sideApprovers(tx, [funding.budgetId])).get(funding.budgetId)?.approvers.some((person) => person.id === caller.id) ?? false;
    const now = new Date();
    const overrun = await tx.budgetOverrun.create({
      data: {
        budgetId: funding.budgetId, ...work, planned: fromCents(funding.planned), allocated: fromCents(funding.allocated), currency: funding.currency,
        reason: body.reason, remindAfter: body.remindAfter ?? null, requestedById: caller.id,
        ...(ownBudget ? { status: 'APPROVED' as const, decidedById: caller.id, decidedAt: now } : {}),
      },
    });
    const description = describeBudgetOverrunWorkflow({ id: overrun.id, status: overrun.status, over: fromCents(funding.planned - funding.allocated), currency: funding.currency, workName: funding.workName, budgetName: funding.budgetName });
    await startBudgetApprovalWorkflow(temporal, { kind: 'overrun', id: overrun.id }, description);
    return overrun.id;
  });
  return getBudgetOverrun(db, id);
}

async function checkPending({ db, caller }: RequestContext, id: string, action: string) {
  const view = await getBudgetOverrun(db, id);
  if (view.status !== 'PENDING') throw new AppError('CONFLICT', `Budget overrun ${id} is ${view.status}: it cannot be ${action}`);
  const description = describeBudgetOverrunWorkflow({ id, status: view.status, over: view.over, currency: view.currency, workName: view.work.name, budgetName: view.budget.name });
  return { view, description, approver: view.approvers.some((person) => person.id === caller.id) };
}

/** The funding budget's owner or the owner's manager decides; an admin who is neither decides on their behalf (audited, and they are told). */
export async function decideBudgetOverrun(context: RequestContext, id: string, body: { decision: 'APPROVED' | 'REJECTED'; comment?: string }): Promise<BudgetOverrunView> {
  const { view, description, approver } = await checkPending(context, id, body.decision === 'APPROVED' ? 'approved' : 'rejected');
  const { caller } = context;
  if (caller.id === view.requestedBy.id) throw new AppError('FORBIDDEN', 'Who asked for an overrun does not decide it: cancel it instead');
  if (!approver && caller.role !== 'admin') throw new AppError('FORBIDDEN', 'Only the owner of the funding budget, or the owner’s manager, decides this overrun (an admin on their behalf)');
  await updateBudgetApprovalWorkflow(context.temporal, { kind: 'overrun', id }, description, decideBudgetApprovalUpdate, {
    byUserId: caller.id, decision: body.decision, ...(body.comment ? { comment: body.comment } : {}), ...(!approver ? { onBehalf: true } : {}),
  });
  return getBudgetOverrun(context.db, id);
}

export async function cancelBudgetOverrun(context: RequestContext, id: string, body: CancelBudgetRequest): Promise<BudgetOverrunView> {
  const { view, description } = await checkPending(context, id, 'cancelled');
  if (context.caller.id !== view.requestedBy.id && context.caller.role !== 'admin') throw new AppError('FORBIDDEN', 'Only who asked for an overrun, or an admin, cancels it');
  await updateBudgetApprovalWorkflow(context.temporal, { kind: 'overrun', id }, description, cancelBudgetApprovalUpdate, { byUserId: context.caller.id, ...(body.comment ? { comment: body.comment } : {}) });
  return getBudgetOverrun(context.db, id);
}
