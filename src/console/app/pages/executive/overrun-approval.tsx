import type { BudgetOverrunApprovalItem } from '../../../../approvals/approvals.schemas';
import type { BudgetOverrunView } from '../../../../budgets/budget-overruns.schemas';
import { post } from '../../api';
import { href } from '../../router';
import { money } from '../marketer/budgets/budget-model';

// A campaign or event planned over its funding, in the approvals inbox: its title, heading and facts.

const workPath = (work: BudgetOverrunApprovalItem['work']) => `/${work.kind === 'campaign' ? 'campaigns' : 'events'}/${work.id}`;

export const overrunItemTitle = (item: BudgetOverrunApprovalItem) => `${item.work.kind} "${item.work.name}", ${money(item.over, item.currency)} over its funding`;

export function OverrunHeading({ item }: { item: BudgetOverrunApprovalItem }) {
  return (
    <>
      <a href={href(workPath(item.work))}>{item.work.name}</a>: {money(item.over, item.currency)} over its funding
    </>
  );
}

export function OverrunFacts({ item }: { item: BudgetOverrunApprovalItem }) {
  return (
    <>
      <dt>Reason</dt>
      <dd>{item.reason}</dd>
      <dt>Planned cost</dt>
      <dd>{money(item.planned, item.currency)}</dd>
      <dt>Funded by</dt>
      <dd>
        <a href={href(`/budgets/${item.budget.id}`)}>{item.budget.name}</a> with {money(item.allocated, item.currency)}
      </dd>
      <dt>Approvers</dt>
      <dd>{item.waitingOn.map((person) => person.name).join(', ') || 'None active'}</dd>
    </>
  );
}

export async function decideOverrun(id: string, decision: 'approve' | 'reject', text: string | undefined): Promise<string> {
  const overrun = await post<BudgetOverrunView>(`/budget-overruns/${id}/${decision}`, decision === 'approve' ? (text ? { comment: text } : {}) : { reason: text });
  return overrun.status === 'APPROVED' ? `it may be scheduled now, up to ${money(overrun.planned, overrun.currency)}.` : 'who asked is told why.';
}
