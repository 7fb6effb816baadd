// The event report (GET /events/:id/report) for one event with 100,000 registrations, against a bare
// count of its registrations by status, alternated over several rounds. Issue 18: the report is
// computed in SQL, set-based, fast on 100k registrations.
//
// The report alone, and with four event measures (three counts and a ratio) over activities logged
// on every account after the event: what user-defined measures add.
//
// Database: a fresh one of its own on DATABASE_URL's server (created and dropped here), else an
// embedded PostgreSQL in a throwaway folder. BENCH_REGISTRATIONS (default 100,000), BENCH_ROUNDS (5).
import { applyMigrations } from '../src/db/migrate';
import { createPrismaClient, type Db } from '../src/db/prisma';
import { getEventReport } from '../src/events/event-report';
import { openBenchDatabase } from './lib/bench-database';
import { alternatingRounds, time, type BenchCase } from './lib/alternating-rounds';

const REGISTRATIONS = Number(process.env.BENCH_REGISTRATIONS ?? 100_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

/**
 * An event of a campaign with two mirrored sub-sources; one account and contact per registration (every
 * tenth WAITING, every tenth CANCELLED, 60% of the rest checked in, every fifth creating its account),
 * spread over 60 days; half the people invited; a NEW status change before the registration for every
 * account and, after it, MEETING_HELD for 8% and CONTRACT_SIGNED for 3%; 5,000 WON deals on the
 * sub-sources; a MEETING (every third a CALL) on every account after the event; a second event with as
 * many registrations of the same accounts, so the report must pick its own.
 */
export async function seed(db: Db, adminId: string): Promise<string> {
  const n = REGISTRATIONS;
  await db.$executeRaw`
    INSERT INTO accounts (id, name, status, fields, created_at, updated_at)
    SELECT md5('account' || i)::uuid, 'Account ' || i, 'NEW', '{}', now() - interval '400 days', now() FROM generate_series(0, ${n - 1}::int) i`;
  await db.$executeRaw`
    INSERT INTO contacts (id, account_id, name, email, email_normalized, is_primary, created_at)
    SELECT md5('contact' || i)::uuid, md5('account' || i)::uuid, 'Contact ' || i, 'person' || i || '@example.com', 'person' || i || '@example.com', true, now() - interval '400 days'
    FROM generate_series(0, ${n - 1}::int) i`;
  const campaign = await db.campaign.create({
    data: { name: 'Bench event campaign', currency: 'EUR', status: 'RUNNING', sources: { create: [{ code: 'WEB', name: 'Web' }, { code: 'PARTNER', name: 'Partner' }] } },
    include: { sources: true },
  });
  const event = await db.event.create({
    data: {
      name: 'Bench fair', kind: 'trade fair', ownerId: adminId, campaignId: campaign.id, currency: 'EUR', timeZone: 'Europe/Prague', status: 'COMPLETED', noShows: 0,
      startsAt: new Date(Date.now() - 86_400_000), endsAt: new Date(Date.now() - 80_000_000),
      sources: { create: campaign.sources.map((source) => ({ code: source.code, name: source.name, campaignSourceId: source.id })) },
      costs: { create: [{ label: 'Hall', planned: 20_000, actual: 21_500.5 }, { label: 'Catering', planned: 8_000 }] },
    },
  });
  const other = await db.event.create({ data: { name: 'Other bench event', kind: 'seminar', ownerId: adminId, status: 'SCHEDULED' } });
  for (const [eventId, factor] of [[event.id, 1], [other.id, 2]] as const) {
    await db.$executeRaw`
      INSERT INTO event_registrations (id, event_id, contact_id, account_id, status, channel, source_code, created_account, registered_at, confirmed_at, cancelled_at, checked_in_at, no_show, updated_at)
      SELECT gen_random_uuid(), CAST(${eventId} AS uuid), md5('contact' || i)::uuid, md5('account' || i)::uuid,
        (CASE WHEN i % 10 = 0 THEN 'WAITING' WHEN i % 10 = 1 THEN 'CANCELLED' ELSE 'REGISTERED' END)::"RegistrationStatus", 'PUBLIC',
        CASE WHEN i % 3 = 0 THEN NULL WHEN i % 3 = 1 THEN 'WEB' ELSE 'PARTNER' END, i % 5 = 0,
        now() - (${factor}::int * interval '60 days') * (i::float / ${n}::int) - interval '2 days',
        CASE WHEN i % 10 > 1 THEN now() - interval '2 days' END,
        CASE WHEN i % 10 = 1 THEN now() - interval '1 day' END,
        CASE WHEN i % 10 > 1 AND i % 10 < 8 THEN now() - interval '1 day' END,
        i % 10 >= 8, now()
      FROM generate_series(0, ${n - 1}::int) i`;
  }
  await db.$executeRaw`
    INSERT INTO event_invitations (event_id, contact_id, account_id, created_at)
    SELECT CAST(${event.id} AS uuid), md5('contact' || i)::uuid, md5('account' || i)::uuid, now() - interval '90 days' FROM generate_series(0, ${n - 1}::int) i WHERE i % 2 = 0`;
  await db.$executeRaw`
    INSERT INTO status_changes (id, account_id, to_status, reason, changed_at)
    SELECT gen_random_uuid(), md5('account' || i)::uuid, 'NEW'::"AccountStatus", 'bench', now() - interval '400 days' FROM generate_series(0, ${n - 1}::int) i
    UNION ALL
    SELECT gen_random_uuid(), md5('account' || i)::uuid, 'MEETING_HELD', 'bench', now() - interval '1 day' FROM generate_series(0, ${n - 1}::int) i WHERE i % 100 < 8
    UNION ALL
    SELECT gen_random_uuid(), md5('account' || i)::uuid, 'CONTRACT_SIGNED', 'bench', now() - interval '12 hours' FROM generate_series(0, ${n - 1}::int) i WHERE i % 100 < 3`;
  await db.$executeRaw`
    INSERT INTO opportunities (id, account_id, name, amount, currency, stage, campaign_source_id, created_by_id, created_at, updated_at)
    SELECT gen_random_uuid(), md5('account' || ((i * 7) % ${n}::int))::uuid, 'Bench deal', 100 + i % 900, 'EUR', 'WON',
      CASE WHEN i % 2 = 0 THEN CAST(${campaign.sources[0]!.id} AS uuid) ELSE CAST(${campaign.sources[1]!.id} AS uuid) END, CAST(${adminId} AS uuid), now(), now()
    FROM generate_series(0, 4999) i`;
  await db.$executeRaw`
    INSERT INTO activities (id, account_id, type, outcome, occurred_at, logged_by_id, state, created_at)
    SELECT gen_random_uuid(), md5('account' || i)::uuid, (CASE WHEN i % 3 = 0 THEN 'CALL' ELSE 'MEETING' END)::"ActivityType",
      (CASE WHEN i % 2 = 0 THEN 'MEETING_HELD' ELSE 'CONTACT_MADE' END)::"ActivityOutcome", now() - interval '6 hours', CAST(${adminId} AS uuid), 'APPLIED', now()
    FROM generate_series(0, ${n - 1}::int) i`;
  for (const table of ['accounts', 'contacts', 'status_changes', 'event_registrations', 'event_invitations', 'opportunities', 'activities']) await db.$executeRawUnsafe(`VACUUM ANALYZE ${table}`);
  return event.id;
}

const benchMeasures = [
  { key: 'meetings-after', name: 'Meetings within 30 days', definition: { kind: 'activities', cohort: 'attendees', types: ['MEETING'], outcomes: ['MEETING_HELD'], window: { from: 'eventEnd', days: 30 }, count: 'accounts' } },
  { key: 'signed-90', name: 'Signed within 90 days', definition: { kind: 'statusReached', cohort: 'registrants', statuses: ['CONTRACT_SIGNED', 'CLIENT'], window: { from: 'registration', days: 90 } } },
  { key: 'touches-60', name: 'Activities within 60 days', definition: { kind: 'activities', cohort: 'registrants', window: { from: 'registration', days: 60 }, count: 'activities' } },
  { key: 'meeting-rate', name: 'Meeting rate', definition: { kind: 'ratio', numerator: 'meetings-after', denominator: 'attended', percent: true } },
];

/** The four measures, archived: the plain report's rounds hide them, the measured ones show them. */
async function defineMeasures(db: Db): Promise<void> {
  for (const measure of benchMeasures) await db.eventMeasure.create({ data: { ...measure, archivedAt: new Date() } });
}
const showMeasures = (db: Db, shown: boolean) => db.eventMeasure.updateMany({ data: { archivedAt: shown ? null : new Date() } });

async function main() {
  const database = await openBenchDatabase('event_report');
  const db = createPrismaClient(database.url);
  try {
    await applyMigrations(database.url);
    const admin = await db.user.create({ data: { email: 'bench-admin@example.com', name: 'Bench admin', role: 'admin' }, select: { id: true } });
    const seeded = await time(() => seed(db, admin.id));
    const eventId = seeded.value;
    console.log(`seeded ${REGISTRATIONS.toLocaleString('en')} registrations (twice: two events) in ${(seeded.ms / 1000).toFixed(1)} s`);

    await defineMeasures(db);
    const cases: BenchCase[] = [
      { name: 'baseline: registrations by status', run: () => db.$queryRaw`SELECT status, count(*)::int AS n FROM event_registrations WHERE event_id = CAST(${eventId} AS uuid) GROUP BY status` },
      { name: 'event report', before: () => showMeasures(db, false), run: () => getEventReport(db, eventId) },
      { name: 'event report with 4 measures', before: () => showMeasures(db, true), run: () => getEventReport(db, eventId) },
    ];
    await showMeasures(db, true);
    const report = await getEventReport(db, eventId);
    console.log(`measures: ${report.measures.map((measure) => `${measure.key} ${measure.value}`).join(', ')}`);
    console.log(
      `report: registered ${report.registered}, waiting ${report.waiting}, cancelled ${report.cancelled}, attended ${report.attended}, invited ${report.invited}, ` +
        `contracts ${report.contracts}, revenue ${report.revenue} ${report.currency}, cost per attendee ${report.costPerAttendee}, ${report.registrationsByDay.length} days`,
    );
    await alternatingRounds(cases, ROUNDS, `event report over ${REGISTRATIONS.toLocaleString('en')} registrations`);
  } finally {
    await db.$disconnect();
    await database.stop();
  }
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
