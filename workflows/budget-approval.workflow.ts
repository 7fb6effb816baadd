import { allHandlersFinished, condition, proxyActivities, setHandler } from '@temporalio/workflow';
import type { ActivityOptions } from '@temporalio/workflow';
import type { BudgetApprovalActivities } from '../activities/budget-approval';
import { budgetApprovalProgressQuery, cancelBudgetApprovalUpdate, decideBudgetApprovalUpdate, type BudgetApprovalState, type BudgetApprovalStatus, type BudgetApprovalSubject } from './budget-approval.messages';
import { createMailSender } from './mail-sender';
import { refusal } from './refusal';
import { upsertChangedSearchAttributes } from './search-attribute-publisher';
import { budgetApprovalStatusKey } from './search-attributes';
import { createSerializer } from './serialize';

const retry: ActivityOptions['retry'] = { initialInterval: '1 second', maximumInterval: '1 minute', nonRetryableErrorTypes: ['NOT_FOUND', 'CONFLICT', 'FORBIDDEN', 'VALIDATION_FAILED'] };
const approvals = proxyActivities<BudgetApprovalActivities>({ startToCloseTimeout: '1 minute', retry });
// The API starts the workflow just before its transaction commits: the row may take a moment to
// appear, and never does when that transaction failed after the start.
const { budgetApprovalState } = proxyActivities<BudgetApprovalActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '200 milliseconds', maximumInterval: '5 seconds', maximumAttempts: 30 },
});

/**
 * One per budget request (a transfer, or an overrun of a campaign's or event's funding): asks its
 * approvers, reminds those who have not answered after the request's remindAfter, takes decisions
 * and cancellation as updates (their validators refuse once it is decided), and tells who asked and
 * the owners how it ended. Holds the status only; PostgreSQL holds the request. Ends once decided.
 */
export async function budgetApprovalWorkflow(subject: BudgetApprovalSubject): Promise<BudgetApprovalStatus | 'MISSING'> {
  let state = null as BudgetApprovalState | null;
  const serialized = createSerializer();
  const mail = createMailSender();
  const apply = (next: BudgetApprovalState) => {
    state = next;
    // An admin finds the requests waiting (CrmBudgetApprovalStatus = "PENDING") in the Temporal UI.
    upsertChangedSearchAttributes([{ key: budgetApprovalStatusKey, value: next.status }]);
    return next;
  };
  const refuseUnlessPending = (action: string) => (_input?: object) => {
    if (state && state.status !== 'PENDING') throw refusal(`The request is ${state.status}: it cannot be ${action}`);
  };
  setHandler(
    decideBudgetApprovalUpdate,
    (input) => serialized(async () => apply(await approvals.decideBudgetApproval({ subject, ...input }))),
    { validator: ({ decision }) => refuseUnlessPending(decision === 'APPROVED' ? 'approved' : 'rejected')() },
  );
  setHandler(cancelBudgetApprovalUpdate, (input) => serialized(async () => apply(await approvals.cancelBudgetApproval({ subject, ...input }))), {
    validator: refuseUnlessPending('cancelled'),
  });
  setHandler(budgetApprovalProgressQuery, () => state ?? { status: 'PENDING', remindAt: null });

  try {
    const initial = await budgetApprovalState(subject);
    // An update may have decided it while the state was read.
    if (!state) apply(initial);
  } catch {
    return 'MISSING';
  }
  const notify = async (kind: 'request' | 'reminder' | 'outcome') => mail.send((await approvals.notifyBudgetApprovalPeople({ subject, kind })).emailIds);
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
