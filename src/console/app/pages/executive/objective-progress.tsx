import type { ObjectiveProgress } from '../../../../plan-progress/progress.schemas';
import { ChartView } from '../../components/chart';
import { Progress } from '../../components/progress';
import { Empty, ErrorNotice, Loading } from '../../components/notices';
import { formatNumber, formatPercent } from '../../format';
import { useApi } from '../../use-api';
import { useReloadOn } from './use-reload-on';
import { chartColors } from '../../components/chart-colors';
import { t, tp } from '../../i18n/i18n';
import { ProductFiguresTable } from '../products/product-figures-table';

const SHOWN_ACCOUNTS = 10;

/** One objective: its total against the target, and the accounts that did most, as a chart and a table. */
export function ObjectiveProgressView({ objectiveId, version }: { objectiveId: string; version: number }) {
  const progress = useApi<ObjectiveProgress>(`/objectives/${objectiveId}/progress`, { limit: SHOWN_ACCOUNTS });
  useReloadOn(version, progress.reload);
  const data = progress.data;
  const headingId = `objective-${objectiveId}`;
  return (
    <article class="objective" aria-labelledby={headingId}>
      {data ? (
        <>
          <h3 id={headingId}>{data.name}</h3>
          <p class="muted">
            {t('{kind} · target {target} {unit} ·', { kind: data.kind, target: formatNumber(data.target), unit: data.unit })}{' '}{data.appliesToAll ? t('applies to all accounts') : tp(data.accountCount, 'applied to {count} account', 'applied to {count} accounts', { count: formatNumber(data.accountCount) })}
          </p>
          <Progress label={t('{name}: done', { name: data.name })} done={data.done} total={data.target} />
          {data.perAccount.length === 0 ? (
            <Empty>{t('No account yet: apply the objective to accounts to follow them here.')}</Empty>
          ) : (
            <>
              <ChartView
                label={t('{name}: done per account, top {length}; the same figures are in the table below', { name: data.name, length: data.perAccount.length })}
                height={Math.max(140, data.perAccount.length * 32)}
                config={{
                  type: 'bar',
                  data: { labels: data.perAccount.map((row) => row.accountName), datasets: [{ label: t('Done'), data: data.perAccount.map((row) => row.done), backgroundColor: chartColors.blue }] },
                  options: { indexAxis: 'y', scales: { x: { beginAtZero: true, ticks: { precision: 0 } } } },
                }}
              />
              <div class="table-wrap">
                <table>
                  <caption class="visually-hidden">{t('{name}: done per account', { name: data.name })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('Account')}</th>
                      <th scope="col" class="number">{t('Done')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.perAccount.map((row) => (
                      <tr key={row.accountId}>
                        <th scope="row">{row.accountName}</th>
                        <td class="number">{formatNumber(row.done)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <p class="muted">
                {t('Total {done} of {target} ({ratio}).', { done: formatNumber(data.done), target: formatNumber(data.target), ratio: formatPercent(data.ratio) })}</p>
            </>
          )}
          {data.perProduct.length > 0 && (
            <>
              <h4>{t('Per product')}</h4>
              <ProductFiguresTable rows={data.perProduct} caption={t('{name}: per product', { name: data.name })} empty={t('No product sold yet.')} />
            </>
          )}
        </>
      ) : progress.error ? (
        <ErrorNotice error={progress.error} title={t('This objective\'s progress could not be loaded')} />
      ) : (
        <Loading label={t('Loading the objective\'s progress…')} />
      )}
    </article>
  );
}
