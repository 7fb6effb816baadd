import type { DbClient } from '../db/prisma';
import { AppError } from '../errors/app-error';
import { fromCents, toCents } from '../schemas/cents';
import { getBudgetSettings } from '../settings/budget-settings';
import { getBudgetOverrun, overrunSentence } from './budget-overruns';
import type { WorkFundingQuery, WorkFundingView } from './budget-overruns.schemas';
import { workFunding, type Work } from './work-funding';

/**
 * Whether the budget lets a campaign or event be scheduled, and why: the same rule scheduling applies
 * (schedule-budget-gate), answered ahead so the console can say what to do before anyone presses Schedule.
 */
export async function getWorkFunding(db: DbClient, query: WorkFundingQuery): Promise<WorkFundingView> {
  const work: Work = query.campaignId ? { campaignId: query.campaignId } : { eventId: query.eventId! };
  const exists = query.campaignId ? await db.campaign.findUnique({ where: { id: query.campaignId }, select: { id: true } }) : await db.event.findUnique({ where: { id: query.eventId }, select: { id: true } });
  if (!exists) throw new AppError('NOT_FOUND', `No ${query.campaignId ? 'campaign' : 'event'} ${query.campaignId ?? query.eventId}`);
  const [funding, settings] = await Promise.all([workFunding(db, work), getBudgetSettings(db)]);
  const policy = settings.overBudget;
  if (!funding) {
    return { budget: null, currency: null, planned: null, allocated: null, over: null, policy, approvedUpTo: null, pending: null, schedulable: true, canAsk: false, explanation: 'No budget funds it: the budget never holds it back.' };
  }
  const over = funding.planned > funding.allocated ? funding.planned - funding.allocated : 0n;
  const [approved, waiting] = await Promise.all([
    db.budgetOverrun.findFirst({ where: { ...work, budgetId: funding.budgetId, status: 'APPROVED' }, orderBy: { planned: 'desc' }, select: { planned: true } }),
    db.budgetOverrun.findFirst({ where: { ...work, status: 'PENDING' }, select: { id: true } }),
  ]);
  const approvedUpTo = approved ? toCents(approved.planned.toFixed(2)) : null;
  const covered = approvedUpTo !== null && approvedUpTo >= funding.planned;
  const schedulable = over === 0n || (policy === 'APPROVAL' && covered);
  const canAsk = over > 0n && policy === 'APPROVAL' && !covered && !waiting;
  const explanation =
    over === 0n
      ? `Within its funding from budget "${funding.budgetName}".`
      : policy === 'REFUSE'
        ? `${overrunSentence(work, funding)}: the budget settings refuse work over its funding, so raise its funding or lower its costs.`
        : covered
          ? `${overrunSentence(work, funding)}, approved by the budget's owner up to ${fromCents(approvedUpTo!)} ${funding.currency}.`
          : waiting
            ? `${overrunSentence(work, funding)}: its overrun request waits for the budget owner's approval.`
            : `${overrunSentence(work, funding)}: ask the budget's owner to approve the overrun, or raise its funding.`;
  return {
    budget: { id: funding.budgetId, name: funding.budgetName },
    currency: funding.currency,
    planned: fromCents(funding.planned),
    allocated: fromCents(funding.allocated),
    over: fromCents(over),
    policy,
    approvedUpTo: approvedUpTo === null ? null : fromCents(approvedUpTo),
    pending: waiting ? await getBudgetOverrun(db, waiting.id) : null,
    schedulable,
    canAsk,
    explanation,
  };
}
