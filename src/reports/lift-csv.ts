import { statuses } from '../rules/lifecycle';
import type { CsvCell } from './csv';
import type { CampaignLift, EnrollmentLines, LiftCell, ProportionLift } from './lift.schemas';

/** The campaign return's CSV columns for the lift and the enrollments, after the per-source columns. */
export const liftCsvColumns = [
  'cell', 'enrollment', 'scheduled_for', 'enrollment_status', 'matched', 'merged', 'suppressed', 'in_other_campaigns', 'already_listed',
  'contacts', 'listed_accounts', 'responding_contacts', 'responding_accounts', 'response_rate', 'contract_rate', 'revenue_per_contact',
  'measure', 'lift_absolute', 'lift_relative', 'ci_low', 'ci_high', 'z_score', 'p_value', 'small_sample', 'caveat',
] as const;

export type CsvLine = Record<string, CsvCell>;

/**
 * The lift as CSV lines: `cell` (one per cell: counts, statuses reached, money, rates), `lift` (one
 * per measure: response_rate, contract_rate, revenue_per_contact), `caveat` (one per caveat, its text
 * in `caveat`), then `enrollment` (one per enrollment and cell, newest first). Each line is keyed by
 * column; the caller adds campaign_id, campaign and currency.
 */
export function liftCsvLines(lift: CampaignLift, enrollments: EnrollmentLines | null): CsvLine[] {
  const cellLine = (cell: LiftCell): CsvLine => ({
    level: 'cell',
    cell: cell.cell,
    contacts: cell.contacts,
    listed_accounts: cell.accounts,
    responding_contacts: cell.respondingContacts,
    responding_accounts: cell.respondingAccounts,
    ...Object.fromEntries(statuses.map((status) => [`reached_${status.toLowerCase()}`, cell.statusesReached[status]])),
    contracts: cell.contracts,
    won_deals: cell.wonDeals,
    revenue: cell.revenue,
    response_rate: cell.responseRate,
    contract_rate: cell.contractRate,
    revenue_per_contact: cell.revenuePerContact,
  });
  const proportionLine = (measure: string, comparison: ProportionLift): CsvLine => ({
    level: 'lift',
    measure,
    lift_absolute: comparison.absoluteLift,
    lift_relative: comparison.relativeLift,
    ci_low: comparison.confidenceInterval.low,
    ci_high: comparison.confidenceInterval.high,
    z_score: comparison.zScore,
    p_value: comparison.pValue,
    small_sample: comparison.smallSample,
  });
  return [
    cellLine(lift.target),
    cellLine(lift.test),
    ...(lift.responseRate ? [proportionLine('response_rate', lift.responseRate)] : []),
    ...(lift.contractRate ? [proportionLine('contract_rate', lift.contractRate)] : []),
    ...(lift.revenuePerContact
      ? [{ level: 'lift', measure: 'revenue_per_contact', lift_absolute: lift.revenuePerContact.absoluteLift, lift_relative: lift.revenuePerContact.relativeLift }]
      : []),
    ...lift.caveats.map((caveat) => ({ level: 'caveat', caveat })),
    ...(enrollments?.items ?? []).flatMap((enrollment) =>
      (['TARGET', 'TEST'] as const).map((cell) => {
        const figures = cell === 'TARGET' ? enrollment.target : enrollment.test;
        return {
          level: 'enrollment',
          enrollment: enrollment.number,
          scheduled_for: enrollment.scheduledFor,
          enrollment_status: enrollment.status,
          matched: enrollment.counts.matched,
          merged: enrollment.counts.merged,
          suppressed: enrollment.counts.suppressed,
          in_other_campaigns: enrollment.counts.inOtherCampaigns,
          already_listed: enrollment.counts.alreadyListed,
          cell,
          contacts: figures.contacts,
          responding_contacts: figures.respondingContacts,
          response_rate: figures.responseRate,
          contracts: figures.contracts,
        };
      }),
    ),
  ];
}
