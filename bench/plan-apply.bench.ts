// Applying a plan to 10,000 accounts through the API (POST /plans/:id/apply: the PlanApplication row,
// one workflow whose local activity inserts set-based, the answer once done), on a fresh plan each
// time, against a bare INSERT … SELECT of the same 10,000 rows into a table shaped like
// plan_accounts, alternated over several rounds. SPEC.md's target: under one second through the API.
//
// The whole system as `npm start` runs it (bench/lib/bench-system.ts). BENCH_ACCOUNTS (default
// 10,000), BENCH_ROUNDS (default 5).
import { randomUUID } from 'node:crypto';
import { callApi } from './lib/bench-api';
import { createPrismaClient } from '../src/db/prisma';
import { startBenchSystem } from './lib/bench-system';
import { median } from './lib/constant-rate-load';

const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 10_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);


async function time<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

async function main() {
  const system = await startBenchSystem();
  const db = createPrismaClient(system.databaseUrl, { maxConnections: 2 });
  try {
    const me = await callApi(system.baseUrl, system.adminKey, 'GET', '/api/v1/me');
    await db.$executeRaw`
      INSERT INTO accounts (id, name, segment, status, fields, created_at, updated_at)
      SELECT gen_random_uuid(), 'Bench account ' || i, 'bench', 'NEW', '{}', now(), now() FROM generate_series(1, ${ACCOUNTS}::int) i`;
    await db.$executeRawUnsafe('VACUUM ANALYZE accounts');
    const accountIds = (await db.account.findMany({ select: { id: true } })).map((row) => row.id);
    // Same columns, key, index and defaults as plan_accounts.
    await db.$executeRawUnsafe('CREATE TABLE bench_baseline (LIKE plan_accounts INCLUDING ALL)');
    const year = new Date().getUTCFullYear();
    const freshPlan = async (round: number) =>
      (await db.plan.create({
        data: { name: `Bench plan ${round}`, periodStart: new Date(Date.UTC(year, 0, 1)), periodEnd: new Date(Date.UTC(year, 11, 31)), authorId: me.id, approverIds: [], status: 'APPROVED' },
        select: { id: true },
      })).id;
    const applyAll = (planId: string) => callApi(system.baseUrl, system.adminKey, 'POST', `/api/v1/plans/${planId}/apply`, { all: true });
    const applyIds = (planId: string) => callApi(system.baseUrl, system.adminKey, 'POST', `/api/v1/plans/${planId}/apply`, { accountIds });
    const bare = () =>
      db.$executeRaw`
        INSERT INTO bench_baseline (plan_id, account_id, application_id)
        SELECT CAST(${randomUUID()} AS uuid), a.id, CAST(${randomUUID()} AS uuid) FROM accounts a WHERE a.archived_at IS NULL ORDER BY a.id
        ON CONFLICT DO NOTHING`;

    // Warm-up: the worker's first workflow task, the connection pools, the query plans.
    await applyAll(await freshPlan(0));
    await applyIds(await freshPlan(0));
    await bare();

    const bareMs: number[] = [];
    const allMs: number[] = [];
    const idsMs: number[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const b = await time(bare);
      // A fresh plan each time (created outside the timing), so every account is newly added.
      const [forAll, forIds] = [await freshPlan(round), await freshPlan(round)];
      const a = await time(() => applyAll(forAll));
      const i = await time(() => applyIds(forIds));
      if (a.value.added !== ACCOUNTS || i.value.added !== ACCOUNTS || b.value !== ACCOUNTS) throw new Error(`round ${round}: expected ${ACCOUNTS} rows, got ${b.value}, ${JSON.stringify(a.value)}, ${JSON.stringify(i.value)}`);
      bareMs.push(b.ms);
      allMs.push(a.ms);
      idsMs.push(i.ms);
      console.log(`round ${round}: bare INSERT … SELECT ${b.ms.toFixed(1)} ms | POST /plans/:id/apply {all: true} ${a.ms.toFixed(1)} ms | {accountIds: ${ACCOUNTS}} ${i.ms.toFixed(1)} ms`);
    }
    const [b, a, i] = [median(bareMs), median(allMs), median(idsMs)];
    console.log(`\nplan-apply to ${ACCOUNTS.toLocaleString('en')} accounts, ${ROUNDS} rounds, medians:`);
    console.log(`  ${'bare INSERT … SELECT (baseline)'.padEnd(44)}${b.toFixed(1)} ms`);
    console.log(`  ${'POST /plans/:id/apply {all: true}'.padEnd(44)}${a.toFixed(1)} ms  x${(a / b).toFixed(1)} of baseline  (target < 1000 ms)`);
    console.log(`  ${`POST /plans/:id/apply {accountIds: ${ACCOUNTS}}`.padEnd(44)}${i.toFixed(1)} ms  x${(i / b).toFixed(1)} of baseline  (target < 1000 ms)`);
  } finally {
    await db.$disconnect();
    await system.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
