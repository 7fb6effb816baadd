import type { DbClient } from '../db/prisma';
import { Prisma } from '../generated/prisma/client';
import type { statuses } from '../rules/lifecycle';
import { contractSignedBit, reachedCounts, statusBit } from './campaign-return-status-bits';

type Reached = Record<(typeof statuses)[number], number>;

/** One cell of the campaign's whole list. */
export interface CellFigures {
  contacts: number;
  accounts: number;
  respondingContacts: number;
  respondingAccounts: number;
  contracts: number;
  reached: Reached;
  wonDeals: number;
  revenue: number;
}

export interface LiftFigures {
  target: CellFigures;
  test: CellFigures;
  accountsInBothCells: number;
}

/** One cell of one enrollment of an evergreen campaign. */
export interface EnrollmentCellFigures {
  contacts: number;
  respondingContacts: number;
  contracts: number;
}

export type EnrollmentFigures = Map<string, { target: EnrollmentCellFigures; test: EnrollmentCellFigures }>;

type Prefix = 't' | 'c';
type Cell = 'TARGET' | 'TEST';

type LiftRow = { both: number; enrollments: EnrollmentCellRow[] } & Record<`${Prefix}_${'contacts' | 'accounts' | 'responding_contacts' | 'responding_accounts' | 'contracts' | 'won_deals'}`, number> &
  Record<`${Prefix}_reached`, Reached> &
  Record<`${Prefix}_revenue`, string>;

interface EnrollmentCellRow {
  enrollment_id: string;
  cell: Cell;
  contacts: number;
  responding: number;
  contracts: number;
}

/**
 * For the report's transaction only. JIT: the statement's estimated cost makes PostgreSQL compile,
 * inline and optimize JIT code, seconds for a statement run once. work_mem: the per-account hash
 * tables of a million-contact list stay in memory instead of spilling to temporary files.
 */
const SESSION_SETTINGS = [
  ['jit', 'off'],
  ['work_mem', '256MB'],
] as const;
const TRANSACTION_TIMEOUT_MS = 5 * 60_000;

async function withReportSettings<T>(db: DbClient, work: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
  const run = async (tx: Prisma.TransactionClient) => {
    await tx.$queryRaw`SELECT ${Prisma.join(SESSION_SETTINGS.map(([name, value]) => Prisma.sql`set_config(${name}, ${value}, true)`))}`;
    return work(tx);
  };
  return '$transaction' in db ? db.$transaction(run, { timeout: TRANSACTION_TIMEOUT_MS, maxWait: 60_000 }) : run(db);
}

/**
 * Both cells of the campaign's whole list (`currency` is the report's, for the revenue) and each cell of
 * each of `enrollmentIds` (an enrollment's cell without contacts is absent from its map entry's figures: zeros).
 */
export async function queryLiftFigures(
  db: DbClient,
  campaignId: string,
  currency: string | null,
  enrollmentIds: string[],
): Promise<{ lift: LiftFigures; enrollments: EnrollmentFigures }> {
  const [row] = await withReportSettings(db, (tx) => tx.$queryRaw<LiftRow[]>(liftStatement(campaignId, currency, enrollmentIds)));
  const cell = (prefix: Prefix): CellFigures => ({
    contacts: row[`${prefix}_contacts`],
    accounts: row[`${prefix}_accounts`],
    respondingContacts: row[`${prefix}_responding_contacts`],
    respondingAccounts: row[`${prefix}_responding_accounts`],
    contracts: row[`${prefix}_contracts`],
    reached: row[`${prefix}_reached`],
    wonDeals: row[`${prefix}_won_deals`],
    revenue: Number(row[`${prefix}_revenue`]),
  });
  const enrollments: EnrollmentFigures = new Map();
  const empty = (): EnrollmentCellFigures => ({ contacts: 0, respondingContacts: 0, contracts: 0 });
  for (const line of row.enrollments) {
    const figures = enrollments.get(line.enrollment_id) ?? { target: empty(), test: empty() };
    figures[line.cell === 'TARGET' ? 'target' : 'test'] = { contacts: line.contacts, respondingContacts: line.responding, contracts: line.contracts };
    enrollments.set(line.enrollment_id, figures);
  }
  return { lift: { target: cell('t'), test: cell('c'), accountsInBothCells: row.both }, enrollments };
}

/** When each listing of the campaign happened: an enrollment's `enrolled_at`, else a LIST stage's start (as cohorts take it). */
const listingTimes = (campaign: Prisma.Sql) => Prisma.sql`
  listing_times AS MATERIALIZED (
    SELECT id, COALESCE(started_at, CAST(result->>'frozenAt' AS timestamptz)) AS at FROM campaign_stages WHERE campaign_id = ${campaign}
    UNION ALL
    SELECT id, enrolled_at FROM campaign_enrollments WHERE campaign_id = ${campaign}
  )`;
/** A recipient row's listing (alias r, joined to listing_times as lt): its enrollment, else its LIST stage. */
const listingOf = Prisma.sql`COALESCE(r.enrollment_id, r.list_stage_id)`;
const listedAt = Prisma.sql`COALESCE(lt.at, '-infinity')`;

/**
 * `responders`: the listed contacts that responded since they were listed: a response of this campaign
 * naming the contact, or naming its account without a contact, at or after the listing. Built from
 * the responses' side (their latest time per contact, and per account through the contacts), then
 * matched to the list: PostgreSQL probes the list's primary key for a few responses and hashes the
 * list for many (forcing the probes was no faster on a million-contact list with 4% responding).
 */
const responders = (campaign: Prisma.Sql) => Prisma.sql`
  responders AS MATERIALIZED (
    SELECT named.contact_id, r.cell, r.account_id, r.enrollment_id
    FROM (
      SELECT contact_id, max(occurred_at) AS last_at FROM responses
      WHERE campaign_id = ${campaign} AND contact_id IS NOT NULL GROUP BY contact_id
      UNION ALL
      SELECT c.id, ba.last_at FROM (
        SELECT account_id, max(occurred_at) AS last_at FROM responses
        WHERE campaign_id = ${campaign} AND contact_id IS NULL GROUP BY account_id
      ) ba
      JOIN contacts c ON c.account_id = ba.account_id
    ) named
    JOIN campaign_recipients r ON r.campaign_id = ${campaign} AND r.contact_id = named.contact_id
    LEFT JOIN listing_times lt ON lt.id = ${listingOf}
    GROUP BY named.contact_id, r.cell, r.account_id, r.enrollment_id
    HAVING max(named.last_at) >= min(${listedAt})
  )`;

const column = (prefix: Prefix, name: string) => Prisma.raw(`${prefix}_${name}`);
const inCell = (cell: Cell) => Prisma.sql`cell = CAST(${cell} AS "ListCell")`;

/**
 * Both cells of a campaign's own list, and of the enrollments asked, in one statement with one
 * aggregating pass over its campaign_recipients rows (through the primary key's campaign_id prefix).
 * Read it top-down:
 *
 * 1. `listing_times`, `responders` (above); `responding`: per account, its responding contacts per cell.
 * 2. `groups`: the one pass over the list: one row per account, each cell's contacts and listing time
 *    side by side (an account with contacts in both cells is one row, read once), and with
 *    `enrollmentIds` one row per enrollment and cell, its contacts (a second grouping set of the same pass).
 * 3. `changed`: the statuses each account reached since each cell listed it, as status bits
 *    (campaign-return-status-bits.ts); only status changes since the earliest listing are read.
 * 4. `deals`: WON opportunities linked to the campaign's own sub-sources, per account, in `currency`.
 * 5. Per cell: contacts, accounts, responding contacts and accounts, contracts (a change to
 *    CONTRACT_SIGNED since the listing), the statuses reached (a change to it since the listing, or
 *    the current status), won deals and revenue; and the accounts in both cells.
 * 6. `enrollments`, a JSON array: each enrollment's cells with their contacts, responders and the
 *    accounts signed since the enrollment, found from the contract changes' side (since the earliest
 *    listing) like the responders, so that they cost what the contracts do.
 */
export function liftStatement(campaignId: string, currency: string | null, enrollmentIds: string[]): Prisma.Sql {
  const campaign = Prisma.sql`CAST(${campaignId} AS uuid)`;
  const byEnrollment = enrollmentIds.length > 0;
  const enrollments = Prisma.sql`CAST(${enrollmentIds} AS uuid[])`;
  const perCell = (prefix: Prefix, cell: Cell) =>
    Prisma.sql`count(*) FILTER (WHERE r.${inCell(cell)})::int AS ${column(prefix, 'contacts')}, min(listed_at) FILTER (WHERE r.${inCell(cell)}) AS ${column(prefix, 'listed_at')}`;
  const bits = (prefix: Prefix) =>
    Prisma.sql`bit_or(${statusBit(Prisma.sql`sc.to_status`)}) FILTER (WHERE sc.changed_at >= u.${column(prefix, 'listed_at')}) AS ${column(prefix, 'bits')}`;
  const totals = (prefix: Prefix) => {
    const listed = Prisma.sql`${column(prefix, 'contacts')} > 0`;
    return Prisma.sql`
      COALESCE(sum(${column(prefix, 'contacts')}), 0)::int AS ${column(prefix, 'contacts')},
      count(*) FILTER (WHERE ${listed})::int AS ${column(prefix, 'accounts')},
      COALESCE(sum(${column(prefix, 'responding')}), 0)::int AS ${column(prefix, 'responding_contacts')},
      count(*) FILTER (WHERE ${column(prefix, 'responding')} > 0)::int AS ${column(prefix, 'responding_accounts')},
      count(*) FILTER (WHERE ${listed} AND ${column(prefix, 'changes')} & ${contractSignedBit}::int <> 0)::int AS ${column(prefix, 'contracts')},
      ${reachedCounts(column(prefix, 'reached'), listed)} AS ${column(prefix, 'reached')},
      COALESCE(sum(won_deals) FILTER (WHERE ${listed}), 0)::int AS ${column(prefix, 'won_deals')},
      COALESCE(sum(revenue) FILTER (WHERE ${listed}), 0)::text AS ${column(prefix, 'revenue')}`;
  };
  const current = statusBit(Prisma.sql`a.status`);
  const since = Prisma.sql`(SELECT COALESCE(min(at), '-infinity') FROM listing_times)`;

  const enrollmentParts = byEnrollment
    ? Prisma.sql`,
    enrollment_responding AS (
      SELECT enrollment_id, cell, count(*)::int AS responding FROM responders WHERE enrollment_id = ANY(${enrollments}) GROUP BY enrollment_id, cell
    ),
    signed AS (
      SELECT account_id, max(changed_at) AS last_at FROM status_changes
      WHERE to_status = 'CONTRACT_SIGNED' AND changed_at >= ${since}
      GROUP BY account_id
    ),
    contracted AS (
      SELECT r.enrollment_id, r.cell, count(DISTINCT r.account_id)::int AS contracts
      FROM signed
      JOIN contacts c ON c.account_id = signed.account_id
      JOIN campaign_recipients r ON r.campaign_id = ${campaign} AND r.contact_id = c.id
      LEFT JOIN listing_times lt ON lt.id = ${listingOf}
      WHERE r.enrollment_id = ANY(${enrollments}) AND signed.last_at >= ${listedAt}
      GROUP BY r.enrollment_id, r.cell
    ),
    enrollment_lines AS (
      SELECT g.enrollment_id::text AS enrollment_id, g.cell::text AS cell, g.contacts, COALESCE(rs.responding, 0) AS responding, COALESCE(ct.contracts, 0) AS contracts
      FROM groups g
      LEFT JOIN enrollment_responding rs ON rs.enrollment_id = g.enrollment_id AND rs.cell = g.cell
      LEFT JOIN contracted ct ON ct.enrollment_id = g.enrollment_id AND ct.cell = g.cell
      WHERE g.account_id IS NULL AND g.enrollment_id = ANY(${enrollments})
    )`
    : Prisma.empty;

  return Prisma.sql`
    WITH ${listingTimes(campaign)},
    ${responders(campaign)},
    responding AS (
      SELECT account_id, count(*) FILTER (WHERE ${inCell('TARGET')})::int AS t_responding, count(*) FILTER (WHERE ${inCell('TEST')})::int AS c_responding
      FROM responders GROUP BY account_id
    ),
    groups AS (
      SELECT r.account_id, ${byEnrollment ? Prisma.sql`r.enrollment_id, r.cell, count(*)::int AS contacts,` : Prisma.empty}
        ${perCell('t', 'TARGET')}, ${perCell('c', 'TEST')}
      FROM campaign_recipients r
      LEFT JOIN listing_times lt ON lt.id = ${listingOf}
      CROSS JOIN LATERAL (SELECT ${listedAt} AS listed_at) listing
      WHERE r.campaign_id = ${campaign}
      GROUP BY ${byEnrollment ? Prisma.sql`GROUPING SETS ((r.account_id), (r.enrollment_id, r.cell))` : Prisma.sql`r.account_id`}
    ),
    changed AS (
      SELECT u.account_id, ${bits('t')}, ${bits('c')}
      FROM groups u JOIN status_changes sc ON sc.account_id = u.account_id AND sc.changed_at >= LEAST(u.t_listed_at, u.c_listed_at)
      WHERE u.account_id IS NOT NULL AND sc.changed_at >= ${since}
      GROUP BY u.account_id
    ),
    deals AS (
      SELECT o.account_id, count(*) AS won_deals, sum(o.amount) AS revenue
      FROM opportunities o JOIN campaign_sources s ON s.id = o.campaign_source_id
      WHERE s.campaign_id = ${campaign} AND o.stage = 'WON' AND o.currency IS NOT DISTINCT FROM ${currency}
      GROUP BY o.account_id
    ),
    lines AS (
      SELECT u.t_contacts, u.c_contacts, COALESCE(rs.t_responding, 0) AS t_responding, COALESCE(rs.c_responding, 0) AS c_responding, d.won_deals, d.revenue,
        COALESCE(ch.t_bits, 0) AS t_changes, COALESCE(ch.t_bits, 0) | ${current} AS t_reached,
        COALESCE(ch.c_bits, 0) AS c_changes, COALESCE(ch.c_bits, 0) | ${current} AS c_reached
      FROM groups u JOIN accounts a ON a.id = u.account_id
      LEFT JOIN changed ch ON ch.account_id = u.account_id
      LEFT JOIN responding rs ON rs.account_id = u.account_id
      LEFT JOIN deals d ON d.account_id = u.account_id
      WHERE u.account_id IS NOT NULL
    )${enrollmentParts}
    SELECT count(*) FILTER (WHERE t_contacts > 0 AND c_contacts > 0)::int AS both, ${totals('t')}, ${totals('c')},
      ${byEnrollment ? Prisma.sql`(SELECT COALESCE(json_agg(enrollment_lines), '[]') FROM enrollment_lines)` : Prisma.sql`'[]'::json`} AS enrollments
    FROM lines`;
}
