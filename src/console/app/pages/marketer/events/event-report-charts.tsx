import type { ChartConfiguration } from 'chart.js';
import { ChartView } from '../../../components/chart';
import { chartColors, seriesColors } from '../../../components/chart-colors';
import type { EventReport } from './event-model';
import { t } from '../../../i18n/i18n';

/** Registrations and cancellations per day (in the event's time zone): how the campaign around it pulled. */
export function RegistrationsByDayChart({ report }: { report: EventReport }) {
  const days = report.registrationsByDay;
  const config: ChartConfiguration = {
    type: 'bar',
    data: {
      labels: days.map((day) => day.date),
      datasets: [
        { label: t('Registered'), data: days.map((day) => day.registered), backgroundColor: chartColors.blue, maxBarThickness: 48 },
        { label: t('Cancelled'), data: days.map((day) => day.cancelled), backgroundColor: chartColors.red, maxBarThickness: 48 },
      ],
    },
    options: { scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
  };
  return <ChartView config={config} label={t('Registrations and cancellations per day for {name} (the table below has the same figures)', { name: report.name })} />;
}

/** Invited → registered → attended: where people dropped out. */
export function FunnelChart({ report }: { report: EventReport }) {
  const steps: [string, number][] = [
    [t('Invited'), report.invited],
    [t('Registered'), report.registered],
    [t('Attended'), report.attended],
  ];
  const config: ChartConfiguration = {
    type: 'bar',
    data: { labels: steps.map(([label]) => label), datasets: [{ label: t('People'), data: steps.map(([, value]) => value), backgroundColor: [chartColors.grey, chartColors.blue, chartColors.green] }] },
    options: { indexAxis: 'y', plugins: { legend: { display: false } }, scales: { x: { beginAtZero: true, ticks: { precision: 0 } } } },
  };
  return <ChartView config={config} height={200} label={t('Invited, registered and attended for {name} (the figures above say the same)', { name: report.name })} />;
}

/** Registered, attended and new accounts per sub-source. */
export function BySourceChart({ report }: { report: EventReport }) {
  const sources = report.bySource;
  const series: [string, number[]][] = [
    [t('Registered'), sources.map((source) => source.registered)],
    [t('Attended'), sources.map((source) => source.attended)],
    [t('New accounts'), sources.map((source) => source.newAccounts)],
  ];
  const config: ChartConfiguration = {
    type: 'bar',
    data: { labels: sources.map((source) => source.code ?? t('No code')), datasets: series.map(([label, data], index) => ({ label, data, backgroundColor: seriesColors[index], maxBarThickness: 48 })) },
    options: { scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
  };
  return <ChartView config={config} label={t('Registered, attended and new accounts per sub-source of {name} (the table below has the same figures)', { name: report.name })} />;
}
