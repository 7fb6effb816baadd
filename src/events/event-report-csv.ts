import { toCsv, type CsvCell } from '../reports/csv';
import type { EventReport } from './event-report.schemas';

const header = [
  'line', 'event_id', 'event', 'status', 'code', 'date', 'account_status', 'invited', 'registered', 'waiting', 'cancelled', 'attended',
  'no_shows', 'new_accounts', 'accounts', 'contracts', 'currency', 'revenue', 'planned_cost', 'actual_cost', 'cost_per_attendee', 'cost_per_contract',
  'measure', 'measure_name', 'unit', 'value',
] as const;
type Column = (typeof header)[number];

/**
 * The event report as one CSV table (RFC 4180: every line has every column): the `event` line with the
 * totals, then a `status` line per account status reached, a `source` line per sub-source and a `day`
 * line per day, a `measure` line per event measure; each line fills the columns it has and leaves the others empty.
 */
export function eventReportCsv(report: EventReport): string {
  const line = (cells: Partial<Record<Column, CsvCell>>) => header.map((column) => cells[column]);
  const keyed = { event_id: report.eventId, event: report.name };
  return toCsv(header, [
    line({
      line: 'event', ...keyed, status: report.status, date: report.startsAt, invited: report.invited, registered: report.registered,
      waiting: report.waiting, cancelled: report.cancelled, attended: report.attended, no_shows: report.noShows, new_accounts: report.newAccounts,
      contracts: report.contracts, currency: report.currency, revenue: report.revenue, planned_cost: report.plannedCost, actual_cost: report.actualCost,
      cost_per_attendee: report.costPerAttendee, cost_per_contract: report.costPerContract,
    }),
    ...report.statusesReached.map((reached) => line({ line: 'status', ...keyed, account_status: reached.status, accounts: reached.accounts })),
    ...report.bySource.map((source) => line({ line: 'source', ...keyed, code: source.code, registered: source.registered, attended: source.attended, new_accounts: source.newAccounts })),
    ...report.registrationsByDay.map((day) => line({ line: 'day', ...keyed, date: day.date, registered: day.registered, cancelled: day.cancelled })),
    ...report.measures.map((measure) => line({ line: 'measure', ...keyed, measure: measure.key, measure_name: measure.name, unit: measure.unit, value: measure.value })),
  ]);
}
