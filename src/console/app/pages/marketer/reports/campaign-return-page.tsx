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

/** A campaign's return per sub-source: what each publication or web site brought for what it cost. */
export function CampaignReturnPage({ params }: PageProps) {
  const reportPath = `/reports/campaigns/${encodeURIComponent(params.id ?? '')}`;
  const { data: report, error, loading, reload } = useApi<Report>(reportPath);
  return (
    <section class="report-page">
      <p>
        <a href={href(`/campaigns/${params.id}`)}>← Back to the campaign</a>
      </p>
      <div class="page-head">
        <h1>Campaign return{report ? `: ${report.name}` : ''}</h1>
        {report && (
          <div class="actions">
            <button type="button" onClick={() => void reload()} disabled={loading}>
              {loading ? 'Refreshing…' : 'Refresh'}
            </button>
            <CsvDownloadButton path={reportPath} filename={`campaign-return-${params.id}.csv`} />
          </div>
        )}
      </div>
      <ErrorNotice error={error} title="The report could not be loaded" />
      {loading && !report && <Loading label="Loading the report…" />}
      {report && <ReportBody report={report} />}
    </section>
  );
}

function ReportBody({ report }: { report: Report }) {
  const money = moneyCells(report.total, report.currency);
  return (
    <>
      <div class="report-figures">
        <Figure label="Responses" value={formatNumber(report.total.responses)} />
        <Figure label="Contracts" value={formatNumber(report.total.contracts)} />
        <Figure label="Revenue" value={money.revenue} />
        <Figure label="Cost" value={money.cost} />
        <Figure label="Return on spend" value={money.returnOnSpend} />
      </div>
      {report.otherCurrencyDeals > 0 && (
        <p class="notice notice-warning">
          {formatNumber(report.otherCurrencyDeals)} linked deal(s) in another currency than {report.currency ?? 'the report’s'} are left out of the amounts (never converted).
        </p>
      )}
      <LiftPanel lift={report.lift} currency={report.currency} />
      {report.enrollments && (
        <section class="card" aria-labelledby="enrollments-heading">
          <h2 id="enrollments-heading">By enrollment</h2>
          {report.enrollments.items.length === 0 ? <Empty>No enrollment yet: the first one runs at the next scheduled time.</Empty> : <EnrollmentReturnTable enrollments={report.enrollments} />}
        </section>
      )}
      {report.sources.length === 0 ? (
        <Empty>This campaign has no sub-sources yet: responses are recorded against a sub-source code, so there is nothing to report.</Empty>
      ) : (
        <>
          <section class="card" aria-labelledby="by-source-heading">
            <h2 id="by-source-heading">By sub-source</h2>
            <ResponsesChart report={report} />
            <SourceReturnTable report={report} />
          </section>
          {(report.total.cost !== null || report.total.revenue > 0) && (
            <section class="card" aria-labelledby="cost-heading">
              <h2 id="cost-heading">Cost and revenue</h2>
              <CostRevenueChart report={report} />
            </section>
          )}
          <section class="card" aria-labelledby="statuses-heading">
            <h2 id="statuses-heading">How far responding accounts got</h2>
            <StatusesReachedTable report={report} />
          </section>
          {report.campaigns.length > 1 && (
            <section class="card" aria-labelledby="campaigns-heading">
              <h2 id="campaigns-heading">By campaign</h2>
              <CampaignReturnTable report={report} />
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
