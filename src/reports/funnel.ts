import type { AccountCaller } from '../accounts/account-access';
import type { DbClient } from '../db/prisma';
import { Prisma } from '../generated/prisma/client';
import { toCsv } from './csv';
import { funnelMainPath, funnelStatuses, type FunnelQuery, type FunnelReport, type FunnelStatus } from './funnel.schemas';

interface FunnelRow {
  status: FunnelStatus;
  current: number;
  reached: number;
  median_seconds: number | null;
  finished_stays: number;
}

/**
 * The funnel over the accounts the caller may see (a manager: their own and the pool of NEW ones),
 * archived ones left out, filtered by segment, owner, lead source and creation day. Set-based
 * queries over status_changes: each status change is a stay, which ends at the account's next change (window lead); an
 * account "reached" a status when its history entered it (NEW: every account). Medians are over the
 * finished stays only, so a status nobody has left yet (CLIENT, mostly) has none.
 */
export async function getFunnelReport(db: DbClient, caller: AccountCaller, query: FunnelQuery): Promise<FunnelReport> {
  const ownerId = query.owner === 'me' ? caller.id : (query.ownerId ?? null);
  const conditions: Prisma.Sql[] = [Prisma.sql`a.archived_at IS NULL`];
  if (query.segment) conditions.push(Prisma.sql`a.segment = ${query.segment}`);
  if (query.leadSource) conditions.push(Prisma.sql`a.lead_source = ${query.leadSource}`);
  if (ownerId) conditions.push(Prisma.sql`a.owner_id = CAST(${ownerId} AS uuid)`);
  if (query.from) conditions.push(Prisma.sql`a.created_at >= (CAST(${query.from} AS date)::timestamp AT TIME ZONE 'UTC')`);
  if (query.to) conditions.push(Prisma.sql`a.created_at < ((CAST(${query.to} AS date) + 1)::timestamp AT TIME ZONE 'UTC')`);
  if (caller.role === 'manager') {
    conditions.push(Prisma.sql`(a.owner_id = CAST(${caller.id} AS uuid) OR (a.owner_id IS NULL AND a.status = 'NEW'))`);
  }

  const scope = Prisma.join(conditions, ' AND ');
  // Two statements at once, on two connections: each sorts or hashes every status change in scope, and
  // in one statement they ran one after the other (and count(DISTINCT) sorted by account: twice as slow).
  const [stays, counts] = await Promise.all([
    db.$queryRaw<Pick<FunnelRow, 'status' | 'median_seconds' | 'finished_stays'>[]>`
      WITH stays AS (
        SELECT sc.to_status,
          lead(sc.changed_at) OVER (PARTITION BY sc.account_id ORDER BY sc.changed_at, sc.id) - sc.changed_at AS spent
        FROM status_changes sc JOIN accounts a ON a.id = sc.account_id
        WHERE ${scope}
      )
      SELECT to_status::text AS status, extract(epoch FROM percentile_cont(0.5) WITHIN GROUP (ORDER BY spent))::float8 AS median_seconds,
        count(*)::int AS finished_stays
      FROM stays WHERE spent IS NOT NULL GROUP BY to_status`,
    db.$queryRaw<Pick<FunnelRow, 'status' | 'current' | 'reached'>[]>`
      WITH entered AS (
        SELECT sc.to_status AS status, count(*)::int AS n
        FROM (SELECT DISTINCT sc.account_id, sc.to_status FROM status_changes sc JOIN accounts a ON a.id = sc.account_id WHERE ${scope}) sc
        GROUP BY sc.to_status
      ),
      current AS (SELECT a.status, count(*)::int AS n FROM accounts a WHERE ${scope} GROUP BY a.status)
      SELECT st.status::text AS status, COALESCE(c.n, 0) AS current,
        CASE WHEN st.status = 'NEW' THEN (SELECT COALESCE(sum(n), 0)::int FROM current) ELSE COALESCE(e.n, 0) END AS reached
      FROM unnest(enum_range(NULL::"AccountStatus")) AS st(status)
      LEFT JOIN entered e ON e.status = st.status
      LEFT JOIN current c ON c.status = st.status`,
  ]);
  const stayOf = new Map(stays.map((row) => [row.status, row]));
  const rows: FunnelRow[] = counts.map((row) => ({ ...row, median_seconds: stayOf.get(row.status)?.median_seconds ?? null, finished_stays: stayOf.get(row.status)?.finished_stays ?? 0 }));

  const byStatus = new Map(rows.map((row) => [row.status, row]));
  const reached = (status: FunnelStatus) => byStatus.get(status)?.reached ?? 0;
  return {
    filters: { segment: query.segment ?? null, ownerId, leadSource: query.leadSource ?? null, from: query.from ?? null, to: query.to ?? null },
    accounts: reached('NEW'),
    steps: funnelStatuses.map((status) => {
      const row = byStatus.get(status);
      const index = (funnelMainPath as readonly string[]).indexOf(status);
      const previous = index > 0 ? reached(funnelMainPath[index - 1]) : 0;
      return {
        status,
        current: row?.current ?? 0,
        reached: reached(status),
        conversion: index > 0 && previous > 0 ? Math.round((reached(status) / previous) * 10_000) / 10_000 : null,
        medianSecondsInStatus: row?.median_seconds ?? null,
        finishedStays: row?.finished_stays ?? 0,
      };
    }),
  };
}

/** The funnel as CSV: one line per status. */
export function funnelCsv(report: FunnelReport): string {
  return toCsv(
    ['status', 'current', 'reached', 'conversion', 'median_seconds_in_status', 'finished_stays'],
    report.steps.map((step) => [step.status, step.current, step.reached, step.conversion, step.medianSecondsInStatus, step.finishedStays]),
  );
}
