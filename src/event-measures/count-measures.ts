import type { DbClient } from '../db/prisma';
import { Prisma } from '../generated/prisma/client';
import { storedDefinition } from './measure-view';
import type { Cohort, CountDefinition, MeasureDefinition } from './measures.schemas';

// The counts behind an event's measures, each one set-based statement over the event's registrations.

export interface CountedMeasure {
  value: number | null;
  windowClosesAt: Date | null;
}

export interface ShownMeasure {
  key: string;
  name: string;
  definition: MeasureDefinition;
}

export interface EventMeasureCounts {
  /** The measures the event's report shows, in the catalog's order. */
  shown: ShownMeasure[];
  /** Each count a shown measure needs (its own, or those its ratio divides), by key. */
  counts: Map<string, CountedMeasure>;
  /** Every measure's name by key (a ratio names what it divides). */
  names: Map<string, string>;
}

interface MeasuredEvent {
  kind: string;
  startsAt: Date | null;
  endsAt: Date | null;
  noShowsCountedAt: Date | null;
}

const DAY_MS = 86_400_000;

export async function countEventMeasures(db: DbClient, eventId: string): Promise<EventMeasureCounts> {
  const [event, catalog] = await Promise.all([
    db.event.findUnique({ where: { id: eventId }, select: { kind: true, startsAt: true, endsAt: true, noShowsCountedAt: true } }),
    db.eventMeasure.findMany({ where: { archivedAt: null }, orderBy: [{ createdAt: 'asc' }, { key: 'asc' }] }),
  ]);
  const names = new Map(catalog.map((measure) => [measure.key, measure.name]));
  if (!event || catalog.length === 0) return { shown: [], counts: new Map(), names };
  const defined = catalog.map((measure) => ({ key: measure.key, name: measure.name, eventKinds: measure.eventKinds, definition: storedDefinition(measure) }));
  const kind = event.kind.trim().toLowerCase();
  const shown = defined.filter((measure) => measure.eventKinds.length === 0 || measure.eventKinds.includes(kind));
  const needed = new Set(shown.flatMap(({ key, definition }) => (definition.kind === 'ratio' ? [definition.numerator, definition.denominator] : [key])));
  const countable = defined.flatMap((measure) => (needed.has(measure.key) && measure.definition.kind !== 'ratio' ? [{ key: measure.key, definition: measure.definition }] : []));
  const counted = await Promise.all(countable.map(({ definition }) => countMeasure(db, eventId, event, definition)));
  return {
    shown: shown.map(({ key, name, definition }) => ({ key, name, definition })),
    counts: new Map(countable.map(({ key }, index) => [key, counted[index]!])),
    names,
  };
}

const cohortFilter: Record<Cohort, Prisma.Sql> = {
  registrants: Prisma.sql`r.status <> 'CANCELLED'`,
  attendees: Prisma.sql`r.checked_in_at IS NOT NULL`,
  noShows: Prisma.sql`r.no_show`,
};

/**
 * One count: the cohort's accounts, each with the moment its window opens (its first registration in
 * the cohort, or the event's start or end), joined with their activities or status changes in the
 * window. Activities the event itself logged (registrations, attendance) are left out: they are the
 * event, not its effect. No value when the window starts at a date the event does not have, or for
 * no-shows not counted yet.
 */
async function countMeasure(db: DbClient, eventId: string, event: MeasuredEvent, definition: CountDefinition): Promise<CountedMeasure> {
  const { window } = definition;
  const eventMoment = window.from === 'eventStart' ? event.startsAt : window.from === 'eventEnd' ? event.endsAt : null;
  if (window.from !== 'registration' && !eventMoment) return { value: null, windowClosesAt: null };
  if (definition.cohort === 'noShows' && !event.noShowsCountedAt) return { value: null, windowClosesAt: null };
  const opens = eventMoment ? Prisma.sql`CAST(${eventMoment} AS timestamptz)` : Prisma.sql`min(r.registered_at)`;
  const length = Prisma.sql`make_interval(days => ${window.days}::int)`;
  const cohort = Prisma.sql`
    windows AS (
      SELECT r.account_id, ${opens} AS opens FROM event_registrations r
      WHERE r.event_id = CAST(${eventId} AS uuid) AND ${cohortFilter[definition.cohort]}
      GROUP BY r.account_id
    )`;
  const [row] = await db.$queryRaw<{ value: number; closesAt: Date | null }[]>`
    WITH ${cohort}, ${definition.kind === 'activities' ? activityCount(eventId, definition, length) : statusCount(definition, length)}
    SELECT (SELECT value FROM counted) AS value, (SELECT max(opens) FROM windows) + ${length} AS "closesAt"`;
  const closesAt = eventMoment ? new Date(eventMoment.getTime() + window.days * DAY_MS) : (row?.closesAt ?? null);
  return { value: row?.value ?? 0, windowClosesAt: closesAt };
}

function activityCount(eventId: string, definition: Extract<CountDefinition, { kind: 'activities' }>, length: Prisma.Sql): Prisma.Sql {
  const types = definition.types ? Prisma.sql`AND a.type = ANY(CAST(${definition.types} AS "ActivityType"[]))` : Prisma.empty;
  const outcomes = definition.outcomes ? Prisma.sql`AND a.outcome = ANY(CAST(${definition.outcomes} AS "ActivityOutcome"[]))` : Prisma.empty;
  const counted = definition.count === 'accounts' ? Prisma.sql`count(DISTINCT a.account_id)` : Prisma.sql`count(*)`;
  return Prisma.sql`
    own AS (
      SELECT own.id FROM event_registrations r CROSS JOIN LATERAL (VALUES (r.activity_id), (r.attendance_activity_id)) own (id)
      WHERE r.event_id = CAST(${eventId} AS uuid) AND own.id IS NOT NULL
    ),
    counted AS (
      SELECT ${counted}::int AS value
      FROM windows w JOIN activities a ON a.account_id = w.account_id AND a.occurred_at >= w.opens AND a.occurred_at < w.opens + ${length}
      WHERE a.state = 'APPLIED' ${types} ${outcomes} AND a.id NOT IN (SELECT id FROM own)
    )`;
}

function statusCount(definition: Extract<CountDefinition, { kind: 'statusReached' }>, length: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    counted AS (
      SELECT count(DISTINCT sc.account_id)::int AS value
      FROM windows w JOIN status_changes sc ON sc.account_id = w.account_id AND sc.changed_at >= w.opens AND sc.changed_at < w.opens + ${length}
      WHERE sc.to_status = ANY(CAST(${definition.statuses} AS "AccountStatus"[]))
    )`;
}
