// Logging an activity through the API (a Workflow Update whose answer holds the new status and
// the tasks created) at a steady rate over many accounts, against a bare GET /health on the same
// server, alternated over several rounds. SPEC.md's target: median < 50 ms, p99 < 250 ms.
import { median, runConstantRate, type LoadResult } from './lib/constant-rate-load';
import { startBenchSystem } from './lib/bench-system';

const RATE = Number(process.env.BENCH_RATE ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 200);

async function api(baseUrl: string, key: string, method: string, path: string, body?: object): Promise<any> {
  const response = await fetch(`${baseUrl}${path}`, { method, headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' }, body: body && JSON.stringify(body) });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

async function main() {
  const system = await startBenchSystem();
  try {
    const { apiKey } = await api(system.baseUrl, system.adminKey, 'POST', '/api/v1/users', { email: 'bench.manager@example.com', name: 'Bench Manager', role: 'manager' });
    const accounts: string[] = [];
    for (let i = 0; i < ACCOUNTS; i++) {
      const { account } = await api(system.baseUrl, apiKey, 'POST', '/api/v1/accounts', { name: `Bench account ${i}`, timeZone: 'Europe/Paris' });
      await api(system.baseUrl, apiKey, 'POST', `/api/v1/accounts/${account.id}/take`);
      accounts.push(account.id);
    }
    const headers = { Authorization: `Bearer ${apiKey}`, 'Content-Type': 'application/json' };
    // NO_ANSWER keeps each account where it is, so every round does the same work: one rule
    // evaluation, one follow-up task and its escalation timer per request.
    const logActivity = (i: number) => ({ method: 'POST', path: `/api/v1/accounts/${accounts[i % accounts.length]}/activities`, headers, body: JSON.stringify({ type: 'CALL', outcome: 'NO_ANSWER' }) });
    await runConstantRate('warm-up', system.baseUrl, RATE, 2, logActivity);

    const baseline: LoadResult[] = [];
    const measured: LoadResult[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      baseline.push(await runConstantRate('GET /health', system.baseUrl, RATE, SECONDS, () => ({ method: 'GET', path: '/health' })));
      measured.push(await runConstantRate('log activity', system.baseUrl, RATE, SECONDS, logActivity));
      const [b, m] = [baseline.at(-1)!, measured.at(-1)!];
      console.log(`round ${round}: /health median ${b.medianMs.toFixed(2)} ms p99 ${b.p99Ms.toFixed(2)} ms | log activity median ${m.medianMs.toFixed(1)} ms p99 ${m.p99Ms.toFixed(1)} ms (failed ${m.failed})`);
    }
    const figure = (results: LoadResult[]) => ({ median: median(results.map((r) => r.medianMs)), p99: median(results.map((r) => r.p99Ms)) });
    const [base, logged] = [figure(baseline), figure(measured)];
    console.log(`\nlog-activity at ${RATE} req/s over ${ACCOUNTS} accounts, ${ROUNDS} rounds of ${SECONDS} s, medians of rounds:`);
    console.log(`  baseline GET /health                 median ${base.median.toFixed(2)} ms  p99 ${base.p99.toFixed(2)} ms`);
    console.log(`  POST /accounts/:id/activities         median ${logged.median.toFixed(1)} ms  p99 ${logged.p99.toFixed(1)} ms  (target < 50 / < 250)`);
    console.log(`  ratio to baseline                     median x${(logged.median / base.median).toFixed(1)}  p99 x${(logged.p99 / base.p99).toFixed(1)}`);
    console.log(`  failed requests                       ${measured.reduce((sum, r) => sum + r.failed, 0)}`);
  } finally {
    await system.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
