import { FigureCards } from '../../../components/figure-cards';
import { Empty, ErrorNotice, Loading } from '../../../components/notices';
import { formatDateTime, formatNumber, humanize } from '../../../format';
import { href } from '../../../router';
import type { PageProps } from '../../../page-route';
import { useApi } from '../../../use-api';
import '../reports/reports.css';
import { CsvDownloadButton } from '../reports/download-csv';
import { BySourceChart, FunnelChart, RegistrationsByDayChart } from './event-report-charts';
import type { EventReport } from './event-model';
import { measureValue } from './measure-model';
import { EventTabs } from './event-tabs';
import './events.css';
import { t } from '../../../i18n/i18n';

const money = (amount: string | null, currency: string | null) => (amount === null ? '—' : `${amount}${currency ? ` ${currency}` : ''}`);

/** /events/:id/report: the event's effect, as figures, charts (each with its table) and CSV. */
export function EventReportPage({ params }: PageProps) {
  const eventId = params.id!;
  const reportPath = `/events/${encodeURIComponent(eventId)}/report`;
  const { data: report, error, loading, reload } = useApi<EventReport>(reportPath);
  return (
    <section class="report-page">
      <div class="page-head">
        <h1>{t('Event report')}{report ? `: ${report.name}` : ''}</h1>
        {report && (
          <div class="actions">
            <button type="button" onClick={() => void reload()} disabled={loading}>
              {loading ? t('Refreshing…') : t('Refresh')}
            </button>
            <CsvDownloadButton path={reportPath} filename={`event-report-${eventId}.csv`} />
          </div>
        )}
      </div>
      <EventTabs eventId={eventId} />
      <ErrorNotice error={error} title={t('The report could not be loaded')} />
      {loading && !report && <Loading label={t('Loading the report…')} />}
      {report && <ReportBody report={report} />}
    </section>
  );
}

function ReportBody({ report }: { report: EventReport }) {
  const figures: [string, string][] = [
    [t('Invited'), formatNumber(report.invited)],
    [t('Registered'), formatNumber(report.registered)],
    [t('Waiting'), formatNumber(report.waiting)],
    [t('Cancelled'), formatNumber(report.cancelled)],
    [t('Attended'), formatNumber(report.attended)],
    [t('No-shows'), report.noShows === null ? t('after the end') : formatNumber(report.noShows)],
    [t('New accounts'), formatNumber(report.newAccounts)],
    [t('Contracts'), formatNumber(report.contracts)],
    [t('Revenue'), money(report.revenue, report.currency)],
    [t('Planned cost'), money(report.plannedCost, report.currency)],
    [t('Actual cost'), money(report.actualCost, report.currency)],
    [t('Cost per attendee'), money(report.costPerAttendee, report.currency)],
    [t('Cost per contract'), money(report.costPerContract, report.currency)],
  ];
  return (
    <>
      <FigureCards label={t('Event figures')} figures={figures} />
      <section class="card" aria-labelledby="funnel-heading">
        <h2 id="funnel-heading">{t('From invitation to attendance')}</h2>
        <FunnelChart report={report} />
      </section>
      <section class="card" aria-labelledby="by-day-heading">
        <h2 id="by-day-heading">{t('Registrations by day')}</h2>
        {report.registrationsByDay.length === 0 ? (
          <Empty>{t('No registration yet.')}</Empty>
        ) : (
          <>
            <RegistrationsByDayChart report={report} />
            <CountsTable
              caption={t('Registrations and cancellations per day, in the event’s time zone')}
              head={[t('Day'), t('Registered'), t('Cancelled')]}
              rows={report.registrationsByDay.map((day) => [day.date, day.registered, day.cancelled])}
            />
          </>
        )}
      </section>
      <section class="card" aria-labelledby="by-source-heading">
        <h2 id="by-source-heading">{t('By sub-source')}</h2>
        {report.bySource.length === 0 ? (
          <Empty>{t('No sub-sources.')}</Empty>
        ) : (
          <>
            <BySourceChart report={report} />
            <CountsTable
              caption={t('Registered, attended and new accounts per sub-source')}
              head={[t('Sub-source'), t('Registered'), t('Attended'), t('New accounts')]}
              rows={report.bySource.map((source) => [source.code ?? t('No code'), source.registered, source.attended, source.newAccounts])}
            />
          </>
        )}
      </section>
      <section class="card" aria-labelledby="measures-heading">
        <h2 id="measures-heading">{t('Measures')}</h2>
        {report.measures.length === 0 ? (
          <Empty>
            {t('No measure applies to this event.')}{' '}<a href={href('/event-measures')}>{t('Define measures')}</a>
          </Empty>
        ) : (
          <div class="table-wrap">
            <table>
              <caption>
                {t('The organization’s measures for this kind of event (')}<a href={href('/event-measures')}>{t('define measures')}</a>)
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('Measure')}</th>
                  <th scope="col">{t('What it counts')}</th>
                  <th scope="col" class="number">
                    {t('Value')}</th>
                </tr>
              </thead>
              <tbody>
                {report.measures.map((measure) => (
                  <tr key={measure.key}>
                    <th scope="row">{measure.name}</th>
                    <td>
                      {measure.explanation}
                      {measure.windowClosesAt && Date.parse(measure.windowClosesAt) > Date.now() && <div class="muted">{t('Still counting until {windowClosesAt}', { windowClosesAt: formatDateTime(measure.windowClosesAt) })}</div>}
                    </td>
                    <td class="number">{measureValue(measure)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section class="card" aria-labelledby="statuses-heading">
        <h2 id="statuses-heading">{t('Statuses reached since registering')}</h2>
        <CountsTable caption={t('Accounts of registrants that reached each status')} head={[t('Status'), t('Accounts')]} rows={report.statusesReached.map((line) => [humanize(line.status), line.accounts])} />
      </section>
    </>
  );
}

function CountsTable({ caption, head, rows }: { caption: string; head: string[]; rows: (string | number)[][] }) {
  return (
    <div class="table-wrap">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {head.map((label, index) => (
              <th key={label} scope="col" class={index > 0 ? 'number' : undefined}>
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={String(row[0])}>
              {row.map((cell, index) => (index === 0 ? <th key={index} scope="row">{cell}</th> : <td key={index} class="number">{formatNumber(Number(cell))}</td>))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
