import { allHandlersFinished, condition, proxyActivities, setHandler } from '@temporalio/workflow';
import type { ActivityOptions } from '@temporalio/workflow';
import type { BudgetTransferActivities } from '../activities/budget-transfer';
import { budgetTransferProgressQuery, cancelBudgetTransferUpdate, decideBudgetTransferUpdate, type BudgetTransferState, type BudgetTransferStatus } from './budget-transfer.messages';
import { createMailSender } from './mail-sender';
import { refusal } from './refusal';
import { upsertChangedSearchAttributes } from './search-attribute-publisher';
import { budgetTransferStatusKey } from './search-attributes';
import { createSerializer } from './serialize';

const retry: ActivityOptions['retry'] = { initialInterval: '1 second', maximumInterval: '1 minute', nonRetryableErrorTypes: ['NOT_FOUND', 'CONFLICT', 'FORBIDDEN', 'VALIDATION_FAILED'] };
const transfers = proxyActivities<BudgetTransferActivities>({ startToCloseTimeout: '1 minute', retry });
// The API starts the workflow just before its transaction commits: the row may take a moment to
// appear, and never does when that transaction failed after the start.
const { budgetTransferState } = proxyActivities<BudgetTransferActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '200 milliseconds', maximumInterval: '5 seconds', maximumAttempts: 30 },
});

export interface BudgetTransferWorkflowInput {
  transferId: string;
}

/**
 * One per transfer request: asks the approvers of each side, reminds those who have not answered
 * after the request's remindAfter, takes decisions and cancellation as updates (their validators
 * refuse once it is decided), and tells who asked and the owners how it ended. Holds the status only;
 * PostgreSQL holds the transfer. Ends once the transfer is APPLIED, REJECTED or CANCELLED.
 */
export async function budgetTransferWorkflow({ transferId }: BudgetTransferWorkflowInput): Promise<BudgetTransferStatus | 'MISSING'> {
  let state = null as BudgetTransferState | null;
  const serialized = createSerializer();
  const mail = createMailSender();
  const apply = (next: BudgetTransferState) => {
    state = next;
    // An admin finds the transfers waiting (CrmBudgetTransferStatus = "PENDING") in the Temporal UI.
    upsertChangedSearchAttributes([{ key: budgetTransferStatusKey, value: next.status }]);
    return next;
  };
  const refuseUnlessPending = (action: string) => (_input?: object) => {
    if (state && state.status !== 'PENDING') throw refusal(`The transfer is ${state.status}: it cannot be ${action}`);
  };
  setHandler(
    decideBudgetTransferUpdate,
    (input) => serialized(async () => apply(await transfers.decideBudgetTransfer({ transferId, ...input }))),
    { validator: ({ decision }) => refuseUnlessPending(decision === 'APPROVED' ? 'approved' : 'rejected')() },
  );
  setHandler(cancelBudgetTransferUpdate, (input) => serialized(async () => apply(await transfers.cancelBudgetTransfer({ transferId, ...input }))), {
    validator: refuseUnlessPending('cancelled'),
  });
  setHandler(budgetTransferProgressQuery, () => state ?? { status: 'PENDING', remindAt: null });

  try {
    const initial = await budgetTransferState({ transferId });
    // An update may have decided it while the state was read.
    if (!state) apply(initial);
  } catch {
    return 'MISSING';
  }
  const notify = async (kind: 'request' | 'reminder' | 'outcome') => mail.send((await transfers.notifyBudgetTransferPeople({ transferId, kind })).emailIds);
  const pending = () => state!.status === 'PENDING';
  if (pending()) {
    await notify('request');
    const { remindAt } = state!;
    if (remindAt && pending()) {
      const ms = Date.parse(remindAt) - Date.now();
      if (ms > 0) await condition(() => !pending(), ms, { summary: `reminder at ${remindAt}` });
      if (pending()) await notify('reminder');
    }
    await condition(() => !pending());
  }
  await notify('outcome');
  await condition(() => allHandlersFinished() && mail.idle());
  return state!.status;
}
