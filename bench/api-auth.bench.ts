// An authenticated API call (key lookup in PostgreSQL, the full middleware chain) against a bare
// GET /health on the same server, both at a steady rate, alternated over several rounds.
import { median, runConstantRate, type LoadResult } from './lib/constant-rate-load';
import { startBenchSystem } from './lib/bench-system';

const RATE = Number(process.env.BENCH_RATE ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

async function main() {
  const system = await startBenchSystem();
  try {
    const auth = { Authorization: `Bearer ${system.adminKey}` };
    await runConstantRate('warm-up', system.baseUrl, RATE, 2, () => ({ method: 'GET', path: '/api/v1/me', headers: auth }));
    const baseline: LoadResult[] = [];
    const measured: LoadResult[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      baseline.push(await runConstantRate('GET /health', system.baseUrl, RATE, SECONDS, () => ({ method: 'GET', path: '/health' })));
      measured.push(await runConstantRate('GET /api/v1/me', system.baseUrl, RATE, SECONDS, () => ({ method: 'GET', path: '/api/v1/me', headers: auth })));
      const [b, m] = [baseline.at(-1)!, measured.at(-1)!];
      console.log(`round ${round}: /health median ${b.medianMs.toFixed(2)} ms p99 ${b.p99Ms.toFixed(2)} ms | /me median ${m.medianMs.toFixed(2)} ms p99 ${m.p99Ms.toFixed(2)} ms (failed ${b.failed + m.failed})`);
    }
    const [baseMedian, baseP99] = [median(baseline.map((r) => r.medianMs)), median(baseline.map((r) => r.p99Ms))];
    const [meMedian, meP99] = [median(measured.map((r) => r.medianMs)), median(measured.map((r) => r.p99Ms))];
    console.log(`\napi-auth at ${RATE} req/s, ${ROUNDS} rounds of ${SECONDS} s, medians of rounds:`);
    console.log(`  baseline GET /health      median ${baseMedian.toFixed(2)} ms  p99 ${baseP99.toFixed(2)} ms`);
    console.log(`  GET /api/v1/me (auth+DB)  median ${meMedian.toFixed(2)} ms  p99 ${meP99.toFixed(2)} ms`);
    console.log(`  ratio to baseline         median x${(meMedian / baseMedian).toFixed(2)}  p99 x${(meP99 / baseP99).toFixed(2)}`);
  } finally {
    await system.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
