import type { ChartConfiguration } from 'chart.js';
import { ChartView } from '../../../components/chart';
import { seriesColours } from './chart-colours';
import type { Report } from './return-figures';

/** Counts per sub-source: how many responded, how many accounts, how many signed. */
export function ResponsesChart({ report }: { report: Report }) {
  const labels = report.sources.map((source) => source.code);
  const series: [string, number[]][] = [
    ['Responses', report.sources.map((source) => source.responses)],
    ['Accounts', report.sources.map((source) => source.accounts)],
    ['Contracts', report.sources.map((source) => source.contracts)],
  ];
  const config: ChartConfiguration = {
    type: 'bar',
    data: { labels, datasets: series.map(([label, data], index) => ({ label, data, backgroundColor: seriesColours[index] })) },
    options: { scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
  };
  return <ChartView config={config} label={`Responses, accounts and contracts per sub-source of ${report.name} (the table below has the same figures)`} />;
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
        { label: `Cost${report.currency ? ` (${report.currency})` : ''}`, data: sources.map((source) => source.cost ?? 0), backgroundColor: seriesColours[3] },
        { label: `Revenue${report.currency ? ` (${report.currency})` : ''}`, data: sources.map((source) => source.revenue), backgroundColor: seriesColours[1] },
      ],
    },
    options: { scales: { y: { beginAtZero: true } } },
  };
  return <ChartView config={config} label={`Cost and revenue per sub-source of ${report.name} (the table below has the same figures)`} />;
}
