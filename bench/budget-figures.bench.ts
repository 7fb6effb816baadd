// The budget tree with its figures (GET /budgets) over a large marketing organization, against a bare
// sum of the checkbook entries per budget, alternated over several rounds. Issue 19: every node's
// committed, spent, remaining and return, rolled up, in one statement.
//
// Database: a fresh one of its own on DATABASE_URL's server (created and dropped here), else an
// embedded PostgreSQL in a throwaway folder. BENCH_LEAVES (default 1,000 leaf budgets under 10 regions
// and 100 lines), BENCH_CAMPAIGNS (10,000), BENCH_ENTRIES (100,000), BENCH_ROUNDS (5).
import { applyMigrations } from '../src/db/migrate';
import { createPrismaClient, type Db } from '../src/db/prisma';
import { listBudgets } from '../src/budgets/budget-tree';
import { openBenchDatabase } from './lib/bench-database';
import { alternatingRounds, time, type BenchCase } from './lib/alternating-rounds';

const LEAVES = Number(process.env.BENCH_LEAVES ?? 1_000);
const CAMPAIGNS = Number(process.env.BENCH_CAMPAIGNS ?? 10_000);
const ENTRIES = Number(process.env.BENCH_ENTRIES ?? 100_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

/**
 * One root of 100,000,000 EUR, 10 regions, 100 lines (10 each), LEAVES leaves (spread over the lines),
 * each funded as much as its children need; CAMPAIGNS campaigns, each with two costed sub-sources, funded
 * by a leaf, with a WON deal on its first sub-source; ENTRIES checkbook entries on the leaves, a third
 * of them COMMITTED.
 */
async function seed(db: Db, ownerId: string): Promise<void> {
  await db.$executeRaw`
    INSERT INTO budgets (id, name, parent_id, owner_id, currency, period_start, period_end, amount, updated_at)
    SELECT md5('root')::uuid, 'Marketing', NULL, CAST(${ownerId} AS uuid), 'EUR', DATE '2027-01-01', DATE '2027-12-31', 100000000, now()
    UNION ALL
    SELECT md5('region' || r)::uuid, 'Region ' || r, md5('root')::uuid, CAST(${ownerId} AS uuid), 'EUR', DATE '2027-01-01', DATE '2027-12-31', 9000000, now() FROM generate_series(0, 9) r
    UNION ALL
    SELECT md5('line' || l)::uuid, 'Line ' || l, md5('region' || (l % 10))::uuid, CAST(${ownerId} AS uuid), 'EUR', DATE '2027-01-01', DATE '2027-12-31', 800000, now() FROM generate_series(0, 99) l
    UNION ALL
    SELECT md5('leaf' || f)::uuid, 'Leaf ' || f, md5('line' || (f % 100))::uuid, CAST(${ownerId} AS uuid), 'EUR', DATE '2027-01-01', DATE '2027-12-31', 700000 / (${LEAVES}::int / 100), now()
    FROM generate_series(0, ${LEAVES - 1}::int) f`;
  await db.$executeRaw`
    INSERT INTO campaigns (id, name, currency, status, updated_at)
    SELECT md5('campaign' || c)::uuid, 'Campaign ' || c, 'EUR', 'COMPLETED', now() FROM generate_series(0, ${CAMPAIGNS - 1}::int) c`;
  await db.$executeRaw`
    INSERT INTO campaign_sources (id, campaign_id, code, name, cost)
    SELECT md5('source' || c || '-' || s)::uuid, md5('campaign' || c)::uuid, 'S' || s, 'Source ' || s, 100 + (c % 50)
    FROM generate_series(0, ${CAMPAIGNS - 1}::int) c, generate_series(0, 1) s`;
  await db.$executeRaw`
    INSERT INTO budget_allocations (id, budget_id, campaign_id, amount, updated_at)
    SELECT gen_random_uuid(), md5('leaf' || (c % ${LEAVES}::int))::uuid, md5('campaign' || c)::uuid, 500, now() FROM generate_series(0, ${CAMPAIGNS - 1}::int) c`;
  await db.$executeRaw`
    INSERT INTO accounts (id, name, status, updated_at) SELECT md5('account' || c)::uuid, 'Account ' || c, 'CLIENT', now() FROM generate_series(0, ${CAMPAIGNS - 1}::int) c`;
  await db.$executeRaw`
    INSERT INTO opportunities (id, account_id, name, amount, currency, stage, campaign_source_id, created_by_id, updated_at)
    SELECT gen_random_uuid(), md5('account' || c)::uuid, 'Deal', 1000, 'EUR', 'WON', md5('source' || c || '-0')::uuid, CAST(${ownerId} AS uuid), now()
    FROM generate_series(0, ${CAMPAIGNS - 1}::int) c`;
  await db.$executeRaw`
    INSERT INTO budget_entries (id, budget_id, supplier, date, amount, state, updated_at)
    SELECT gen_random_uuid(), md5('leaf' || (e % ${LEAVES}::int))::uuid, 'Supplier ' || (e % 40), DATE '2027-01-01' + (e % 365), 10 + (e % 90),
      (CASE WHEN e % 3 = 0 THEN 'COMMITTED' ELSE 'ACTUAL' END)::"BudgetEntryState", now()
    FROM generate_series(0, ${ENTRIES - 1}::int) e`;
  for (const table of ['budgets', 'campaigns', 'campaign_sources', 'budget_allocations', 'opportunities', 'budget_entries']) await db.$executeRawUnsafe(`VACUUM ANALYZE ${table}`);
}

async function main() {
  const database = await openBenchDatabase('budget_figures');
  const db = createPrismaClient(database.url);
  try {
    await applyMigrations(database.url);
    const owner = await db.user.create({ data: { email: 'bench-owner@example.com', name: 'Bench owner', role: 'marketer' }, select: { id: true } });
    const seeded = await time(() => seed(db, owner.id));
    console.log(`seeded ${1 + 10 + 100 + LEAVES} budgets, ${CAMPAIGNS.toLocaleString('en')} funded campaigns, ${ENTRIES.toLocaleString('en')} entries in ${(seeded.ms / 1000).toFixed(1)} s`);

    const cases: BenchCase[] = [
      { name: 'baseline: entries summed per budget', run: () => db.$queryRaw`SELECT budget_id, sum(amount) FROM budget_entries GROUP BY budget_id` },
      { name: 'budget tree with figures', run: () => listBudgets(db) },
    ];
    const tree = await listBudgets(db);
    const root = tree.items[0]!;
    console.log(`root: ${tree.items.length} budgets; committed ${root.figures.committed}, spent ${root.figures.spent}, remaining ${root.figures.remaining}, revenue ${root.figures.revenue}, roi ${root.figures.roi}`);
    await alternatingRounds(cases, ROUNDS, `budget tree over ${tree.items.length} budgets`);
  } finally {
    await db.$disconnect();
    await database.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
