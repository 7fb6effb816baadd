import type { DbClient } from '../db/prisma';
import { AppError } from '../errors/app-error';
import { Prisma } from '../generated/prisma/client';
import { contractSignedBit, reachedCounts, statusBit } from '../reports/campaign-return-status-bits';
import { statuses } from '../rules/lifecycle';
import { countEventMeasures } from '../event-measures/count-measures';
import { reportMeasures } from '../event-measures/report-measures';
import { eventCostFigures } from './event-report-costs';
import type { EventReport } from './event-report.schemas';

interface EventRow {
  id: string;
  name: string;
  status: EventReport['status'];
  startsAt: Date | null;
  endsAt: Date | null;
  currency: string | null;
  noShows: number | null;
  planned: string;
  actual: string;
  hasActual: boolean;
  invited: number;
  registered: number;
  waiting: number;
  cancelled: number;
  attended: number;
  newAccounts: number;
  bySource: EventReport['bySource'];
  registrationsByDay: EventReport['registrationsByDay'];
}

interface ReachedRow {
  reached: Record<string, number> | null;
  contracts: number;
}

interface RevenueRow {
  currency: string;
  deals: number;
  revenue: string;
}

/**
 * The effect of one event, computed in PostgreSQL by set-based queries run side by side: the event
 * with its registration figures (one pass over its registrations), costs and invitations; what the
 * registrants' accounts reached; the revenue of their deals; and one per count of the event measures
 * it shows. On 100,000 registrations each query reads the event's registrations once
 * (bench/event-report.bench.ts).
 */
export async function getEventReport(db: DbClient, eventId: string): Promise<EventReport> {
  const [[event], reached, revenueRows, measureCounts] = await Promise.all([
    eventFigures(db, eventId),
    reachedSinceRegistration(db, eventId),
    revenueOfRegistrants(db, eventId),
    countEventMeasures(db, eventId),
  ]);
  if (!event) throw new AppError('NOT_FOUND', `No event ${eventId}`);
  // Amounts in one currency only: the event's (else its campaign's), else the one most of the deals are in.
  const revenue = event.currency ? revenueRows.find((row) => row.currency === event.currency) : revenueRows[0];
  const contracts = reached.contracts;
  const costs = eventCostFigures({ planned: event.planned, actual: event.actual, hasActual: event.hasActual }, event.attended, contracts);
  const measures = reportMeasures(measureCounts, {
    invited: event.invited, registered: event.registered, waiting: event.waiting, cancelled: event.cancelled, attended: event.attended,
    noShows: event.noShows, newAccounts: event.newAccounts, contracts, revenue: Number(revenue?.revenue ?? 0),
    plannedCost: Number(costs.plannedCost), actualCost: Number(costs.actualCost),
  });
  return {
    eventId: event.id,
    name: event.name,
    status: event.status,
    startsAt: event.startsAt?.toISOString() ?? null,
    endsAt: event.endsAt?.toISOString() ?? null,
    currency: event.currency ?? revenue?.currency ?? null,
    invited: event.invited,
    registered: event.registered,
    waiting: event.waiting,
    cancelled: event.cancelled,
    attended: event.attended,
    noShows: event.noShows,
    newAccounts: event.newAccounts,
    statusesReached: statuses.map((status) => ({ status, accounts: reached.reached?.[status] ?? 0 })),
    contracts,
    revenue: revenue?.revenue ?? '0.00',
    ...costs,
    bySource: event.bySource,
    registrationsByDay: event.registrationsByDay,
    measures,
  };
}

/**
 * The event, its costs and invitations, and its registrations counted in one pass with grouping sets:
 * cells of (status, attended, created an account, code) that the totals and the lines per sub-source add
 * up, and counts per 15-minute span (UTC) of registration and of cancellation that the lines per day add
 * up. Spans rather than local days: converting a few thousand spans to the event's time zone instead of
 * every row halves the time on 100,000 registrations, and a span never straddles a local midnight since
 * every zone's offset is a whole number of quarter hours. Per sub-source: one line per sub-source (in
 * the event's order) and per code registrations carry that no sub-source has (any longer); a
 * registration without a code counts under the first sub-source, as it was recorded. No row: no such event.
 */
function eventFigures(db: DbClient, eventId: string): Promise<EventRow[]> {
  return db.$queryRaw<EventRow[]>`
    WITH grouped AS (
      SELECT r.status, r.checked_in_at IS NOT NULL AS attended, r.created_account, lower(r.source_code) AS key, min(r.source_code) AS code,
        date_bin('15 minutes', r.registered_at, TIMESTAMPTZ '2000-01-01 00:00Z') AS registered_span,
        date_bin('15 minutes', r.cancelled_at, TIMESTAMPTZ '2000-01-01 00:00Z') AS cancelled_span,
        count(*)::int AS n, GROUPING(r.status) = 0 AS is_cell
      FROM event_registrations r
      WHERE r.event_id = CAST(${eventId} AS uuid)
      GROUP BY GROUPING SETS (
        (r.status, r.checked_in_at IS NOT NULL, r.created_account, lower(r.source_code)),
        (date_bin('15 minutes', r.registered_at, TIMESTAMPTZ '2000-01-01 00:00Z')),
        (date_bin('15 minutes', r.cancelled_at, TIMESTAMPTZ '2000-01-01 00:00Z'))
      )
    ),
    cells AS (SELECT * FROM grouped WHERE is_cell),
    sources AS (
      SELECT code, lower(code) AS key, row_number() OVER (ORDER BY created_at, id) AS position
      FROM event_sources WHERE event_id = CAST(${eventId} AS uuid)
    ),
    source_lines AS (
      SELECT COALESCE(s.code, l.code) AS code, s.position, COALESCE(l.registered, 0) AS registered, COALESCE(l.attended, 0) AS attended, COALESCE(l.new_accounts, 0) AS new_accounts
      FROM sources s FULL JOIN (
        SELECT COALESCE(c.key, (SELECT key FROM sources WHERE position = 1)) AS key, min(c.code) AS code,
          COALESCE(sum(c.n) FILTER (WHERE c.status = 'REGISTERED'), 0)::int AS registered,
          COALESCE(sum(c.n) FILTER (WHERE c.attended), 0)::int AS attended,
          COALESCE(sum(c.n) FILTER (WHERE c.created_account), 0)::int AS new_accounts
        FROM cells c GROUP BY 1
      ) l ON l.key = s.key
    ),
    zone AS (SELECT time_zone FROM events WHERE id = CAST(${eventId} AS uuid)),
    day_lines AS (
      SELECT day, sum(registered)::int AS registered, sum(cancelled)::int AS cancelled FROM (
        SELECT (g.registered_span AT TIME ZONE z.time_zone)::date AS day, g.n AS registered, 0 AS cancelled FROM grouped g, zone z WHERE g.registered_span IS NOT NULL
        UNION ALL
        SELECT (g.cancelled_span AT TIME ZONE z.time_zone)::date, 0, g.n FROM grouped g, zone z WHERE g.cancelled_span IS NOT NULL
      ) moments GROUP BY day
    )
    SELECT e.id::text, e.name, e.status::text AS status, e.starts_at AS "startsAt", e.ends_at AS "endsAt",
      COALESCE(e.currency, k.currency) AS currency, e.no_shows AS "noShows",
      costs.planned, costs.actual, costs.has_actual AS "hasActual",
      (SELECT count(*)::int FROM event_invitations i WHERE i.event_id = e.id) AS invited,
      totals.registered, totals.waiting, totals.cancelled, totals.attended, totals.new_accounts AS "newAccounts",
      (SELECT COALESCE(json_agg(json_build_object('code', code, 'registered', registered, 'attended', attended, 'newAccounts', new_accounts)
        ORDER BY position NULLS LAST, code NULLS LAST), '[]'::json) FROM source_lines) AS "bySource",
      (SELECT COALESCE(json_agg(json_build_object('date', to_char(day, 'YYYY-MM-DD'), 'registered', registered, 'cancelled', cancelled) ORDER BY day), '[]'::json)
        FROM day_lines) AS "registrationsByDay"
    FROM events e
    LEFT JOIN campaigns k ON k.id = e.campaign_id
    CROSS JOIN LATERAL (
      SELECT COALESCE(sum(planned), 0)::numeric(20, 2)::text AS planned, COALESCE(sum(actual), 0)::numeric(20, 2)::text AS actual,
        bool_or(actual IS NOT NULL) IS TRUE AS has_actual
      FROM event_costs WHERE event_id = e.id
    ) costs
    CROSS JOIN (
      SELECT COALESCE(sum(n) FILTER (WHERE status = 'REGISTERED'), 0)::int AS registered,
        COALESCE(sum(n) FILTER (WHERE status = 'WAITING'), 0)::int AS waiting,
        COALESCE(sum(n) FILTER (WHERE status = 'CANCELLED'), 0)::int AS cancelled,
        COALESCE(sum(n) FILTER (WHERE attended), 0)::int AS attended,
        COALESCE(sum(n) FILTER (WHERE created_account), 0)::int AS new_accounts
      FROM cells
    ) totals
    WHERE e.id = CAST(${eventId} AS uuid)`;
}

/**
 * The registrants' accounts (registrations not cancelled), each from its first registration on: the
 * statuses it changed to at or after that moment, as status bits (campaign-return-status-bits.ts), and
 * the contracts as the campaign return counts them (a change to CONTRACT_SIGNED since then). A change
 * at or after any registration of the account is one at or after its first, so the registrations join
 * the status changes directly (no per-account minimum to aggregate first); bit_or absorbs the repeats.
 */
async function reachedSinceRegistration(db: DbClient, eventId: string): Promise<ReachedRow> {
  const [row] = await db.$queryRaw<ReachedRow[]>`
    WITH changed AS (
      SELECT r.account_id, bit_or(${statusBit(Prisma.sql`sc.to_status`)}) AS bits
      FROM event_registrations r JOIN status_changes sc ON sc.account_id = r.account_id AND sc.changed_at >= r.registered_at
      WHERE r.event_id = CAST(${eventId} AS uuid) AND r.status <> 'CANCELLED'
      GROUP BY r.account_id
    )
    SELECT ${reachedCounts(Prisma.sql`bits`)} AS reached, (count(*) FILTER (WHERE bits & ${contractSignedBit}::int <> 0))::int AS contracts
    FROM changed`;
  return row ?? { reached: null, contracts: 0 };
}

/**
 * WON opportunities of the registrants' accounts (registrations not cancelled), per currency. For an
 * event of a campaign: those linked to the campaign sources mirroring the event's sub-sources. An event
 * without a campaign has no sub-source deals link to: those whose last change (opportunities keep no
 * close date; a WON deal's last change is its win) came at or after a registration of the account.
 * Which of the two applies is decided once per query (a one-time filter on the event's campaign).
 */
function revenueOfRegistrants(db: DbClient, eventId: string): Promise<RevenueRow[]> {
  return db.$queryRaw<RevenueRow[]>`
    WITH event AS (SELECT campaign_id FROM events WHERE id = CAST(${eventId} AS uuid)),
    won AS (
      SELECT o.id, o.currency, o.amount FROM opportunities o
      WHERE (SELECT campaign_id FROM event) IS NOT NULL AND o.stage = 'WON'
        AND o.campaign_source_id IN (SELECT campaign_source_id FROM event_sources WHERE event_id = CAST(${eventId} AS uuid))
        AND o.account_id IN (SELECT account_id FROM event_registrations WHERE event_id = CAST(${eventId} AS uuid) AND status <> 'CANCELLED')
      UNION ALL
      SELECT o.id, o.currency, o.amount FROM opportunities o
      WHERE (SELECT campaign_id FROM event) IS NULL AND o.stage = 'WON'
        AND EXISTS (
          SELECT 1 FROM event_registrations r
          WHERE r.event_id = CAST(${eventId} AS uuid) AND r.account_id = o.account_id AND r.status <> 'CANCELLED' AND r.registered_at <= o.updated_at
        )
    )
    SELECT currency, count(*)::int AS deals, sum(amount)::numeric(20, 2)::text AS revenue
    FROM won GROUP BY currency ORDER BY count(*) DESC, currency`;
}
