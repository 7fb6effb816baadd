import type { Db } from '../../src/db/prisma';
import { nameOf } from '../../src/approvals/approval-people';
import { sideApprovers } from '../../src/budgets/budget-transfer-sides';
import type { Audience, NotifyKind } from './audience';

/**
 * request and reminder: the funding budget's owner and the owner's manager. outcome: who asked when
 * approved or rejected; the approvers when cancelled. Never the person who took the decision.
 */
export async function overrunAudience(db: Db, overrunId: string, kind: NotifyKind): Promise<Audience | null> {
  const overrun = await db.budgetOverrun.findUnique({ where: { id: overrunId } });
  if (!overrun || (kind !== 'outcome') !== (overrun.status === 'PENDING')) return null;
  const budget = (await sideApprovers(db, [overrun.budgetId])).get(overrun.budgetId);
  const approverIds = budget?.approvers.map((person) => person.id) ?? [];
  const work = overrun.campaignId
    ? `Campaign "${(await db.campaign.findUnique({ where: { id: overrun.campaignId }, select: { name: true } }))?.name ?? overrun.campaignId}"`
    : `Event "${(await db.event.findUnique({ where: { id: overrun.eventId! }, select: { name: true } }))?.name ?? overrun.eventId}"`;
  const over = `${overrun.planned.minus(overrun.allocated).toFixed(2)} ${overrun.currency}`;
  const what = `${work}, ${over} over its funding from budget "${budget?.budgetName ?? overrun.budgetId}",`;
  if (kind !== 'outcome') {
    return { recipientIds: approverIds, message: kind === 'request' ? `${what} awaits your approval` : `Reminder: ${what} still awaits your approval`, trigger: `budget-overrun-${kind}` };
  }
  const by = overrun.decidedById ? await nameOf(db, overrun.decidedById) : 'someone';
  const onBehalf = overrun.decidedOnBehalf ? ' on behalf of the approvers' : '';
  const comment = overrun.comment ? `: ${overrun.comment}` : '';
  const outcome =
    overrun.status === 'APPROVED'
      ? { recipientIds: [overrun.requestedById], message: `${what} was approved by ${by}${onBehalf}: it can be scheduled` }
      : overrun.status === 'REJECTED'
        ? { recipientIds: [overrun.requestedById], message: `${what} was rejected by ${by}${onBehalf}${comment}` }
        : { recipientIds: approverIds, message: `${what} was withdrawn by ${by}: it needs no answer any more${comment}` };
  return { ...outcome, recipientIds: outcome.recipientIds.filter((id) => id !== overrun.decidedById), trigger: `budget-overrun-${overrun.status.toLowerCase()}` };
}
