import type { PlanReport } from '../plan-progress/progress.schemas';
import { toCsv, type CsvCell } from './csv';

type PlanFigures = Pick<PlanReport, 'id' | 'name' | 'status' | 'periodStart' | 'periodEnd' | 'revenueTarget' | 'currency' | 'revenue' | 'revenueInOtherCurrencies' | 'ratio' | 'accountsApplied'>;

const header = ['row', 'id', 'name', 'status', 'period_start', 'period_end', 'currency', 'target', 'done', 'ratio', 'pipeline', 'opportunities', 'accounts_applied', 'unit'];

/**
 * A plan report as CSV, one line per figure set: `plan` (the plan: target = revenue target, done = won
 * revenue in its currency), `objective` (target and done of each objective), `child_plan` (each child),
 * and `other_currency` (linked revenue in another currency, under the plan or child it belongs to).
 */
export function planReportCsv(report: PlanReport): string {
  const rows: CsvCell[][] = [];
  const plan = (kind: 'plan' | 'child_plan', figures: PlanFigures) => {
    rows.push([kind, figures.id, figures.name, figures.status, figures.periodStart, figures.periodEnd, figures.currency, figures.revenueTarget,
      figures.revenue?.won, figures.ratio, figures.revenue?.pipeline, figures.revenue?.opportunities, figures.accountsApplied, null]);
    for (const other of figures.revenueInOtherCurrencies) {
      rows.push(['other_currency', figures.id, figures.name, null, null, null, other.currency, null, other.won, null, other.pipeline, other.opportunities, null, null]);
    }
  };
  plan('plan', report);
  for (const objective of report.objectives) {
    rows.push(['objective', objective.id, objective.name, null, null, null, null, objective.target, objective.done, objective.ratio, null, null, null, objective.unit]);
  }
  for (const child of report.children) plan('child_plan', child);
  return toCsv(header, rows);
}
