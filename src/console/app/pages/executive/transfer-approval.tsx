import type { BudgetTransferApprovalItem } from '../../../../approvals/approvals.schemas';
import { href } from '../../router';
import { money } from '../marketer/budgets/budget-model';
import { sideLabel, transferTitle } from '../marketer/budgets/transfer-model';
import { t } from '../../i18n/i18n';

// A budget transfer in the approvals inbox: its title, heading and facts.

export const transferItemTitle = (item: BudgetTransferApprovalItem) => transferTitle(item.amount, item.currency, item.from.name, item.to.name);

export function TransferHeading({ item }: { item: BudgetTransferApprovalItem }) {
  return (
    <>
      {t('{amount} from', { amount: money(item.amount, item.currency) })}{' '}<a href={href(`/budgets/${item.from.id}`)}>{item.from.name}</a>{' '}{t('to')}{' '}<a href={href(`/budgets/${item.to.id}`)}>{item.to.name}</a>
    </>
  );
}

/** The facts after "Asked by" and "Waiting since": why, which sides this approval covers, and who else may still answer. */
export function TransferFacts({ item }: { item: BudgetTransferApprovalItem }) {
  const sides = item.yourSides.map((side) => sideLabel(side, item[side].name)).join(' and ');
  // "On behalf" (scope=all) is said by the card for every kind; the sides are then every waiting one.
  return (
    <>
      <dt>{t('Reason')}</dt>
      <dd>{item.reason}</dd>
      <dt>{t('Your approval covers')}</dt>
      <dd>{sides.charAt(0).toUpperCase() + sides.slice(1)}</dd>
      <dt>{t('Approvers still asked')}</dt>
      <dd>{item.waitingOn.map((person) => person.name).join(', ') || t('None active')}</dd>
    </>
  );
}
