import { useState } from 'preact/hooks';
import type { PlanSummary } from '../../../../plans/plans.schemas';
import { StatusBadge } from '../../components/badge';
import { Field } from '../../components/field';
import { LoadMore } from '../../components/load-more';
import { Empty, ErrorNotice, Loading } from '../../components/notices';
import { StatusOptions } from '../../components/status-options';
import { formatDate, formatMoney } from '../../format';
import { href } from '../../router';
import { usePagedList } from '../../use-paged-list';
import { useUsers } from '../../use-users';
import './executive.css';
import { t } from '../../i18n/i18n';

const statuses = ['DRAFT', 'SUBMITTED', 'APPROVED', 'REJECTED', 'EXPIRED'] as const;

export function PlansPage() {
  const [status, setStatus] = useState('');
  const [active, setActive] = useState(false);
  const [topLevel, setTopLevel] = useState(true);
  const list = usePagedList<PlanSummary>('/plans', { status: status || undefined, active: active ? 'true' : undefined, parentId: topLevel ? 'none' : undefined });
  const { first, items: plans } = list;
  const { nameOf } = useUsers();

  return (
    <section>
      <div class="page-head">
        <h1>{t('Business plans')}</h1>
        <a class="button-link" href={href('/plans/new')}>
          {t('New plan')}</a>
      </div>
      <form class="card filters" aria-label={t('Filter plans')} onSubmit={(event) => event.preventDefault()}>
        <Field label={t('Status')}>
          {(props) => (
            <select {...props} value={status} onChange={(event) => setStatus(event.currentTarget.value)}>
              <StatusOptions statuses={statuses} />
            </select>
          )}
        </Field>
        <label class="checkbox">
          <input type="checkbox" checked={active} onChange={(event) => setActive(event.currentTarget.checked)} />{' '}{t('Active only (approved, period not over)')}</label>
        <label class="checkbox">
          <input type="checkbox" checked={topLevel} onChange={(event) => setTopLevel(event.currentTarget.checked)} />{' '}{t('Top-level plans only (hide quarters)')}</label>
      </form>
      <ErrorNotice error={first.error} title={t('The plans could not be loaded')} />
      {first.loading && !first.data && <Loading label={t('Loading plans…')} />}
      {first.data && plans.length === 0 && <Empty>{t('No plan matches these filters.')}</Empty>}
      {plans.length > 0 && (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">{t('Business plans, newest first')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('Plan')}</th>
                <th scope="col">{t('Status')}</th>
                <th scope="col">{t('Period')}</th>
                <th scope="col" class="number">
                  {t('Revenue target')}</th>
                <th scope="col">{t('Author')}</th>
              </tr>
            </thead>
            <tbody>
              {plans.map((plan) => (
                <tr key={plan.id}>
                  <td>
                    <a href={href(`/plans/${plan.id}`)}>{plan.name}</a>
                  </td>
                  <td>
                    <StatusBadge status={plan.status} />
                  </td>
                  <td>
                    {formatDate(plan.periodStart)} – {formatDate(plan.periodEnd)}
                  </td>
                  <td class="number">{formatMoney(plan.revenueTarget, plan.currency)}</td>
                  <td>{nameOf(plan.authorId) ?? t('Unknown user')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <LoadMore list={list} label={t('Show more plans')} errorTitle={t('More plans could not be loaded')} />
    </section>
  );
}
