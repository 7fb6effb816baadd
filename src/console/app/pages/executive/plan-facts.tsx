import type { PlanView } from '../../../../plans/plans.schemas';
import { formatDate, formatDateTime, formatMoney, formatNumber } from '../../format';
import { href } from '../../router';
import { t } from '../../i18n/i18n';

export function PlanFacts({ plan, nameOf }: { plan: PlanView; nameOf(id: string | null): string | undefined }) {
  const name = (id: string | null) => nameOf(id) ?? (id ? t('Unknown user') : '—');
  return (
    <dl class="facts">
      <dt>{t('Period')}</dt>
      <dd>
        {t('{periodStart} to {periodEnd}', { periodStart: formatDate(plan.periodStart), periodEnd: formatDate(plan.periodEnd) })}
      </dd>
      {plan.parent && (
        <>
          <dt>{t('Part of')}</dt>
          <dd>
            <a href={href(`/plans/${plan.parent.id}`)}>{plan.parent.name}</a>
          </dd>
        </>
      )}
      <dt>{t('Revenue target')}</dt>
      <dd>{plan.revenueTarget === null ? t('None') : formatMoney(plan.revenueTarget, plan.currency)}</dd>
      <dt>{t('Goals')}</dt>
      <dd>{plan.goals.length ? plan.goals.join('; ') : t('None')}</dd>
      {plan.product && (
        <>
          <dt>{t('Product')}</dt>
          <dd>{plan.product}</dd>
        </>
      )}
      {plan.products.length > 0 && (
        <>
          <dt>{t('Products of the catalog')}</dt>
          <dd>{plan.products.map((product) => `${product.code} · ${product.name}`).join('; ')}</dd>
        </>
      )}
      <dt>{t('Author')}</dt>
      <dd>{name(plan.authorId)}</dd>
      <dt>{t('Approvers')}</dt>
      <dd>{plan.approverIds.map(name).join(', ')}</dd>
      {plan.submittedAt && (
        <>
          <dt>{t('Submitted')}</dt>
          <dd>{formatDateTime(plan.submittedAt)}</dd>
        </>
      )}
      {plan.decidedAt && (
        <>
          <dt>{t('Decided')}</dt>
          <dd>
            {t('{decidedAt} by {decidedById}', { decidedAt: formatDateTime(plan.decidedAt), decidedById: name(plan.decidedById) })}
          </dd>
        </>
      )}
      {plan.rejectionReason && (
        <>
          <dt>{t('Reason for rejection')}</dt>
          <dd>{plan.rejectionReason}</dd>
        </>
      )}
      <dt>{t('Accounts applied')}</dt>
      <dd>{formatNumber(plan.accountsApplied)}</dd>
    </dl>
  );
}
