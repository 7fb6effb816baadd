import type { Db } from '../../src/db/prisma';
import { activeAmong } from '../../src/approvals/approval-people';
import { approvalState } from '../../src/budgets/approval-state';
import { cancelBudgetOverrun, decideBudgetOverrun } from '../../src/budgets/decide-budget-overrun';
import { cancelBudgetTransfer, decideBudgetTransfer } from '../../src/budgets/decide-budget-transfer';
import type { BudgetApprovalDecision, BudgetApprovalState, BudgetApprovalSubject } from '../../workflows/budget-approval.messages';
import { retryableFailure } from '../failures';
import { recordNotifications } from '../outbox/record-notifications';
import type { NotifyKind } from './audience';
import { overrunAudience } from './overrun-audience';
import { transferAudience } from './transfer-audience';


const notWritten = ({ kind, id }: BudgetApprovalSubject) => retryableFailure('NOT_FOUND', `Budget ${kind} ${id} is not written yet`);

export function createBudgetApprovalActivities({ db }: { db: Db }) {
  const requests = {
    transfer: {
      state: async (id: string) => {
        const row = await db.budgetTransfer.findUnique({ where: { id }, select: { status: true, createdAt: true, remindAfter: true } });
        return row && approvalState(row);
      },
      decide: (id: string, decision: BudgetApprovalDecision) => decideBudgetTransfer(db, { transferId: id, ...decision }),
      cancel: (id: string, input: { byUserId: string; comment?: string }) => cancelBudgetTransfer(db, { transferId: id, ...input }),
      audience: (id: string, kind: NotifyKind) => transferAudience(db, id, kind),
    },
    overrun: {
      state: async (id: string) => {
        const row = await db.budgetOverrun.findUnique({ where: { id }, select: { status: true, createdAt: true, remindAfter: true } });
        return row && approvalState(row);
      },
      decide: (id: string, decision: BudgetApprovalDecision) => decideBudgetOverrun(db, { overrunId: id, ...decision }),
      cancel: (id: string, input: { byUserId: string; comment?: string }) => cancelBudgetOverrun(db, { overrunId: id, ...input }),
      audience: (id: string, kind: NotifyKind) => overrunAudience(db, id, kind),
    },
  };
  return {
    /** The request's state; retried while the transaction that asks for it has not committed yet. */
    async budgetApprovalState(subject: BudgetApprovalSubject): Promise<BudgetApprovalState> {
      const state = await requests[subject.kind].state(subject.id);
      if (!state) throw notWritten(subject);
      return state;
    },

    decideBudgetApproval: ({ subject, ...decision }: BudgetApprovalDecision & { subject: BudgetApprovalSubject }): Promise<BudgetApprovalState> =>
      requests[subject.kind].decide(subject.id, decision),

    cancelBudgetApproval: ({ subject, ...input }: { subject: BudgetApprovalSubject; byUserId: string; comment?: string }): Promise<BudgetApprovalState> =>
      requests[subject.kind].cancel(subject.id, input),

    /** Each person once per step, whatever the retries. */
    async notifyBudgetApprovalPeople({ subject, kind }: { subject: BudgetApprovalSubject; kind: NotifyKind }): Promise<{ notified: number; emailIds: string[] }> {
      const audience = await requests[subject.kind].audience(subject.id, kind);
      if (!audience) return { notified: 0, emailIds: [] };
      const recipientIds = await activeAmong(db, audience.recipientIds);
      const { emailIds } = await db.$transaction((tx) =>
        recordNotifications(
          tx,
          recipientIds.map((recipientId) => ({
            recipientId, message: audience.message, why: { trigger: audience.trigger, [`${subject.kind}Id`]: subject.id }, dedupeKey: `budget-${subject.kind}:${audience.trigger}:${subject.id}:${recipientId}`,
          })),
        ),
      );
      return { notified: recipientIds.length, emailIds };
    },
  };
}

export type BudgetApprovalActivities = ReturnType<typeof createBudgetApprovalActivities>;
