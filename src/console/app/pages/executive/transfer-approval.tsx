import type { BudgetTransferApprovalItem } from '../../../../approvals/approvals.schemas';
import { href } from '../../router';
import { money } from '../marketer/budgets/budget-model';
import { sideLabel, transferTitle } from '../marketer/budgets/transfer-model';

// A budget transfer in the approvals inbox: its title, heading and facts.

export const transferItemTitle = (item: BudgetTransferApprovalItem) => transferTitle(item.amount, item.currency, item.from.name, item.to.name);

export function TransferHeading({ item }: { item: BudgetTransferApprovalItem }) {
  return (
    <>
      {money(item.amount, item.currency)} from <a href={href(`/budgets/${item.from.id}`)}>{item.from.name}</a> to <a href={href(`/budgets/${item.to.id}`)}>{item.to.name}</a>
    </>
  );
}

/** The facts after "Asked by" and "Waiting since": why, which sides this approval covers, and who else may still answer. */
export function TransferFacts({ item }: { item: BudgetTransferApprovalItem }) {
  const sides = item.yourSides.map((side) => sideLabel(side, item[side].name)).join(' and ');
  // "On behalf" (scope=all) is said by the card for every kind; the sides are then every waiting one.
  return (
    <>
      <dt>Reason</dt>
      <dd>{item.reason}</dd>
      <dt>Your approval covers</dt>
      <dd>{sides.charAt(0).toUpperCase() + sides.slice(1)}</dd>
      <dt>Approvers still asked</dt>
      <dd>{item.waitingOn.map((person) => person.name).join(', ') || 'None active'}</dd>
    </>
  );
}
