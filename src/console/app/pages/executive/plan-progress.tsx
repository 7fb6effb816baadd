import type { PlanReport } from '../../../../plan-progress/progress.schemas';
import { ChartView } from '../../components/chart';
import { ErrorNotice, Loading } from '../../components/notices';
import { formatDate, formatMoney, formatNumber, formatPercent } from '../../format';
import { href } from '../../router';
import { StatusBadge } from '../../components/badge';
import type { Loaded } from '../../use-api';
import { chartColors } from '../../components/chart-colors';

type Row = Pick<PlanReport, 'id' | 'name' | 'revenueTarget' | 'currency' | 'revenue' | 'ratio' | 'accountsApplied'>;

/** Won and pipeline revenue against the target, for the plan and each of its quarters. */
function RevenueChart({ rows, currency }: { rows: Row[]; currency: string | null }) {
  return (
    <ChartView
      label={`Revenue against target${currency ? ` in ${currency}` : ''}, for the plan and its quarters; the same figures are in the table below`}
      config={{
        type: 'bar',
        data: {
          labels: rows.map((row) => row.name),
          datasets: [
            { label: 'Won', data: rows.map((row) => row.revenue?.won ?? 0), backgroundColor: chartColors.green },
            { label: 'Pipeline', data: rows.map((row) => row.revenue?.pipeline ?? 0), backgroundColor: chartColors.blue },
            { label: 'Target', data: rows.map((row) => row.revenueTarget ?? 0), backgroundColor: chartColors.grey },
          ],
        },
        options: { scales: { y: { beginAtZero: true } } },
      }}
    />
  );
}

/** Objectives: activities done against each target. */
function ObjectivesChart({ objectives }: { objectives: PlanReport['objectives'] }) {
  return (
    <ChartView
      label="Objectives: done against target; the same figures are in the table below"
      height={Math.max(160, objectives.length * 56)}
      config={{
        type: 'bar',
        data: {
          labels: objectives.map((objective) => objective.name),
          datasets: [
            { label: 'Done', data: objectives.map((objective) => objective.done), backgroundColor: chartColors.blue },
            { label: 'Target', data: objectives.map((objective) => objective.target), backgroundColor: chartColors.grey },
          ],
        },
        options: { indexAxis: 'y', scales: { x: { beginAtZero: true } } },
      }}
    />
  );
}

export function PlanProgress({ report }: { report: Loaded<PlanReport> }) {
  const data = report.data;
  if (report.error) return <ErrorNotice error={report.error} title="The progress could not be loaded" />;
  if (!data) return <Loading label="Loading progress…" />;
  const rows: (Row & { child?: PlanReport['children'][number] })[] = [data, ...data.children.map((child) => ({ ...child, child }))];
  return (
    <>
      <h3>Revenue</h3>
      <RevenueChart rows={rows} currency={data.currency} />
      <div class="table-wrap">
        <table>
          <caption class="visually-hidden">Revenue of the plan and its quarters</caption>
          <thead>
            <tr>
              <th scope="col">Plan</th>
              <th scope="col" class="number">Target</th>
              <th scope="col" class="number">Won</th>
              <th scope="col" class="number">Pipeline</th>
              <th scope="col" class="number">Won / target</th>
              <th scope="col" class="number">Accounts</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id}>
                <th scope="row">{row.child ? <a href={href(`/plans/${row.id}`)}>{row.name}</a> : `${row.name} (whole plan)`}</th>
                <td class="number">{formatMoney(row.revenueTarget, row.currency)}</td>
                <td class="number">{formatMoney(row.revenue?.won ?? null, row.currency)}</td>
                <td class="number">{formatMoney(row.revenue?.pipeline ?? null, row.currency)}</td>
                <td class="number">{formatPercent(row.ratio)}</td>
                <td class="number">{formatNumber(row.accountsApplied)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {data.revenueInOtherCurrencies.length > 0 && (
        <p class="muted">
          Also linked, in other currencies (not converted):{' '}
          {data.revenueInOtherCurrencies.map((revenue) => `${formatMoney(revenue.won, revenue.currency)} won, ${formatMoney(revenue.pipeline, revenue.currency)} pipeline`).join('; ')}
        </p>
      )}
      {data.objectives.length > 0 && (
        <>
          <h3>Objectives</h3>
          <ObjectivesChart objectives={data.objectives} />
          <div class="table-wrap">
            <table>
              <caption class="visually-hidden">Objectives: done against target</caption>
              <thead>
                <tr>
                  <th scope="col">Objective</th>
                  <th scope="col" class="number">Done</th>
                  <th scope="col" class="number">Target</th>
                  <th scope="col" class="number">Progress</th>
                </tr>
              </thead>
              <tbody>
                {data.objectives.map((objective) => (
                  <tr key={objective.id}>
                    <th scope="row">{objective.name}</th>
                    <td class="number">{formatNumber(objective.done)}</td>
                    <td class="number">
                      {formatNumber(objective.target)} {objective.unit}
                    </td>
                    <td class="number">{formatPercent(objective.ratio)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </>
  );
}

/** The quarterly (or other) child plans with their status and period. */
export function ChildPlans({ children }: { children: PlanReport['children'] }) {
  return (
    <div class="table-wrap">
      <table>
        <caption class="visually-hidden">Child plans</caption>
        <thead>
          <tr>
            <th scope="col">Plan</th>
            <th scope="col">Status</th>
            <th scope="col">Period</th>
            <th scope="col" class="number">Revenue target</th>
            <th scope="col" class="number">Objectives</th>
          </tr>
        </thead>
        <tbody>
          {children.map((child) => (
            <tr key={child.id}>
              <th scope="row">
                <a href={href(`/plans/${child.id}`)}>{child.name}</a>
              </th>
              <td>
                <StatusBadge status={child.status} />
              </td>
              <td>
                {formatDate(child.periodStart)} – {formatDate(child.periodEnd)}
              </td>
              <td class="number">{formatMoney(child.revenueTarget, child.currency)}</td>
              <td class="number">{formatNumber(child.objectiveCount)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
