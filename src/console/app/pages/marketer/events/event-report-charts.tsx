import type { ChartConfiguration } from 'chart.js';
import { ChartView } from '../../../components/chart';
import { chartColors, seriesColors } from '../../../components/chart-colors';
import type { EventReport } from './event-model';

/** Registrations and cancellations per day (in the event's time zone): how the campaign around it pulled. */
export function RegistrationsByDayChart({ report }: { report: EventReport }) {
  const days = report.registrationsByDay;
  const config: ChartConfiguration = {
    type: 'bar',
    data: {
      labels: days.map((day) => day.date),
      datasets: [
        { label: 'Registered', data: days.map((day) => day.registered), backgroundColor: chartColors.blue, maxBarThickness: 48 },
        { label: 'Cancelled', data: days.map((day) => day.cancelled), backgroundColor: chartColors.red, maxBarThickness: 48 },
      ],
    },
    options: { scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
  };
  return <ChartView config={config} label={`Registrations and cancellations per day for ${report.name} (the table below has the same figures)`} />;
}

/** Invited → registered → attended: where people dropped out. */
export function FunnelChart({ report }: { report: EventReport }) {
  const steps: [string, number][] = [
    ['Invited', report.invited],
    ['Registered', report.registered],
    ['Attended', report.attended],
  ];
  const config: ChartConfiguration = {
    type: 'bar',
    data: { labels: steps.map(([label]) => label), datasets: [{ label: 'People', data: steps.map(([, value]) => value), backgroundColor: [chartColors.grey, chartColors.blue, chartColors.green] }] },
    options: { indexAxis: 'y', plugins: { legend: { display: false } }, scales: { x: { beginAtZero: true, ticks: { precision: 0 } } } },
  };
  return <ChartView config={config} height={200} label={`Invited, registered and attended for ${report.name} (the figures above say the same)`} />;
}

/** Registered, attended and new accounts per sub-source. */
export function BySourceChart({ report }: { report: EventReport }) {
  const sources = report.bySource;
  const series: [string, number[]][] = [
    ['Registered', sources.map((source) => source.registered)],
    ['Attended', sources.map((source) => source.attended)],
    ['New accounts', sources.map((source) => source.newAccounts)],
  ];
  const config: ChartConfiguration = {
    type: 'bar',
    data: { labels: sources.map((source) => source.code ?? 'No code'), datasets: series.map(([label, data], index) => ({ label, data, backgroundColor: seriesColors[index], maxBarThickness: 48 })) },
    options: { scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
  };
  return <ChartView config={config} label={`Registered, attended and new accounts per sub-source of ${report.name} (the table below has the same figures)`} />;
}
