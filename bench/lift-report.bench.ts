// The campaign return with its lift over a 1,000,000-contact list (10% test cell), against a bare
// one-pass count of the list by cell, alternated over several rounds; then the same list split over
// 60 enrollments of an evergreen campaign (the lift plus one line per enrollment).
// Issue 17's target: a million-contact list reports in seconds.
//
// Database: a fresh one of its own on DATABASE_URL's server (created and dropped here), else an
// embedded PostgreSQL in a throwaway folder. BENCH_CONTACTS (default 1,000,000), BENCH_ROUNDS (5).
import { applyMigrations } from '../src/db/migrate';
import { createPrismaClient, type Db } from '../src/db/prisma';
import { Prisma } from '../src/generated/prisma/client';
import { getCampaignReport } from '../src/reports/campaign-return';
import { openBenchDatabase } from './lib/bench-database';
import { alternatingRounds, time } from './lib/alternating-rounds';

const CONTACTS = Number(process.env.BENCH_CONTACTS ?? 1_000_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const CONTACTS_PER_ACCOUNT = 2;
const ENROLLMENTS = 60;

/**
 * Accounts with a status history, contacts, two campaigns (one with a LIST stage, one evergreen with
 * ENROLLMENTS enrollments) each listing every contact (every tenth in the test cell), 32,000 responses
 * (one in five naming the account only, which counts for both its contacts: 41,000 responding
 * contacts), status changes after the listing for 8% of the accounts, 5,000 won deals on the
 * campaigns' sub-sources.
 */
export async function seed(db: Db, adminId: string): Promise<{ listed: string; evergreen: string }> {
  const accounts = Math.ceil(CONTACTS / CONTACTS_PER_ACCOUNT);
  const listedAt = new Date(Date.now() - 60 * 86_400_000);
  await db.$executeRaw`
    INSERT INTO accounts (id, name, segment, status, fields, created_at, updated_at)
    SELECT md5('account' || i)::uuid, 'Account ' || i, 'bench',
      (CASE WHEN i % 100 < 3 THEN 'CONTRACT_SIGNED' WHEN i % 100 < 8 THEN 'POTENTIAL' ELSE 'NEW' END)::"AccountStatus", '{}', now() - interval '400 days', now()
    FROM generate_series(0, ${accounts - 1}::int) i`;
  await db.$executeRaw`
    INSERT INTO status_changes (id, account_id, to_status, reason, changed_at)
    SELECT gen_random_uuid(), md5('account' || i)::uuid, 'NEW'::"AccountStatus", 'bench', now() - interval '400 days' FROM generate_series(0, ${accounts - 1}::int) i
    UNION ALL
    SELECT gen_random_uuid(), md5('account' || i)::uuid, 'POTENTIAL', 'bench', now() - interval '30 days' FROM generate_series(0, ${accounts - 1}::int) i WHERE i % 100 < 8
    UNION ALL
    SELECT gen_random_uuid(), md5('account' || i)::uuid, 'CONTRACT_SIGNED', 'bench', now() - interval '10 days' FROM generate_series(0, ${accounts - 1}::int) i WHERE i % 100 < 3`;
  await db.$executeRaw`
    INSERT INTO contacts (id, account_id, name, email, email_normalized, is_primary, created_at)
    SELECT md5('contact' || i)::uuid, md5('account' || (i / ${CONTACTS_PER_ACCOUNT}::int))::uuid, 'Contact ' || i, 'person' || i || '@example.com', 'person' || i || '@example.com',
      i % ${CONTACTS_PER_ACCOUNT}::int = 0, now() - interval '400 days'
    FROM generate_series(0, ${CONTACTS - 1}::int) i`;

  const create = (name: string, evergreen: boolean) =>
    db.campaign.create({
      data: {
        name, currency: 'EUR', status: 'RUNNING',
        ...(evergreen ? { evergreen: { segmentId: '00000000-0000-4000-8000-000000000000', schedule: { every: 'P1D' } } } : {}),
        sources: { create: [{ code: 'S1', name: 'Source one' }, { code: 'S2', name: 'Source two' }] },
        stages: { create: [{ position: 0, type: evergreen ? 'MAILING' : 'LIST', status: 'COMPLETED', startedAt: listedAt }] },
      },
      include: { sources: true, stages: true },
    });
  const campaigns = [await create('Bench listed campaign', false), await create('Bench evergreen campaign', true)];
  const [listed, evergreen] = campaigns;
  await db.$executeRaw`
    INSERT INTO campaign_enrollments (id, campaign_id, number, scheduled_for, enrolled_at, counts, status)
    SELECT gen_random_uuid(), CAST(${evergreen.id} AS uuid), n, ${listedAt}::timestamptz + n * interval '12 hours', ${listedAt}::timestamptz + n * interval '12 hours',
      jsonb_build_object('matched', ${Math.ceil(CONTACTS / ENROLLMENTS)}::int, 'listed', ${Math.ceil(CONTACTS / ENROLLMENTS)}::int), 'COMPLETED'
    FROM generate_series(1, ${ENROLLMENTS}::int) n`;
  for (const campaign of campaigns) {
    // In primary-key order, as the freeze writes it.
    await db.$executeRaw`
      INSERT INTO campaign_recipients (campaign_id, contact_id, account_id, email_normalized, cell, list_stage_id, enrollment_id)
      SELECT CAST(${campaign.id} AS uuid), c.id, c.account_id, c.email_normalized,
        (CASE WHEN g.i % 10 = 0 THEN 'TEST' ELSE 'TARGET' END)::"ListCell", CAST(${campaign.stages[0].id} AS uuid),
        ${campaign.evergreen ? Prisma.sql`(SELECT id FROM campaign_enrollments WHERE campaign_id = CAST(${campaign.id} AS uuid) AND number = 1 + g.i % ${ENROLLMENTS}::int)` : Prisma.sql`NULL::uuid`}
      FROM generate_series(0, ${CONTACTS - 1}::int) g(i) JOIN contacts c ON c.id = md5('contact' || g.i)::uuid
      ORDER BY c.id`;
    await db.$executeRaw`
      INSERT INTO responses (id, campaign_id, source_id, account_id, contact_id, type, occurred_at, created_by_id)
      SELECT gen_random_uuid(), CAST(${campaign.id} AS uuid), CASE WHEN g.i % 2 = 0 THEN CAST(${campaign.sources[0].id} AS uuid) ELSE CAST(${campaign.sources[1].id} AS uuid) END, md5('account' || (g.i / ${CONTACTS_PER_ACCOUNT}::int))::uuid,
        CASE WHEN g.i % 5 = 1 THEN NULL ELSE md5('contact' || g.i)::uuid END, 'CALL', now() - interval '1 day', CAST(${adminId} AS uuid)
      FROM generate_series(0, ${CONTACTS - 1}::int) g(i)
      WHERE (g.i % 10 <> 0 AND g.i % 100 < 4) OR (g.i % 10 = 0 AND g.i % 1000 < 20)`;
    await db.$executeRaw`
      INSERT INTO opportunities (id, account_id, name, amount, currency, stage, campaign_source_id, created_by_id, created_at, updated_at)
      SELECT gen_random_uuid(), md5('account' || (i * 7))::uuid, 'Bench deal', 100 + i % 900, 'EUR', 'WON', CAST(${campaign.sources[0].id} AS uuid), CAST(${adminId} AS uuid), now(), now()
      FROM generate_series(0, 4999) i`;
  }
  for (const table of ['accounts', 'contacts', 'status_changes', 'campaign_recipients', 'responses', 'opportunities', 'campaign_enrollments']) await db.$executeRawUnsafe(`VACUUM ANALYZE ${table}`);
  return { listed: listed.id, evergreen: evergreen.id };
}

async function main() {
  const database = await openBenchDatabase('lift');
  const db = createPrismaClient(database.url);
  try {
    await applyMigrations(database.url);
    const admin = await db.user.create({ data: { email: 'bench-admin@example.com', name: 'Bench admin', role: 'admin' }, select: { id: true } });
    const seeded = await time(() => seed(db, admin.id));
    const { listed, evergreen } = seeded.value;
    console.log(`seeded ${CONTACTS.toLocaleString('en')} contacts listed twice (a LIST stage, ${ENROLLMENTS} enrollments) in ${(seeded.ms / 1000).toFixed(1)} s`);

    const cases: { name: string; run: () => Promise<unknown> }[] = [
      { name: 'baseline: SELECT cell, count(*) … GROUP BY cell', run: () => db.$queryRaw`SELECT cell, count(*)::int AS n FROM campaign_recipients WHERE campaign_id = CAST(${listed} AS uuid) GROUP BY cell` },
      { name: 'campaign return with its lift (LIST stage)', run: () => getCampaignReport(db, listed) },
      { name: `the same, evergreen (lift + ${ENROLLMENTS} enrollment lines)`, run: () => getCampaignReport(db, evergreen) },
    ];
    const first = (await cases[1].run()) as Awaited<ReturnType<typeof getCampaignReport>>;
    const { target, test } = first.lift;
    console.log(`lift: target ${target.respondingContacts}/${target.contacts}, test ${test.respondingContacts}/${test.contacts}, response-rate lift ${first.lift.responseRate?.absoluteLift} (p ${first.lift.responseRate?.pValue})`);

    await alternatingRounds(cases, ROUNDS, `campaign return with lift over ${CONTACTS.toLocaleString('en')} listed contacts`);
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
