import type { Db } from '../db/prisma';
import { AppError, invalidField } from '../errors/app-error';
import type { Prisma } from '../generated/prisma/client';
import { fromCents, toCents } from '../schemas/cents';
import { assertCanGive, lockBudgets, requestCents } from './budget-funds';
import { recordBudgetHistory } from './budget-history';
import { getBudget } from './budget-tree';
import type { BudgetView, SetAllocationRequest } from './budgets.schemas';

// Funds given by a budget to a campaign or an event: one budget funds each of them.

interface Work {
  kind: 'campaign' | 'event';
  id: string;
  name: string;
  currency: string | null;
}

async function findWork(tx: Prisma.TransactionClient, body: { campaignId?: string; eventId?: string }): Promise<Work> {
  if (body.campaignId) {
    const campaign = await tx.campaign.findUnique({ where: { id: body.campaignId }, select: { id: true, name: true, currency: true } });
    if (!campaign) throw invalidField('body.campaignId', `no campaign ${body.campaignId}`);
    return { kind: 'campaign', ...campaign };
  }
  const event = await tx.event.findUnique({ where: { id: body.eventId! }, select: { id: true, name: true, currency: true } });
  if (!event) throw invalidField('body.eventId', `no event ${body.eventId}`);
  return { kind: 'event', ...event };
}

const workWhere = (work: Work) => (work.kind === 'campaign' ? { campaignId: work.id } : { eventId: work.id });
const workPath = (work: Work) => (work.kind === 'campaign' ? 'body.campaignId' : 'body.eventId');

/**
 * Funds a campaign or an event from the budget, or changes what it gets. Moving it from another budget
 * takes its funds back there first. In the budget's currency only: no silent conversion.
 */
export async function setAllocation(db: Db, actorId: string, budgetId: string, body: SetAllocationRequest): Promise<BudgetView> {
  await db.$transaction(async (tx) => {
    const work = await findWork(tx, body);
    // Locks the work's row, so two allocations of it never race.
    await (work.kind === 'campaign'
      ? tx.$executeRaw`SELECT 1 FROM campaigns WHERE id = CAST(${work.id} AS uuid) FOR UPDATE`
      : tx.$executeRaw`SELECT 1 FROM events WHERE id = CAST(${work.id} AS uuid) FOR UPDATE`);
    const existing = await tx.budgetAllocation.findFirst({ where: workWhere(work) });
    const locked = await lockBudgets(tx, existing ? [budgetId, existing.budgetId] : [budgetId]);
    const budget = locked.get(budgetId)!;
    if (work.currency && work.currency !== budget.currency) {
      throw new AppError('CONFLICT', `The ${work.kind} "${work.name}" is in ${work.currency} and budget "${budget.name}" in ${budget.currency}: no conversion between them`, [
        { path: workPath(work), message: `in ${work.currency}, the budget in ${budget.currency}` },
      ]);
    }
    const wanted = requestCents(body.amount);
    const alreadyHere = existing?.budgetId === budgetId ? toCents(existing.amount.toFixed(2)) : 0n;
    await assertCanGive(tx, budget, wanted - alreadyHere, 'body.amount');
    if (existing && existing.budgetId !== budgetId) {
      await tx.budgetAllocation.delete({ where: { id: existing.id } });
      await recordBudgetHistory(tx, { budgetId: existing.budgetId, actorId, action: 'allocation.remove', details: { [`${work.kind}Id`]: work.id, name: work.name, amount: existing.amount.toFixed(2), movedTo: budgetId } });
    }
    const amount = fromCents(wanted);
    if (existing?.budgetId === budgetId) await tx.budgetAllocation.update({ where: { id: existing.id }, data: { amount } });
    else await tx.budgetAllocation.create({ data: { budgetId, ...workWhere(work), amount } });
    await recordBudgetHistory(tx, { budgetId, actorId, action: 'allocation.set', details: { [`${work.kind}Id`]: work.id, name: work.name, amount, before: existing?.budgetId === budgetId ? existing.amount.toFixed(2) : null } });
  });
  return getBudget(db, budgetId);
}

/** The campaign or event is no longer funded by the budget; its funds go back to the budget. Checkbook entries naming it stay. */
export async function removeAllocation(db: Db, actorId: string, budgetId: string, allocationId: string): Promise<BudgetView> {
  await db.$transaction(async (tx) => {
    await lockBudgets(tx, [budgetId]);
    const existing = await tx.budgetAllocation.findFirst({ where: { id: allocationId, budgetId } });
    if (!existing) throw new AppError('NOT_FOUND', `Budget ${budgetId} has no allocation ${allocationId}`);
    await tx.budgetAllocation.delete({ where: { id: existing.id } });
    await recordBudgetHistory(tx, {
      budgetId, actorId, action: 'allocation.remove',
      details: { ...(existing.campaignId ? { campaignId: existing.campaignId } : { eventId: existing.eventId }), amount: existing.amount.toFixed(2) },
    });
  });
  return getBudget(db, budgetId);
}
