import type { Db } from '../../src/db/prisma';
import { activeAmong, nameOf } from '../../src/approvals/approval-people';
import { sideApprovers, sideBudgetId, waitingSides } from '../../src/budgets/budget-transfer-sides';
import { cancelBudgetTransfer, decideBudgetTransfer, transferState, type TransferDecision } from '../../src/budgets/decide-budget-transfer';
import type { BudgetTransferState } from '../../workflows/budget-transfer.messages';
import { retryableFailure } from '../failures';
import { recordNotifications } from '../outbox/record-notifications';

type NotifyKind = 'request' | 'reminder' | 'outcome';

export function createBudgetTransferActivities({ db }: { db: Db }) {
  return {
    /** The transfer's state; retried while its request's transaction has not committed yet. */
    async budgetTransferState({ transferId }: { transferId: string }): Promise<BudgetTransferState> {
      const transfer = await db.budgetTransfer.findUnique({ where: { id: transferId }, select: { status: true, createdAt: true, remindAfter: true } });
      if (!transfer) throw retryableFailure('NOT_FOUND', `Budget transfer ${transferId} is not written yet`);
      return transferState(transfer);
    },

    decideBudgetTransfer: (input: TransferDecision) => decideBudgetTransfer(db, input),

    cancelBudgetTransfer: (input: { transferId: string; byUserId: string; comment?: string }) => cancelBudgetTransfer(db, input),

    /**
     * request and reminder: the approvers of the sides still waiting. outcome: who asked and the
     * owners when the funds moved; who asked when rejected; the approvers still waiting when
     * cancelled. Each person once per kind, whatever the retries.
     */
    async notifyBudgetTransferPeople({ transferId, kind }: { transferId: string; kind: NotifyKind }): Promise<{ notified: number; emailIds: string[] }> {
      const transfer = await db.budgetTransfer.findUnique({ where: { id: transferId } });
      if (!transfer || (kind !== 'outcome' && transfer.status !== 'PENDING')) return { notified: 0, emailIds: [] };
      const approvers = await sideApprovers(db, [transfer.fromBudgetId, transfer.toBudgetId]);
      const nameOfBudget = (id: string) => approvers.get(id)?.budgetName ?? id;
      const what = `Budget transfer of ${transfer.amount.toFixed(2)} ${transfer.currency} from "${nameOfBudget(transfer.fromBudgetId)}" to "${nameOfBudget(transfer.toBudgetId)}"`;
      const waitingApprovers = waitingSides(transfer).flatMap((side) => approvers.get(sideBudgetId(transfer, side))?.approvers.map((person) => person.id) ?? []);
      const by = transfer.decidedById ? await nameOf(db, transfer.decidedById) : null;
      const onBehalf = transfer.decidedOnBehalf ? ' on behalf of the approvers' : '';
      const comment = transfer.comment ? `: ${transfer.comment}` : '';
      const outcomes = {
        PENDING: { to: [], message: '' },
        APPLIED: { to: [transfer.requestedById, ...[transfer.fromBudgetId, transfer.toBudgetId].map((id) => approvers.get(id)?.owner.id ?? '')], message: `${what} was approved${onBehalf}: the funds moved` },
        REJECTED: { to: [transfer.requestedById], message: `${what} was rejected by ${by}${onBehalf}${comment}` },
        CANCELLED: { to: waitingApprovers, message: `${what} was withdrawn by ${by}: it needs no answer any more${comment}` },
      };
      const audience =
        kind === 'outcome'
          ? outcomes[transfer.status]
          : { to: waitingApprovers, message: kind === 'request' ? `${what} awaits your approval` : `Reminder: ${what} still awaits your approval` };
      const recipientIds = await activeAmong(db, audience.to.filter((id) => id !== '' && (kind !== 'outcome' || id !== transfer.decidedById)));
      const trigger = kind === 'outcome' ? `budget-transfer-${transfer.status.toLowerCase()}` : `budget-transfer-${kind}`;
      const { emailIds } = await db.$transaction((tx) =>
        recordNotifications(
          tx,
          recipientIds.map((recipientId) => ({ recipientId, message: audience.message, why: { trigger, transferId }, dedupeKey: `budget-transfer:${trigger}:${transferId}:${recipientId}` })),
        ),
      );
      return { notified: recipientIds.length, emailIds };
    },
  };
}

export type BudgetTransferActivities = ReturnType<typeof createBudgetTransferActivities>;
