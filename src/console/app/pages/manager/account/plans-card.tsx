import { StatusBadge } from '../../../components/badge';
import { Empty } from '../../../components/notices';
import { formatDate, formatMoney, formatNumber, humanize } from '../../../format';
import type { AccountPage } from './account-types';
import { t } from '../../../i18n/i18n';

/** What the account is part of: the plans applied to it, their objectives (with this account's progress) and its opportunities. */
export function PlansCard({ page }: { page: AccountPage }) {
  const { plans, objectives, opportunities } = page;
  return (
    <section class="card" aria-labelledby="plans-heading">
      <h2 id="plans-heading">{t('Plans, objectives and opportunities')}</h2>
      <h3>{t('Plans ({length})', { length: plans.length })}</h3>
      {plans.length === 0 ? (
        <Empty>{t('No plan applied to this account.')}</Empty>
      ) : (
        <ul class="plain-list">
          {plans.map((plan) => (
            <li key={plan.id}>
              <strong>{plan.name}</strong> <StatusBadge status={plan.status} />
              <div class="muted">
                {t('{periodStart} – {periodEnd}, applied {appliedAt}', { periodStart: formatDate(plan.periodStart), periodEnd: formatDate(plan.periodEnd), appliedAt: formatDate(plan.appliedAt) })}
              </div>
            </li>
          ))}
        </ul>
      )}
      <h3>{t('Objectives ({length})', { length: objectives.length })}</h3>
      {objectives.length === 0 ? (
        <Empty>{t('No objective applies to this account.')}</Empty>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('Objective')}</th>
                <th scope="col">{t('Plan')}</th>
                <th scope="col" class="number">{t('Done here')}</th>
                <th scope="col" class="number">{t('Target')}</th>
              </tr>
            </thead>
            <tbody>
              {objectives.map((objective) => (
                <tr key={objective.id}>
                  <td>
                    {objective.name}
                    {objective.appliesToAll && <span class="muted">{' '}{t('(all accounts)')}</span>}
                  </td>
                  <td>
                    {objective.planName} <StatusBadge status={objective.planStatus} />
                  </td>
                  <td class="number">{formatNumber(objective.done)}</td>
                  <td class="number">
                    {formatNumber(objective.target)} {objective.unit}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h3>{t('Opportunities ({length})', { length: opportunities.length })}</h3>
      {opportunities.length === 0 ? (
        <Empty>{t('No opportunity yet.')}</Empty>
      ) : (
        <ul class="plain-list">
          {opportunities.map((opportunity) => (
            <li key={opportunity.id}>
              <strong>{opportunity.name}</strong> <span class="badge">{humanize(opportunity.stage)}</span>
              <div class="muted">
                {formatMoney(opportunity.amount, opportunity.currency)}
                {opportunity.expectedCloseDate && t(', expected to close {expectedCloseDate}', { expectedCloseDate: formatDate(opportunity.expectedCloseDate) })}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
