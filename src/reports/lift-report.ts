import type { DbClient } from '../db/prisma';
import { statuses } from '../rules/lifecycle';
import { compareProportions, MIN_CELL_SIZE, MIN_SUCCESSES_OR_FAILURES, roundSignificant, roundTo } from './lift';
import { queryLiftFigures, type CellFigures, type EnrollmentCellFigures, type LiftFigures } from './lift-query';
import { ENROLLMENT_LINES_LIMIT, type CampaignLift, type EnrollmentLine, type EnrollmentLines, type LiftCell, type ProportionLift } from './lift.schemas';

const RATE_DECIMALS = 6;
const RELATIVE_DECIMALS = 4;
const MONEY_PER_CONTACT_DECIMALS = 4;

interface EnrollmentRow {
  id: string;
  number: number;
  scheduled_for: Date;
  enrolled_at: Date;
  status: EnrollmentLine['status'];
  counts: Record<string, unknown>;
  total: number;
}

/**
 * The lift of a campaign's own list and, for an evergreen campaign, its newest enrollments' lines. Its
 * children are separate campaigns with their own lists and test cells: pooling their cells would mix
 * different treatments and test shares, so each child's return shows its own lift.
 */
export async function getCampaignLift(
  db: DbClient,
  campaign: { id: string; evergreen: boolean },
  currency: string | null,
): Promise<{ lift: CampaignLift; enrollments: EnrollmentLines | null }> {
  const enrollmentRows = campaign.evergreen ? await newestEnrollments(db, campaign.id) : [];
  const figures = await queryLiftFigures(db, campaign.id, currency, enrollmentRows.map((row) => row.id));
  const empty: EnrollmentCellFigures = { contacts: 0, respondingContacts: 0, contracts: 0 };
  return {
    lift: liftOf(figures.lift),
    enrollments: campaign.evergreen
      ? {
          total: enrollmentRows[0]?.total ?? 0,
          items: enrollmentRows.map((row) => enrollmentLine(row, figures.enrollments.get(row.id) ?? { target: empty, test: empty })),
        }
      : null,
  };
}

async function newestEnrollments(db: DbClient, campaignId: string): Promise<EnrollmentRow[]> {
  return db.$queryRaw<EnrollmentRow[]>`
    SELECT id::text, number, scheduled_for, enrolled_at, status::text AS status, counts, (count(*) OVER ())::int AS total
    FROM campaign_enrollments WHERE campaign_id = CAST(${campaignId} AS uuid)
    ORDER BY number DESC LIMIT ${ENROLLMENT_LINES_LIMIT}`;
}

/** The two cells compared, with the caveats in plain words. */
export function liftOf(figures: LiftFigures): CampaignLift {
  const target = liftCell('TARGET', figures.target);
  const test = liftCell('TEST', figures.test);
  const unavailableReason =
    target.contacts === 0 && test.contacts === 0 ? 'NO_LIST' : test.contacts === 0 ? 'NO_TEST_CELL' : target.contacts === 0 ? 'NO_TARGET_CELL' : null;
  if (unavailableReason !== null) {
    return {
      target, test, accountsInBothCells: figures.accountsInBothCells, responseRate: null, contractRate: null, revenuePerContact: null,
      unavailableReason, smallCells: false, caveats: [unavailableText[unavailableReason]],
    };
  }
  const responseRate = proportionLift('contact', { successes: target.respondingContacts, n: target.contacts }, { successes: test.respondingContacts, n: test.contacts });
  const contractRate = proportionLift('account', { successes: target.contracts, n: target.accounts }, { successes: test.contracts, n: test.accounts });
  const targetRevenue = figures.target.revenue / target.contacts;
  const testRevenue = figures.test.revenue / test.contacts;
  const caveats = [
    ...(responseRate.smallSample ? [smallSampleText('response rate', 'contacts', 'responding contacts', target.contacts, target.respondingContacts, test.contacts, test.respondingContacts)] : []),
    ...(contractRate.smallSample ? [smallSampleText('contract rate', 'accounts', 'contracts', target.accounts, target.contracts, test.accounts, test.contracts)] : []),
    ...(figures.accountsInBothCells > 0
      ? [`${figures.accountsInBothCells} account(s) have listed contacts in both cells: they count in both for the account figures (contracts, statuses, revenue), which narrows the difference.`]
      : []),
  ];
  return {
    target,
    test,
    accountsInBothCells: figures.accountsInBothCells,
    responseRate,
    contractRate,
    revenuePerContact: {
      absoluteLift: roundTo(targetRevenue - testRevenue, MONEY_PER_CONTACT_DECIMALS),
      relativeLift: testRevenue === 0 ? null : roundTo((targetRevenue - testRevenue) / testRevenue, RELATIVE_DECIMALS),
    },
    unavailableReason: null,
    smallCells: responseRate.smallSample,
    caveats,
  };
}

const unavailableText = {
  NO_LIST: 'The campaign has no list (no LIST stage has run, no enrollment yet, or it only tracks responses): there is nothing to compare.',
  NO_TEST_CELL: 'The list has no test cell (set testCell on the LIST stage or the evergreen settings): without contacts kept apart there is no lift to measure.',
  NO_TARGET_CELL: 'The list has no target cell: every listed contact was kept apart, so there is nothing to compare the test cell with.',
} as const;

function smallSampleText(measure: string, unit: string, successes: string, nTarget: number, xTarget: number, nTest: number, xTest: number): string {
  return (
    `The cells are too small for the ${measure}'s interval and p-value to be trusted (the normal approximation needs at least ` +
    `${MIN_CELL_SIZE} ${unit} and ${MIN_SUCCESSES_OR_FAILURES} ${successes} and ${MIN_SUCCESSES_OR_FAILURES} others in each cell; ` +
    `target ${xTarget} of ${nTarget}, test ${xTest} of ${nTest}): read it as an indication only.`
  );
}

function proportionLift(unit: ProportionLift['unit'], target: { successes: number; n: number }, test: { successes: number; n: number }): ProportionLift {
  const result = compareProportions(target, test);
  return {
    unit,
    targetRate: roundTo(result.targetRate, RATE_DECIMALS),
    testRate: roundTo(result.testRate, RATE_DECIMALS),
    absoluteLift: roundTo(result.absoluteLift, RATE_DECIMALS),
    relativeLift: result.relativeLift === null ? null : roundTo(result.relativeLift, RELATIVE_DECIMALS),
    confidenceInterval: { level: 0.95, low: roundTo(result.low, RATE_DECIMALS), high: roundTo(result.high, RATE_DECIMALS) },
    zScore: result.zScore === null ? null : roundTo(result.zScore, 3),
    pValue: result.pValue === null ? null : roundSignificant(result.pValue, 4),
    smallSample: result.smallSample,
  };
}

const rate = (successes: number, n: number, decimals = RATE_DECIMALS) => (n === 0 ? null : roundTo(successes / n, decimals));

function liftCell(cell: LiftCell['cell'], figures: CellFigures): LiftCell {
  return {
    cell,
    contacts: figures.contacts,
    accounts: figures.accounts,
    respondingContacts: figures.respondingContacts,
    respondingAccounts: figures.respondingAccounts,
    responseRate: rate(figures.respondingContacts, figures.contacts),
    accountResponseRate: rate(figures.respondingAccounts, figures.accounts),
    statusesReached: Object.fromEntries(statuses.map((status) => [status, figures.reached[status] ?? 0])) as LiftCell['statusesReached'],
    contracts: figures.contracts,
    contractRate: rate(figures.contracts, figures.accounts),
    wonDeals: figures.wonDeals,
    revenue: figures.revenue,
    revenuePerContact: rate(figures.revenue, figures.contacts, MONEY_PER_CONTACT_DECIMALS),
  };
}

function enrollmentLine(row: EnrollmentRow, figures: { target: EnrollmentCellFigures; test: EnrollmentCellFigures }): EnrollmentLine {
  const count = (key: string) => (typeof row.counts[key] === 'number' ? (row.counts[key] as number) : 0);
  const cell = (cellFigures: EnrollmentCellFigures) => ({
    contacts: cellFigures.contacts,
    respondingContacts: cellFigures.respondingContacts,
    responseRate: rate(cellFigures.respondingContacts, cellFigures.contacts),
    contracts: cellFigures.contracts,
  });
  return {
    enrollmentId: row.id,
    number: row.number,
    scheduledFor: row.scheduled_for.toISOString(),
    enrolledAt: row.enrolled_at.toISOString(),
    status: row.status,
    counts: {
      matched: count('matched'),
      merged: count('merged'),
      suppressed: count('suppressed'),
      inOtherCampaigns: count('inOtherCampaigns'),
      alreadyListed: count('alreadyListed'),
      listed: count('listed'),
      target: count('target'),
      testCell: count('testCell'),
    },
    target: cell(figures.target),
    test: cell(figures.test),
  };
}
