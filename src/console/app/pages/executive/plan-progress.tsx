import type { PlanReport } from '../../../../plan-progress/progress.schemas';
import { ChartView } from '../../components/chart';
import { ErrorNotice, Loading } from '../../components/notices';
import { formatDate, formatMoney, formatNumber, formatPercent } from '../../format';
import { href } from '../../router';
import { StatusBadge } from '../../components/badge';
import type { Loaded } from '../../use-api';
import { chartColors } from '../../components/chart-colors';
import { t } from '../../i18n/i18n';
import { ProductFiguresTable } from '../products/product-figures-table';

type Row = Pick<PlanReport, 'id' | 'name' | 'revenueTarget' | 'currency' | 'revenue' | 'ratio' | 'accountsApplied'>;

/** Won and pipeline revenue against the target, for the plan and each of its quarters. */
function RevenueChart({ rows, currency }: { rows: Row[]; currency: string | null }) {
  return (
    <ChartView
      label={t('Revenue against target{value}, for the plan and its quarters; the same figures are in the table below', { value: currency ? ` in ${currency}` : '' })}
      config={{
        type: 'bar',
        data: {
          labels: rows.map((row) => row.name),
          datasets: [
            { label: t('Won'), data: rows.map((row) => row.revenue?.won ?? 0), backgroundColor: chartColors.green },
            { label: t('Pipeline'), data: rows.map((row) => row.revenue?.pipeline ?? 0), backgroundColor: chartColors.blue },
            { label: t('Target'), data: rows.map((row) => row.revenueTarget ?? 0), backgroundColor: chartColors.grey },
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
      label={t('Objectives: done against target; the same figures are in the table below')}
      height={Math.max(160, objectives.length * 56)}
      config={{
        type: 'bar',
        data: {
          labels: objectives.map((objective) => objective.name),
          datasets: [
            { label: t('Done'), data: objectives.map((objective) => objective.done), backgroundColor: chartColors.blue },
            { label: t('Target'), data: objectives.map((objective) => objective.target), backgroundColor: chartColors.grey },
          ],
        },
        options: { indexAxis: 'y', scales: { x: { beginAtZero: true } } },
      }}
    />
  );
}

export function PlanProgress({ report }: { report: Loaded<PlanReport> }) {
  const data = report.data;
  if (report.error) return <ErrorNotice error={report.error} title={t('The progress could not be loaded')} />;
  if (!data) return <Loading label={t('Loading progress…')} />;
  const rows: (Row & { child?: PlanReport['children'][number] })[] = [data, ...data.children.map((child) => ({ ...child, child }))];
  return (
    <>
      <h3>{t('Revenue')}</h3>
      <RevenueChart rows={rows} currency={data.currency} />
      <div class="table-wrap">
        <table>
          <caption class="visually-hidden">{t('Revenue of the plan and its quarters')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('Plan')}</th>
              <th scope="col" class="number">{t('Target')}</th>
              <th scope="col" class="number">{t('Won')}</th>
              <th scope="col" class="number">{t('Pipeline')}</th>
              <th scope="col" class="number">{t('Won / target')}</th>
              <th scope="col" class="number">{t('Accounts')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id}>
                <th scope="row">{row.child ? <a href={href(`/plans/${row.id}`)}>{row.name}</a> : t('{name} (whole plan)', { name: row.name })}</th>
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
          {t('Also linked, in other currencies (not converted): {value}', { value: data.revenueInOtherCurrencies.map((revenue) => `${formatMoney(revenue.won, revenue.currency)} won, ${formatMoney(revenue.pipeline, revenue.currency)} pipeline`).join('; ') })}
        </p>
      )}
      {data.objectives.length > 0 && (
        <>
          <h3>{t('Objectives')}</h3>
          <ObjectivesChart objectives={data.objectives} />
          <div class="table-wrap">
            <table>
              <caption class="visually-hidden">{t('Objectives: done against target')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('Objective')}</th>
                  <th scope="col" class="number">{t('Done')}</th>
                  <th scope="col" class="number">{t('Target')}</th>
                  <th scope="col" class="number">{t('Progress')}</th>
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
      {data.perProduct.length > 0 && (
        <>
          <h3>{t('Per product')}</h3>
          <ProductFiguresTable rows={data.perProduct} caption={t('The plan per product')} empty={t('No product sold yet.')} />
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
        <caption class="visually-hidden">{t('Child plans')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('Plan')}</th>
            <th scope="col">{t('Status')}</th>
            <th scope="col">{t('Period')}</th>
            <th scope="col" class="number">{t('Revenue target')}</th>
            <th scope="col" class="number">{t('Objectives')}</th>
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
