import type { ChartConfiguration } from 'chart.js';
import type { FunnelReport } from '../../../../../reports/funnel.schemas';
import type { PageProps } from '../../../page-route';
import { ChartView } from '../../../components/chart';
import { ErrorNotice, Loading } from '../../../components/notices';
import { formatNumber, formatPercent, humanize } from '../../../format';
import { withQuery } from '../../../api';
import { navigate } from '../../../router';
import { useApi } from '../../../use-api';
import { chartColors } from '../../../components/chart-colors';
import { CampaignReturnLinks } from './campaign-return-links';
import { CsvDownloadButton } from './download-csv';
import { filterNames, FunnelFilters, type FunnelFilterValues } from './funnel-filters';
import { formatDuration } from './format-duration';
import './reports.css';
import { t, tp } from '../../../i18n/i18n';

/** The Reports page: the funnel by status with the filters the API takes (kept in the address, #/reports?segment=retail), and the way into each campaign’s return. */
export function ReportsPage({ query }: PageProps) {
  const filters: FunnelFilterValues = Object.fromEntries(filterNames.flatMap((name) => (query.get(name) ? [[name, query.get(name)!]] : [])));
  const { data: funnel, error, loading } = useApi<FunnelReport>('/reports/funnel', { ...filters });
  return (
    <section class="report-page">
      <div class="page-head">
        <h1>{t('Reports')}</h1>
      </div>
      <h2>{t('The funnel')}</h2>
      <FunnelFilters values={filters} error={error} onApply={(values) => navigate(withQuery('/reports', { ...values }))} />
      <ErrorNotice error={error} title={t('The funnel could not be loaded')} />
      {loading && <Loading label={t('Counting accounts…')} />}
      {funnel && !error && <FunnelBody funnel={funnel} filters={filters} />}
      <CampaignReturnLinks />
    </section>
  );
}

function FunnelBody({ funnel, filters }: { funnel: FunnelReport; filters: FunnelFilterValues }) {
  const labels = funnel.steps.map((step) => humanize(step.status));
  const config: ChartConfiguration = {
    type: 'bar',
    data: {
      labels,
      datasets: [
        { label: t('Ever reached'), data: funnel.steps.map((step) => step.reached), backgroundColor: chartColors.blue },
        { label: t('In it now'), data: funnel.steps.map((step) => step.current), backgroundColor: chartColors.brown },
      ],
    },
    options: { scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
  };
  return (
    <section class="card" aria-labelledby="funnel-heading">
      <div class="page-head">
        <h3 id="funnel-heading">
          {tp(funnel.accounts, '{count} account by status', '{count} accounts by status', { count: formatNumber(funnel.accounts) })}</h3>
        <CsvDownloadButton path="/reports/funnel" query={{ ...filters }} filename="funnel.csv" label={t('Download the funnel as CSV')} />
      </div>
      <ChartView config={config} label={t('Accounts that ever reached each status and accounts in it now (the table below has the same figures)')} />
      <div class="table-wrap">
        <table>
          <caption class="muted">{t('Conversion is from the previous status of the main path; the median counts finished stays only')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('Status')}</th>
              <th scope="col" class="number">{t('In it now')}</th>
              <th scope="col" class="number">{t('Ever reached')}</th>
              <th scope="col" class="number">{t('Conversion')}</th>
              <th scope="col" class="number">{t('Median time in status')}</th>
              <th scope="col" class="number">{t('Finished stays')}</th>
            </tr>
          </thead>
          <tbody>
            {funnel.steps.map((step) => (
              <tr key={step.status}>
                <th scope="row">{humanize(step.status)}</th>
                <td class="number">{formatNumber(step.current)}</td>
                <td class="number">{formatNumber(step.reached)}</td>
                <td class="number">{formatPercent(step.conversion)}</td>
                <td class="number">{formatDuration(step.medianSecondsInStatus)}</td>
                <td class="number">{formatNumber(step.finishedStays)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
