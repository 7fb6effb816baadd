// Five typical saved queries on 100,000 accounts and 1,000,000 activities (plus a deal per account,
// two tasks per account and a re-contact timer per refused or lost account), seeded set-based
// (generate_series). Each runs through the real code path (QueryDefinition, the compiler, PostgreSQL)
// for its first page of 50 rows, alternated with a bare baseline: the same query written by hand
// and sent with pg. Issue 20's target: each under 200 ms at the median.
//
// Its own database (bench/lib/bench-database.ts): DATABASE_URL's server when set, else an embedded
// PostgreSQL. BENCH_ACCOUNTS (default 100,000), BENCH_ACTIVITIES_PER_ACCOUNT (default 10), BENCH_ROUNDS (default 21).
import pg from 'pg';
import { applyMigrations } from '../src/db/migrate';
import { createPrismaClient, type Db } from '../src/db/prisma';
import type { RunContext } from '../src/saved-queries/compile-filters';
import { pageRows } from '../src/saved-queries/run-query';
import { QueryDefinition } from '../src/saved-queries/saved-queries.schemas';
import { median, percentile } from './lib/constant-rate-load';
import { openBenchDatabase } from './lib/bench-database';
import { time } from './lib/alternating-rounds';

const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 100_000);
const ACTIVITIES_PER_ACCOUNT = Number(process.env.BENCH_ACTIVITIES_PER_ACCOUNT ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 21);
const MANAGERS = 10;
const TARGET_MS = 200;

export async function seed(db: Db): Promise<{ managerId: string; adminId: string }> {
  const admin = await db.user.create({ data: { email: 'bench-admin@example.com', name: 'Bench admin', role: 'admin' }, select: { id: true } });
  const managerIds: string[] = [];
  for (let n = 0; n < MANAGERS; n++) {
    managerIds.push((await db.user.create({ data: { email: `bench-manager-${n}@example.com`, name: `Bench manager ${n}`, role: 'manager' }, select: { id: true } })).id);
  }
  const managers = managerIds;
  // 20% in the NEW pool, the rest owned by the ten managers; statuses, segments and lead sources from i.
  await db.$executeRaw`
    INSERT INTO accounts (id, name, segment, owner_id, status, lead_source, fields, created_at, updated_at)
    SELECT gen_random_uuid(), 'Bench account ' || i, (ARRAY['retail','wholesale','pharmacy','hospital'])[1 + i % 4],
      CASE WHEN i % 5 = 0 THEN NULL ELSE (CAST(${managers} AS uuid[]))[1 + i % ${MANAGERS}] END,
      CASE WHEN i % 5 = 0 THEN 'NEW' ELSE (ARRAY['POTENTIAL','CONTACT_ESTABLISHED','MEETING_HELD','CLIENT','REFUSED','LOST','CONTRACT_SIGNED'])[1 + (i / 5) % 7] END::"AccountStatus",
      (ARRAY['fair','web','press','referral','phone'])[1 + i % 7 % 5], '{}', now() - (i % 730) * interval '1 day', now()
    FROM generate_series(1, ${ACCOUNTS}::int) i`;
  await db.$executeRaw`
    INSERT INTO activities (id, account_id, type, outcome, occurred_at, logged_by_id, state, created_at)
    SELECT gen_random_uuid(), a.id, (ARRAY['CALL','MEETING','EMAIL','FAX','NOTE']::"ActivityType"[])[1 + (a.n + k) % 5],
      (ARRAY['CONTACT_MADE','NO_ANSWER','INTERESTED','MEETING_HELD']::"ActivityOutcome"[])[1 + (a.n * k) % 4],
      now() - ((a.n * 13 + k * 37) % 730) * interval '1 day', COALESCE(a.owner_id, CAST(${admin.id} AS uuid)), 'APPLIED', now()
    FROM (SELECT id, owner_id, row_number() OVER () AS n FROM accounts) a, generate_series(1, ${ACTIVITIES_PER_ACCOUNT}::int) k`;
  await db.$executeRaw`
    INSERT INTO opportunities (id, account_id, name, amount, currency, stage, expected_close_date, owner_id, created_by_id, created_at, updated_at)
    SELECT gen_random_uuid(), a.id, 'Deal ' || a.n, 100 + (a.n * 7919) % 50000, CASE WHEN a.n % 10 = 0 THEN 'USD' ELSE 'EUR' END,
      (ARRAY['PROSPECTING','QUALIFICATION','PROPOSAL','NEGOTIATION','WON','LOST']::"OpportunityStage"[])[1 + a.n % 6],
      current_date + ((a.n % 400) - 200)::int, COALESCE(a.owner_id, CAST(${admin.id} AS uuid)), CAST(${admin.id} AS uuid), now(), now()
    FROM (SELECT id, owner_id, row_number() OVER () AS n FROM accounts) a`;
  await db.$executeRaw`
    INSERT INTO tasks (id, account_id, assignee_id, type, title, due_at, state, why, created_at)
    SELECT gen_random_uuid(), a.id, a.owner_id, 'CALL', 'Call ' || a.n, now() + ((a.n * 3 + k * 11) % 120 - 60) * interval '1 day',
      (CASE WHEN (a.n + k) % 3 = 0 THEN 'DONE' ELSE 'OPEN' END)::"TaskState", '{}', now()
    FROM (SELECT id, owner_id, row_number() OVER () AS n FROM accounts WHERE owner_id IS NOT NULL) a, generate_series(1, 2) k`;
  await db.$executeRaw`
    INSERT INTO timers (id, account_id, kind, fire_at, state, on_fire, why, created_at)
    SELECT gen_random_uuid(), a.id, 'recontact', now() + ((a.n * 17) % 180 - 30) * interval '1 day', 'PENDING', '{}', '{}', now()
    FROM (SELECT id, row_number() OVER () AS n FROM accounts WHERE status IN ('REFUSED', 'LOST')) a`;
  for (const table of ['accounts', 'activities', 'opportunities', 'tasks', 'timers', 'users']) await db.$executeRawUnsafe(`VACUUM ANALYZE ${table}`);
  return { managerId: managerIds[1]!, adminId: admin.id };
}

interface Case {
  name: string;
  definition: unknown;
  as: 'manager' | 'admin';
  /** The same page written by hand: $1 is the caller's id. */
  baseline: string;
}

export const cases: Case[] = [
  {
    name: 'big deals in progress (admin)',
    as: 'admin',
    definition: { entity: 'opportunities', filters: [{ field: 'stage', op: 'in', value: ['PROPOSAL', 'NEGOTIATION'] }, { field: 'amount', op: 'gte', value: 40000 }], sort: [{ field: 'amount', direction: 'desc' }], columns: ['name', 'accountName', 'amount', 'currency', 'stage', 'owner'] },
    baseline: `SELECT o.id, o.name, a.name, o.amount, o.currency, o.stage, u.name FROM opportunities o JOIN accounts a ON a.id = o.account_id LEFT JOIN users u ON u.id = o.owner_id
      WHERE a.archived_at IS NULL AND o.stage IN ('PROPOSAL', 'NEGOTIATION') AND o.amount >= 40000 AND $1::uuid IS NOT NULL ORDER BY o.amount DESC, o.id LIMIT 51`,
  },
  {
    name: 'my deals closing in the next 30 days',
    as: 'manager',
    definition: { entity: 'opportunities', filters: [{ field: 'owner', op: 'eq', value: 'me' }, { field: 'stage', op: 'notIn', value: ['WON', 'LOST'] }, { field: 'expectedCloseDate', op: 'between', value: [{ relative: { amount: 0, unit: 'day' } }, { relative: { amount: 30, unit: 'day' } }] }], sort: [{ field: 'expectedCloseDate', direction: 'asc' }], columns: ['name', 'accountName', 'amount', 'expectedCloseDate'] },
    baseline: `SELECT o.id, o.name, a.name, o.amount, o.expected_close_date FROM opportunities o JOIN accounts a ON a.id = o.account_id
      WHERE a.archived_at IS NULL AND (a.owner_id = $1 OR (a.owner_id IS NULL AND a.status = 'NEW')) AND o.owner_id = $1 AND o.stage NOT IN ('WON', 'LOST')
      AND o.expected_close_date >= current_date AND o.expected_close_date < current_date + 31 ORDER BY o.expected_close_date, o.id LIMIT 51`,
  },
  {
    name: 'my activities of the last 30 days',
    as: 'manager',
    definition: { entity: 'activities', filters: [{ field: 'owner', op: 'eq', value: 'me' }, { field: 'occurredAt', op: 'onOrAfter', value: { relative: { amount: -30, unit: 'day' } } }], sort: [{ field: 'occurredAt', direction: 'desc' }], columns: ['occurredAt', 'type', 'outcome', 'accountName'] },
    baseline: `SELECT x.id, x.occurred_at, x.type, x.outcome, a.name FROM activities x JOIN accounts a ON a.id = x.account_id
      WHERE a.archived_at IS NULL AND x.state = 'APPLIED' AND (a.owner_id = $1 OR (a.owner_id IS NULL AND a.status = 'NEW')) AND x.logged_by_id = $1
      AND x.occurred_at >= current_date - 30 ORDER BY x.occurred_at DESC, x.id LIMIT 51`,
  },
  {
    name: 'my overdue tasks',
    as: 'manager',
    definition: { entity: 'tasks', filters: [{ field: 'owner', op: 'eq', value: 'me' }, { field: 'state', op: 'eq', value: 'OPEN' }, { field: 'dueAt', op: 'before', value: { relative: { amount: 0, unit: 'hour' } } }], sort: [{ field: 'dueAt', direction: 'asc' }], columns: ['title', 'accountName', 'dueAt'] },
    baseline: `SELECT t.id, t.title, a.name, t.due_at FROM tasks t JOIN accounts a ON a.id = t.account_id
      WHERE a.archived_at IS NULL AND (t.assignee_id = $1 OR a.owner_id = $1) AND t.assignee_id = $1 AND t.state = 'OPEN' AND t.due_at < now() ORDER BY t.due_at, t.id LIMIT 51`,
  },
  {
    name: 'refused or lost, re-contact due this month',
    as: 'manager',
    definition: { entity: 'accounts', filters: [{ field: 'owner', op: 'eq', value: 'me' }, { field: 'status', op: 'in', value: ['REFUSED', 'LOST'] }, { field: 'recontactDue', op: 'inPeriod', value: { period: 'month', offset: 0 } }], sort: [{ field: 'name', direction: 'asc' }], columns: ['name', 'status', 'recontactDue'] },
    baseline: `SELECT a.id, a.name, a.status, (SELECT min(fire_at) FROM timers rt WHERE rt.account_id = a.id AND rt.kind = 'recontact' AND rt.state = 'PENDING') FROM accounts a
      WHERE a.archived_at IS NULL AND (a.owner_id = $1 OR (a.owner_id IS NULL AND a.status = 'NEW')) AND a.owner_id = $1 AND a.status IN ('REFUSED', 'LOST')
      AND EXISTS (SELECT 1 FROM timers rt WHERE rt.account_id = a.id AND rt.kind = 'recontact' AND rt.state = 'PENDING'
        AND rt.fire_at >= date_trunc('month', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AND rt.fire_at < (date_trunc('month', now() AT TIME ZONE 'UTC') + interval '1 month') AT TIME ZONE 'UTC')
      ORDER BY a.name, a.id LIMIT 51`,
  },
];

const stats = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: median(sorted), p95: percentile(sorted, 95) };
};

async function main() {
  const database = await openBenchDatabase('saved_queries');
  await applyMigrations(database.url);
  const db = createPrismaClient(database.url, { maxConnections: 2 });
  const pool = new pg.Pool({ connectionString: database.url, max: 2 });
  try {
    const seeding = await time(() => seed(db));
    const { managerId, adminId } = seeding.value;
    console.log(`seeded ${(await db.account.count()).toLocaleString('en')} accounts, ${(await db.activity.count()).toLocaleString('en')} activities, ${(await db.opportunity.count()).toLocaleString('en')} deals, ${(await db.task.count()).toLocaleString('en')} tasks in ${(seeding.ms / 1000).toFixed(1)} s`);
    const failed: string[] = [];
    console.log(`\nsaved queries, first page of 50, ${ROUNDS} alternated rounds (median / p95):`);
    for (const bench of cases) {
      const definition = QueryDefinition.parse(bench.definition);
      const callerId = bench.as === 'admin' ? adminId : managerId;
      const context: RunContext = { caller: { id: callerId, role: bench.as }, now: new Date(), zone: 'UTC' };
      const compiled = () => pageRows(db, definition, context, { limit: 50 });
      const bare = () => pool.query(bench.baseline, [callerId]);
      const [warm, warmBare] = [await compiled(), await bare()];
      const ours: number[] = [];
      const theirs: number[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        theirs.push((await time(bare)).ms);
        ours.push((await time(compiled)).ms);
      }
      const [mine, base] = [stats(ours), stats(theirs)];
      const met = mine.median < TARGET_MS;
      if (!met) failed.push(bench.name);
      console.log(
        `  ${bench.name.padEnd(44)} ${mine.median.toFixed(1).padStart(7)} / ${mine.p95.toFixed(1).padStart(7)} ms   baseline ${base.median.toFixed(1).padStart(6)} / ${base.p95.toFixed(1).padStart(6)} ms   x${(mine.median / base.median).toFixed(2)}   rows ${warm.items.length} (bare ${Math.min(warmBare.rowCount ?? 0, 50)})  ${met ? `(target < ${TARGET_MS} ms)` : 'MISSED'}`,
      );
    }
    if (failed.length > 0) process.exitCode = 1;
  } finally {
    await pool.end();
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
