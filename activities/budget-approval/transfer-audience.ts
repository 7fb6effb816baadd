import type { Db } from '../../src/db/prisma';
import { nameOf } from '../../src/approvals/approval-people';
import { sideApprovers, sideBudgetId, waitingSides } from '../../src/budgets/budget-transfer-sides';
import type { Audience, NotifyKind } from './audience';

/**
 * request and reminder: the approvers of the sides still waiting. outcome: who asked and the owners
 * when the funds moved; who asked when rejected; the approvers still waiting when cancelled. Never
 * the person who took the decision.
 */
export async function transferAudience(db: Db, transferId: string, kind: NotifyKind): Promise<Audience | null> {
  const transfer = await db.budgetTransfer.findUnique({ where: { id: transferId } });
  if (!transfer || (kind !== 'outcome' && transfer.status !== 'PENDING') || (kind === 'outcome' && transfer.status === 'PENDING')) return null;
  const approvers = await sideApprovers(db, [transfer.fromBudgetId, transfer.toBudgetId]);
  const budgetName = (id: string) => approvers.get(id)?.budgetName ?? id;
  const what = `Budget transfer of ${transfer.amount.toFixed(2)} ${transfer.currency} from "${budgetName(transfer.fromBudgetId)}" to "${budgetName(transfer.toBudgetId)}"`;
  const waitingApprovers = waitingSides(transfer).flatMap((side) => approvers.get(sideBudgetId(transfer, side))?.approvers.map((person) => person.id) ?? []);
  if (kind !== 'outcome') {
    return { recipientIds: waitingApprovers, message: kind === 'request' ? `${what} awaits your approval` : `Reminder: ${what} still awaits your approval`, trigger: `budget-transfer-${kind}` };
  }
  const by = transfer.decidedById ? await nameOf(db, transfer.decidedById) : 'someone';
  const onBehalf = transfer.decidedOnBehalf ? ' on behalf of the approvers' : '';
  const comment = transfer.comment ? `: ${transfer.comment}` : '';
  const owners = [transfer.fromBudgetId, transfer.toBudgetId].flatMap((id) => approvers.get(id)?.owner.id ?? []);
  const outcome =
    transfer.status === 'APPLIED'
      ? { recipientIds: [transfer.requestedById, ...owners], message: `${what} was approved${onBehalf}: the funds moved` }
      : transfer.status === 'REJECTED'
        ? { recipientIds: [transfer.requestedById], message: `${what} was rejected by ${by}${onBehalf}${comment}` }
        : { recipientIds: waitingApprovers, message: `${what} was withdrawn by ${by}: it needs no answer any more${comment}` };
  return { ...outcome, recipientIds: outcome.recipientIds.filter((id) => id !== transfer.decidedById), trigger: `budget-transfer-${transfer.status.toLowerCase()}` };
}
