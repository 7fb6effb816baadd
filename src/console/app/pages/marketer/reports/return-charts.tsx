import type { ChartConfiguration } from 'chart.js';
import { ChartView } from '../../../components/chart';
import { chartColors, seriesColors } from '../../../components/chart-colors';
import type { Report } from './return-figures';
import { t } from '../../../i18n/i18n';

/** Counts per sub-source: how many responded, how many accounts, how many signed. */
export function ResponsesChart({ report }: { report: Report }) {
  const labels = report.sources.map((source) => source.code);
  const series: [string, number[]][] = [
    [t('Responses'), report.sources.map((source) => source.responses)],
    [t('Accounts'), report.sources.map((source) => source.accounts)],
    [t('Contracts'), report.sources.map((source) => source.contracts)],
  ];
  const config: ChartConfiguration = {
    type: 'bar',
    data: { labels, datasets: series.map(([label, data], index) => ({ label, data, backgroundColor: seriesColors[index] })) },
    options: { scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
  };
  return <ChartView config={config} label={t('Responses, accounts and contracts per sub-source of {name} (the table below has the same figures)', { name: report.name })} />;
}

/** Cost against revenue per sub-source, where either is known: what each publication really returned. */
export function CostRevenueChart({ report }: { report: Report }) {
  const sources = report.sources.filter((source) => source.cost !== null || source.revenue > 0);
  if (sources.length === 0) return null;
  const config: ChartConfiguration = {
    type: 'bar',
    data: {
      labels: sources.map((source) => source.code),
      datasets: [
        { label: `Cost${report.currency ? ` (${report.currency})` : ''}`, data: sources.map((source) => source.cost ?? 0), backgroundColor: chartColors.red },
        { label: `Revenue${report.currency ? ` (${report.currency})` : ''}`, data: sources.map((source) => source.revenue), backgroundColor: chartColors.green },
      ],
    },
    options: { scales: { y: { beginAtZero: true } } },
  };
  return <ChartView config={config} label={t('Cost and revenue per sub-source of {name} (the table below has the same figures)', { name: report.name })} />;
}
