// The reports on 100,000 accounts (each with its status history) and 1,000,000 activities, seeded
// set-based (generate_series): GET /api/v1/reports/funnel (all accounts as an admin, one manager's
// scope, a segment + period filter) and the return of a campaign with 20 sub-sources, a response
// from every fifth account and 5,000 linked deals; each against a bare baseline
// over the same rows (SELECT status, count(*) … GROUP BY status), alternated over several rounds.
// Issue 6's target: under one second.
//
// The whole system as `npm start` runs it (bench/lib/bench-system.ts). BENCH_ACCOUNTS (default
// 100,000), BENCH_ACTIVITIES_PER_ACCOUNT (default 10), BENCH_ROUNDS (default 5).
import { createPrismaClient, type Db } from '../src/db/prisma';
import { apiKeyPrefix, generateApiKey, hashApiKey } from '../src/users/api-keys';
import { startBenchSystem } from './lib/bench-system';
import { alternatingRounds, time } from './lib/alternating-rounds';

const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 100_000);
const ACTIVITIES_PER_ACCOUNT = Number(process.env.BENCH_ACTIVITIES_PER_ACCOUNT ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const MANAGERS = 10;

async function get(baseUrl: string, key: string, url: string): Promise<any> {
  const response = await fetch(`${baseUrl}${url}`, { headers: { Authorization: `Bearer ${key}` } });
  if (!response.ok) throw new Error(`GET ${url}: ${response.status} ${await response.text()}`);
  return response.json();
}

/** Managers (the first with an API key), accounts with their histories, activities: all set-based. */
export async function seed(db: Db): Promise<{ managerKey: string; adminId: string }> {
  const admin = await db.user.findFirstOrThrow({ where: { role: 'admin' }, select: { id: true } });
  const managerKey = generateApiKey();
  const managerIds: string[] = [];
  for (let n = 0; n < MANAGERS; n++) {
    const manager = await db.user.create({
      data: { email: `bench-manager-${n}@example.com`, name: `Bench manager ${n}`, role: 'manager', ...(n === 0 ? { apiKeys: { create: { keyHash: hashApiKey(managerKey), prefix: apiKeyPrefix(managerKey) } } } : {}) },
      select: { id: true },
    });
    managerIds.push(manager.id);
  }
  // Each account's path through the lifecycle, from a hash of its number: 20% still NEW (in the pool),
  // then POTENTIAL 25%, CONTACT_ESTABLISHED 20%, MEETING_HELD 13%, CONTRACT_SIGNED 7%, CLIENT 7%,
  // REFUSED 6% (after a contact), LOST 2% (after being a client). Created over the last two years;
  // each stay lasts from 1 to 30 days.
  await db.$executeRawUnsafe(`
    CREATE UNLOGGED TABLE bench_paths AS
    SELECT i, gen_random_uuid() AS id,
      (CASE WHEN h < 20 THEN ARRAY['NEW']
            WHEN h < 45 THEN ARRAY['NEW','POTENTIAL']
            WHEN h < 65 THEN ARRAY['NEW','POTENTIAL','CONTACT_ESTABLISHED']
            WHEN h < 78 THEN ARRAY['NEW','POTENTIAL','CONTACT_ESTABLISHED','MEETING_HELD']
            WHEN h < 85 THEN ARRAY['NEW','POTENTIAL','CONTACT_ESTABLISHED','MEETING_HELD','CONTRACT_SIGNED']
            WHEN h < 92 THEN ARRAY['NEW','POTENTIAL','CONTACT_ESTABLISHED','MEETING_HELD','CONTRACT_SIGNED','CLIENT']
            WHEN h < 98 THEN ARRAY['NEW','POTENTIAL','CONTACT_ESTABLISHED','REFUSED']
            ELSE ARRAY['NEW','POTENTIAL','CONTACT_ESTABLISHED','MEETING_HELD','CONTRACT_SIGNED','CLIENT','LOST'] END)::"AccountStatus"[] AS path,
      now() - ((i % 730) * interval '1 day') - interval '400 days' AS created_at
    FROM (SELECT i, (i * 7919) % 100 AS h FROM generate_series(1, ${ACCOUNTS}) i) g`);
  await db.$executeRaw`
    INSERT INTO accounts (id, name, segment, owner_id, status, was_client, lead_source, fields, created_at, updated_at)
    SELECT p.id, 'Bench account ' || p.i, (ARRAY['retail','wholesale','pharmacy','hospital'])[1 + p.i % 4],
      CASE WHEN cardinality(p.path) = 1 THEN NULL ELSE (CAST(${managerIds} AS uuid[]))[1 + p.i % ${MANAGERS}] END,
      p.path[cardinality(p.path)], 'CLIENT' = ANY(p.path), (ARRAY['fair','web','press','referral','phone'])[1 + p.i % 5], '{}', p.created_at, now()
    FROM bench_paths p`;
  await db.$executeRaw`
    INSERT INTO status_changes (id, account_id, from_status, to_status, changed_by_id, reason, changed_at)
    SELECT gen_random_uuid(), p.id, CASE WHEN s.n > 1 THEN p.path[s.n - 1] END, s.status, CAST(${admin.id} AS uuid), 'bench',
      p.created_at + ((s.n - 1) * ((p.i % 30) + 1) * interval '1 day')
    FROM bench_paths p, unnest(p.path) WITH ORDINALITY AS s(status, n)`;
  await db.$executeRaw`
    INSERT INTO activities (id, account_id, type, outcome, occurred_at, logged_by_id, state, created_at)
    SELECT gen_random_uuid(), p.id, (ARRAY['CALL','MEETING','EMAIL','FAX','NOTE']::"ActivityType"[])[1 + (p.i + k) % 5],
      (ARRAY['CONTACT_MADE','NO_ANSWER','INTERESTED','MEETING_HELD']::"ActivityOutcome"[])[1 + (p.i * k) % 4],
      p.created_at + k * interval '1 day', CAST(${admin.id} AS uuid), 'APPLIED', p.created_at + k * interval '1 day'
    FROM bench_paths p, generate_series(1, ${ACTIVITIES_PER_ACCOUNT}::int) k`;
  for (const table of ['accounts', 'status_changes', 'activities', 'users']) await db.$executeRawUnsafe(`VACUUM ANALYZE ${table}`);
  return { managerKey, adminId: admin.id };
}

/** A campaign with a child, 20 sub-sources, a response from every fifth account, 5,000 deals linked to its sources. */
export async function seedCampaign(db: Db, adminId: string): Promise<string> {
  const campaign = await db.campaign.create({ data: { name: 'Bench press campaign', budgetAmount: 50_000, currency: 'EUR' }, select: { id: true } });
  const child = await db.campaign.create({ data: { name: 'Bench web campaign', parentId: campaign.id, budgetAmount: 10_000, currency: 'EUR' }, select: { id: true } });
  await db.campaignSource.createMany({
    data: Array.from({ length: 20 }, (_, n) => ({ campaignId: n < 15 ? campaign.id : child.id, code: `SRC-${n}`, name: `Publication ${n}`, cost: 1000 + n * 100 })),
  });
  await db.$executeRaw`
    INSERT INTO responses (id, campaign_id, source_id, account_id, type, occurred_at, created_by_id)
    SELECT gen_random_uuid(), s.campaign_id, s.id, p.id, 'CALL', p.created_at, CAST(${adminId} AS uuid)
    FROM bench_paths p
    JOIN (SELECT id, campaign_id, row_number() OVER (ORDER BY code) - 1 AS n FROM campaign_sources) s ON s.n = (p.i / 5) % 20
    WHERE p.i % 5 = 0`;
  await db.$executeRaw`
    INSERT INTO opportunities (id, account_id, name, amount, currency, stage, campaign_source_id, created_by_id, created_at, updated_at)
    SELECT gen_random_uuid(), r.account_id, 'Bench deal', 100 + (row_number() OVER ()) % 900, 'EUR',
      (ARRAY['WON','NEGOTIATION','LOST']::"OpportunityStage"[])[1 + (row_number() OVER ()) % 3], r.source_id, CAST(${adminId} AS uuid), now(), now()
    FROM (SELECT account_id, source_id FROM responses ORDER BY account_id LIMIT 5000) r`;
  for (const table of ['responses', 'opportunities', 'campaign_sources', 'campaigns']) await db.$executeRawUnsafe(`VACUUM ANALYZE ${table}`);
  return campaign.id;
}

async function main() {
  const system = await startBenchSystem();
  const db = createPrismaClient(system.databaseUrl, { maxConnections: 2 });
  try {
    const seeding = await time(() => seed(db));
    const { managerKey, adminId } = seeding.value;
    const campaignId = await seedCampaign(db, adminId);
    console.log(`seeded ${ACCOUNTS.toLocaleString('en')} accounts, ${(await db.statusChange.count()).toLocaleString('en')} status changes, ${(await db.activity.count()).toLocaleString('en')} activities, ${(await db.response.count()).toLocaleString('en')} responses in ${(seeding.ms / 1000).toFixed(1)} s`);

    const cases: { name: string; run: () => Promise<unknown>; check?: (value: any) => void }[] = [
      { name: 'baseline: SELECT status, count(*) GROUP BY status', run: () => db.$queryRaw`SELECT status, count(*)::int AS n FROM accounts WHERE archived_at IS NULL GROUP BY status` },
      {
        name: 'GET /reports/funnel (admin, all accounts)',
        run: () => get(system.baseUrl, system.adminKey, '/api/v1/reports/funnel'),
        check: (report) => {
          if (report.accounts !== ACCOUNTS) throw new Error(`funnel counted ${report.accounts} accounts, expected ${ACCOUNTS}`);
        },
      },
      { name: 'GET /reports/funnel (a manager: own + pool)', run: () => get(system.baseUrl, managerKey, '/api/v1/reports/funnel') },
      { name: 'GET /reports/funnel?segment=retail&from&to (1 year)', run: () => get(system.baseUrl, system.adminKey, `/api/v1/reports/funnel?segment=retail&from=${daysAgo(900)}&to=${daysAgo(535)}`) },
      { name: 'GET /reports/funnel?format=csv', run: () => fetch(`${system.baseUrl}/api/v1/reports/funnel?format=csv`, { headers: { Authorization: `Bearer ${system.adminKey}` } }).then((response) => response.text()) },
      { name: `GET /reports/campaigns/:id (20 sources, ${(ACCOUNTS / 5).toLocaleString('en')} responses)`, run: () => get(system.baseUrl, system.adminKey, `/api/v1/reports/campaigns/${campaignId}`) },
    ];
    // Warm-up: connection pools, query plans.
    for (const bench of cases) bench.check?.(await bench.run());

    await alternatingRounds(cases, ROUNDS, `reports on ${ACCOUNTS.toLocaleString('en')} accounts`, (ms: number) => `  (target < 1000 ms)${ms < 1000 ? '' : '  MISSED'}`);
  } finally {
    await db.$disconnect();
    await system.stop();
  }
}

function daysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
