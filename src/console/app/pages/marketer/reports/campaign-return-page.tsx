import type { PageProps } from '../../../page-route';
import { ErrorNotice, Empty, Loading } from '../../../components/notices';
import { formatNumber } from '../../../format';
import { href } from '../../../router';
import { useApi } from '../../../use-api';
import { CsvDownloadButton } from './download-csv';
import { EnrollmentReturnTable } from './enrollment-return-table';
import { LiftPanel } from './lift-panel';
import { CostRevenueChart, ResponsesChart } from './return-charts';
import { moneyCells, type Report } from './return-figures';
import { CampaignReturnTable, SourceReturnTable, StatusesReachedTable } from './return-table';
import './reports.css';
import { t } from '../../../i18n/i18n';
import { ProductFiguresTable } from '../../products/product-figures-table';

/** A campaign's return per sub-source: what each publication or web site brought for what it cost. */
export function CampaignReturnPage({ params }: PageProps) {
  const reportPath = `/reports/campaigns/${encodeURIComponent(params.id ?? '')}`;
  const { data: report, error, loading, reload } = useApi<Report>(reportPath);
  return (
    <section class="report-page">
      <p>
        <a href={href(`/campaigns/${params.id}`)}>{t('← Back to the campaign')}</a>
      </p>
      <div class="page-head">
        <h1>{t('Campaign return')}{report ? `: ${report.name}` : ''}</h1>
        {report && (
          <div class="actions">
            <button type="button" onClick={() => void reload()} disabled={loading}>
              {loading ? t('Refreshing…') : t('Refresh')}
            </button>
            <CsvDownloadButton path={reportPath} filename={`campaign-return-${params.id}.csv`} />
          </div>
        )}
      </div>
      <ErrorNotice error={error} title={t('The report could not be loaded')} />
      {loading && !report && <Loading label={t('Loading the report…')} />}
      {report && <ReportBody report={report} />}
    </section>
  );
}

function ReportBody({ report }: { report: Report }) {
  const money = moneyCells(report.total, report.currency);
  return (
    <>
      <div class="report-figures">
        <Figure label={t('Responses')} value={formatNumber(report.total.responses)} />
        <Figure label={t('Contracts')} value={formatNumber(report.total.contracts)} />
        <Figure label={t('Revenue')} value={money.revenue} />
        <Figure label={t('Cost')} value={money.cost} />
        <Figure label={t('Return on spend')} value={money.returnOnSpend} />
      </div>
      {report.otherCurrencyDeals > 0 && (
        <p class="notice notice-warning">
          {t('{otherCurrencyDeals} linked deal(s) in another currency than', { otherCurrencyDeals: formatNumber(report.otherCurrencyDeals) })}{' '}{report.currency ?? t('the report’s')}{' '}{t('are left out of the amounts (never converted).')}</p>
      )}
      <LiftPanel lift={report.lift} currency={report.currency} />
      {report.enrollments && (
        <section class="card" aria-labelledby="enrollments-heading">
          <h2 id="enrollments-heading">{t('By enrollment')}</h2>
          {report.enrollments.items.length === 0 ? <Empty>{t('No enrollment yet: the first one runs at the next scheduled time.')}</Empty> : <EnrollmentReturnTable enrollments={report.enrollments} />}
        </section>
      )}
      {report.sources.length === 0 ? (
        <Empty>{t('This campaign has no sub-sources yet: responses are recorded against a sub-source code, so there is nothing to report.')}</Empty>
      ) : (
        <>
          <section class="card" aria-labelledby="by-source-heading">
            <h2 id="by-source-heading">{t('By sub-source')}</h2>
            <ResponsesChart report={report} />
            <SourceReturnTable report={report} />
          </section>
          {(report.total.cost !== null || report.total.revenue > 0) && (
            <section class="card" aria-labelledby="cost-heading">
              <h2 id="cost-heading">{t('Cost and revenue')}</h2>
              <CostRevenueChart report={report} />
            </section>
          )}
          <section class="card" aria-labelledby="statuses-heading">
            <h2 id="statuses-heading">{t('How far responding accounts got')}</h2>
            <StatusesReachedTable report={report} />
          </section>
          {report.campaigns.length > 1 && (
            <section class="card" aria-labelledby="campaigns-heading">
              <h2 id="campaigns-heading">{t('By campaign')}</h2>
              <CampaignReturnTable report={report} />
            </section>
          )}
          {report.perProduct.length > 0 && (
            <section class="card" aria-labelledby="products-heading">
              <h2 id="products-heading">{t('By product')}</h2>
              <ProductFiguresTable rows={report.perProduct} caption={t('Return by product')} empty={t('No product sold yet.')} wonLabel={t('Revenue')} />
            </section>
          )}
        </>
      )}
    </>
  );
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div class="card">
      <div class="muted">{label}</div>
      <div class="figure">{value}</div>
    </div>
  );
}
