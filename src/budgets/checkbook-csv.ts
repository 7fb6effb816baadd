import { toCsv } from '../reports/csv';
import type { Checkbook } from './budgets.schemas';

const header = ['origin', 'id', 'budget_id', 'budget', 'campaign_id', 'event_id', 'work', 'date', 'supplier', 'category', 'reference', 'description', 'currency', 'committed', 'spent'] as const;

/** The checkbook as one CSV table (RFC 4180), a line per cost, in the budget's currency. */
export function checkbookCsv(checkbook: Checkbook): string {
  return toCsv(
    header,
    checkbook.lines.map((line) => [
      line.origin, line.id, line.budgetId, line.budgetName, line.campaignId, line.eventId, line.workName, line.date, line.supplier, line.category,
      line.reference, line.description, checkbook.currency, line.committed, line.spent,
    ]),
  );
}
