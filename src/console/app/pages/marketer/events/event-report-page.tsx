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

const money = (amount: string | null, currency: string | null) => (amount === null ? '—' : `${amount}${currency ? ` ${currency}` : ''}`);

/** /events/:id/report: the event's effect, as figures, charts (each with its table) and CSV. */
export function EventReportPage({ params }: PageProps) {
  const eventId = params.id!;
  const reportPath = `/events/${encodeURIComponent(eventId)}/report`;
  const { data: report, error, loading, reload } = useApi<EventReport>(reportPath);
  return (
    <section class="report-page">
      <div class="page-head">
        <h1>Event report{report ? `: ${report.name}` : ''}</h1>
        {report && (
          <div class="actions">
            <button type="button" onClick={() => void reload()} disabled={loading}>
              {loading ? 'Refreshing…' : 'Refresh'}
            </button>
            <CsvDownloadButton path={reportPath} filename={`event-report-${eventId}.csv`} />
          </div>
        )}
      </div>
      <EventTabs eventId={eventId} />
      <ErrorNotice error={error} title="The report could not be loaded" />
      {loading && !report && <Loading label="Loading the report…" />}
      {report && <ReportBody report={report} />}
    </section>
  );
}

function ReportBody({ report }: { report: EventReport }) {
  const figures: [string, string][] = [
    ['Invited', formatNumber(report.invited)],
    ['Registered', formatNumber(report.registered)],
    ['Waiting', formatNumber(report.waiting)],
    ['Cancelled', formatNumber(report.cancelled)],
    ['Attended', formatNumber(report.attended)],
    ['No-shows', report.noShows === null ? 'after the end' : formatNumber(report.noShows)],
    ['New accounts', formatNumber(report.newAccounts)],
    ['Contracts', formatNumber(report.contracts)],
    ['Revenue', money(report.revenue, report.currency)],
    ['Planned cost', money(report.plannedCost, report.currency)],
    ['Actual cost', money(report.actualCost, report.currency)],
    ['Cost per attendee', money(report.costPerAttendee, report.currency)],
    ['Cost per contract', money(report.costPerContract, report.currency)],
  ];
  return (
    <>
      <FigureCards label="Event figures" figures={figures} />
      <section class="card" aria-labelledby="funnel-heading">
        <h2 id="funnel-heading">From invitation to attendance</h2>
        <FunnelChart report={report} />
      </section>
      <section class="card" aria-labelledby="by-day-heading">
        <h2 id="by-day-heading">Registrations by day</h2>
        {report.registrationsByDay.length === 0 ? (
          <Empty>No registration yet.</Empty>
        ) : (
          <>
            <RegistrationsByDayChart report={report} />
            <CountsTable
              caption="Registrations and cancellations per day, in the event’s time zone"
              head={['Day', 'Registered', 'Cancelled']}
              rows={report.registrationsByDay.map((day) => [day.date, day.registered, day.cancelled])}
            />
          </>
        )}
      </section>
      <section class="card" aria-labelledby="by-source-heading">
        <h2 id="by-source-heading">By sub-source</h2>
        {report.bySource.length === 0 ? (
          <Empty>No sub-sources.</Empty>
        ) : (
          <>
            <BySourceChart report={report} />
            <CountsTable
              caption="Registered, attended and new accounts per sub-source"
              head={['Sub-source', 'Registered', 'Attended', 'New accounts']}
              rows={report.bySource.map((source) => [source.code ?? 'No code', source.registered, source.attended, source.newAccounts])}
            />
          </>
        )}
      </section>
      <section class="card" aria-labelledby="measures-heading">
        <h2 id="measures-heading">Measures</h2>
        {report.measures.length === 0 ? (
          <Empty>
            No measure applies to this event. <a href={href('/event-measures')}>Define measures</a>
          </Empty>
        ) : (
          <div class="table-wrap">
            <table>
              <caption>
                The organization’s measures for this kind of event (<a href={href('/event-measures')}>define measures</a>)
              </caption>
              <thead>
                <tr>
                  <th scope="col">Measure</th>
                  <th scope="col">What it counts</th>
                  <th scope="col" class="number">
                    Value
                  </th>
                </tr>
              </thead>
              <tbody>
                {report.measures.map((measure) => (
                  <tr key={measure.key}>
                    <th scope="row">{measure.name}</th>
                    <td>
                      {measure.explanation}
                      {measure.windowClosesAt && Date.parse(measure.windowClosesAt) > Date.now() && <div class="muted">Still counting until {formatDateTime(measure.windowClosesAt)}</div>}
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
        <h2 id="statuses-heading">Statuses reached since registering</h2>
        <CountsTable caption="Accounts of registrants that reached each status" head={['Status', 'Accounts']} rows={report.statusesReached.map((line) => [humanize(line.status), line.accounts])} />
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
