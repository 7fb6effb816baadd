import type { BudgetOverrunApprovalItem } from '../../../../approvals/approvals.schemas';
import type { BudgetOverrunView } from '../../../../budgets/budget-overruns.schemas';
import { post } from '../../api';
import { href } from '../../router';
import { money } from '../marketer/budgets/budget-model';
import { t } from '../../i18n/i18n';

// A campaign or event planned over its funding, in the approvals inbox: its title, heading and facts.

const workPath = (work: BudgetOverrunApprovalItem['work']) => `/${work.kind === 'campaign' ? 'campaigns' : 'events'}/${work.id}`;

export const overrunItemTitle = (item: BudgetOverrunApprovalItem) => t('{kind} "{name}", {over} over its funding', { kind: item.work.kind, name: item.work.name, over: money(item.over, item.currency) });

export function OverrunHeading({ item }: { item: BudgetOverrunApprovalItem }) {
  return (
    <>
      <a href={href(workPath(item.work))}>{item.work.name}</a>{t(': {over} over its funding', { over: money(item.over, item.currency) })}</>
  );
}

export function OverrunFacts({ item }: { item: BudgetOverrunApprovalItem }) {
  return (
    <>
      <dt>{t('Reason')}</dt>
      <dd>{item.reason}</dd>
      <dt>{t('Planned cost')}</dt>
      <dd>{money(item.planned, item.currency)}</dd>
      <dt>{t('Funded by')}</dt>
      <dd>
        <a href={href(`/budgets/${item.budget.id}`)}>{item.budget.name}</a>{' '}{t('with {allocated}', { allocated: money(item.allocated, item.currency) })}
      </dd>
      <dt>{t('Approvers')}</dt>
      <dd>{item.waitingOn.map((person) => person.name).join(', ') || t('None active')}</dd>
    </>
  );
}

export async function decideOverrun(id: string, decision: 'approve' | 'reject', text: string | undefined): Promise<string> {
  const overrun = await post<BudgetOverrunView>(`/budget-overruns/${id}/${decision}`, decision === 'approve' ? (text ? { comment: text } : {}) : { reason: text });
  return overrun.status === 'APPROVED' ? t('it may be scheduled now, up to {planned}.', { planned: money(overrun.planned, overrun.currency) }) : t('who asked is told why.');
}
