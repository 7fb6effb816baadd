import { useEffect, useState } from 'preact/hooks';
import type { PlanPage, PlanSummary } from '../../../../plans/plans.schemas';
import { get } from '../../api';
import { StatusBadge } from '../../components/badge';
import { Field } from '../../components/field';
import { Empty, ErrorNotice, Loading } from '../../components/notices';
import { formatDate, formatMoney, humanize } from '../../format';
import { href } from '../../router';
import { useAction, useApi } from '../../use-api';
import { useUsers } from './use-users';
import './executive.css';

const statuses = ['DRAFT', 'SUBMITTED', 'APPROVED', 'REJECTED', 'EXPIRED'] as const;

export function PlansPage() {
  const [status, setStatus] = useState('');
  const [active, setActive] = useState(false);
  const [topLevel, setTopLevel] = useState(true);
  const query = { status: status || undefined, active: active ? 'true' : undefined, parentId: topLevel ? 'none' : undefined };
  const first = useApi<PlanPage>('/plans', query);
  const [more, setMore] = useState<{ items: PlanSummary[]; nextCursor: string | null } | undefined>();
  const { nameOf } = useUsers();
  useEffect(() => setMore(undefined), [status, active, topLevel]);
  const loadMore = useAction(async (cursor: string) => {
    const page = await get<PlanPage>('/plans', { ...query, cursor });
    setMore((earlier) => ({ items: [...(earlier?.items ?? []), ...page.items], nextCursor: page.nextCursor }));
  });
  const plans = [...(first.data?.items ?? []), ...(more?.items ?? [])];
  const nextCursor = more ? more.nextCursor : first.data?.nextCursor;

  return (
    <section>
      <div class="page-head">
        <h1>Business plans</h1>
        <a class="button-link" href={href('/plans/new')}>
          New plan
        </a>
      </div>
      <form class="card filters" aria-label="Filter plans" onSubmit={(event) => event.preventDefault()}>
        <Field label="Status">
          {(props) => (
            <select {...props} value={status} onChange={(event) => setStatus(event.currentTarget.value)}>
              <option value="">Any status</option>
              {statuses.map((code) => (
                <option key={code} value={code}>
                  {humanize(code)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <label class="checkbox">
          <input type="checkbox" checked={active} onChange={(event) => setActive(event.currentTarget.checked)} /> Active only (approved, period not over)
        </label>
        <label class="checkbox">
          <input type="checkbox" checked={topLevel} onChange={(event) => setTopLevel(event.currentTarget.checked)} /> Top-level plans only (hide quarters)
        </label>
      </form>
      <ErrorNotice error={first.error} title="The plans could not be loaded" />
      {first.loading && !first.data && <Loading label="Loading plans…" />}
      {first.data && plans.length === 0 && <Empty>No plan matches these filters.</Empty>}
      {plans.length > 0 && (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">Business plans, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Plan</th>
                <th scope="col">Status</th>
                <th scope="col">Period</th>
                <th scope="col" class="number">
                  Revenue target
                </th>
                <th scope="col">Author</th>
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
                  <td>{nameOf(plan.authorId)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ErrorNotice error={loadMore.error} title="More plans could not be loaded" />
      {nextCursor && (
        <p>
          <button type="button" disabled={loadMore.busy} onClick={() => void loadMore.run(nextCursor)}>
            {loadMore.busy ? 'Loading…' : 'Show more plans'}
          </button>
        </p>
      )}
    </section>
  );
}
