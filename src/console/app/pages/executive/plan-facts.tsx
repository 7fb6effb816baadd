import type { PlanView } from '../../../../plans/plans.schemas';
import { formatDate, formatDateTime, formatMoney, formatNumber } from '../../format';
import { href } from '../../router';

export function PlanFacts({ plan, nameOf }: { plan: PlanView; nameOf(id: string | null): string | undefined }) {
  const name = (id: string | null) => nameOf(id) ?? (id ? 'Unknown user' : '—');
  return (
    <dl class="facts">
      <dt>Period</dt>
      <dd>
        {formatDate(plan.periodStart)} to {formatDate(plan.periodEnd)}
      </dd>
      {plan.parent && (
        <>
          <dt>Part of</dt>
          <dd>
            <a href={href(`/plans/${plan.parent.id}`)}>{plan.parent.name}</a>
          </dd>
        </>
      )}
      <dt>Revenue target</dt>
      <dd>{plan.revenueTarget === null ? 'None' : formatMoney(plan.revenueTarget, plan.currency)}</dd>
      <dt>Goals</dt>
      <dd>{plan.goals.length ? plan.goals.join('; ') : 'None'}</dd>
      {plan.product && (
        <>
          <dt>Product</dt>
          <dd>{plan.product}</dd>
        </>
      )}
      <dt>Author</dt>
      <dd>{name(plan.authorId)}</dd>
      <dt>Approvers</dt>
      <dd>{plan.approverIds.map(name).join(', ')}</dd>
      {plan.submittedAt && (
        <>
          <dt>Submitted</dt>
          <dd>{formatDateTime(plan.submittedAt)}</dd>
        </>
      )}
      {plan.decidedAt && (
        <>
          <dt>Decided</dt>
          <dd>
            {formatDateTime(plan.decidedAt)} by {name(plan.decidedById)}
          </dd>
        </>
      )}
      {plan.rejectionReason && (
        <>
          <dt>Reason for rejection</dt>
          <dd>{plan.rejectionReason}</dd>
        </>
      )}
      <dt>Accounts applied</dt>
      <dd>{formatNumber(plan.accountsApplied)}</dd>
    </dl>
  );
}
