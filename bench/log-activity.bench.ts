// Logging capacity (issue 21): the highest rate of `POST /accounts/:id/activities` whose p99 stays under
// 250 ms, against a bare baseline measured in the same run behind the same Express app: a minimal workflow
// taking the same Workflow Update (update-with-start, one local activity, one PostgreSQL transaction writing
// the same three rows: bench/lib/bare-log). Then each at 60% of its own capacity: p50, p99, and the CPU per
// logged activity of each process (the API is this process; the load runs in a child of its own; the
// worker, the bare worker, the Temporal dev server and PostgreSQL each apart). Target: capacity at least 60%
// of the bare one's, both p50 under 50 ms at 60% of capacity.
// BENCH_ACCOUNTS (200), BENCH_ROUNDS (1: bare then project, medians over rounds), BENCH_STEP_SECONDS (15),
// BENCH_HOLD_SECONDS (20), BENCH_START_RATE (10); BENCH_RATE: no capacity search, both held at this rate
// (to compare CPU at one rate, or to profile: BENCH_CPU_PROFILE_DIR=DIR node --cpu-prof --cpu-prof-dir=DIR --import tsx bench/log-activity.bench.ts, then
// `tsx bench/lib/summarize-profile.ts DIR/*.cpuprofile`).
import { fork } from 'node:child_process';
import path from 'node:path';
import { callApi } from './lib/bench-api';
import { median } from './lib/constant-rate-load';
import { bareLogRoute } from './lib/bare-log/bare-log-route';
import { startBenchSystem, type BenchSystem } from './lib/bench-system';
import { startLoadProcess } from './lib/load-in-child';
import type { RequestSpread } from './lib/load-process';
import { formatFigures, type LatencyFigures } from './lib/open-loop-latency';
import { serviceProcesses } from './lib/process-cpu';

const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 200);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 1);
const STEP_SECONDS = Number(process.env.BENCH_STEP_SECONDS ?? 15);
const HOLD_SECONDS = Number(process.env.BENCH_HOLD_SECONDS ?? 20);
const START_RATE = Number(process.env.BENCH_START_RATE ?? 10);
const FIXED_RATE = process.env.BENCH_RATE ? Number(process.env.BENCH_RATE) : undefined;

const api = (system: BenchSystem, key: string, method: string, route: string, body?: object) => callApi(system.baseUrl, key, method, route, body);

async function accountsInWork(system: BenchSystem, key: string): Promise<string[]> {
  const ids: string[] = [];
  const takeOne = async (i: number) => {
    const { account } = await api(system, key, 'POST', '/api/v1/accounts', { name: `Bench account ${i}`, timeZone: 'Europe/Paris' });
    await api(system, key, 'POST', `/api/v1/accounts/${account.id}/take`);
    ids.push(account.id);
  };
  for (let i = 0; i < ACCOUNTS; i += 8) await Promise.all(Array.from({ length: Math.min(8, ACCOUNTS - i) }, (_, j) => takeOne(i + j)));
  return ids;
}

function startBareWorker(system: BenchSystem): Promise<{ pid: number; stop(): Promise<void> }> {
  const child = fork(path.join(__dirname, 'lib/bare-log/bare-log-worker.main.ts'), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, DATABASE_URL: system.databaseUrl, TEMPORAL_ADDRESS: system.temporalAddress },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the bare worker exited (${code})`)));
    child.once('message', () => resolve({ pid: child.pid!, stop }));
  });
}

interface Held {
  rate: number;
  figures: LatencyFigures;
  cpuMsPerActivity: Record<string, number>;
}

const perActivity = (figures: LatencyFigures & { cpuMs?: Record<string, number> }) =>
  Object.fromEntries(Object.entries(figures.cpuMs ?? {}).map(([name, ms]) => [name, ms / figures.sent]));

async function main() {
  const system = await startBenchSystem({ separateProcesses: true, extraRoutes: [bareLogRoute] });
  const bareWorker = await startBareWorker(system);
  const load = startLoadProcess();
  try {
    const { apiKey } = await api(system, system.adminKey, 'POST', '/api/v1/users', { email: 'bench.manager@example.com', name: 'Bench Manager', role: 'manager' });
    const accounts = await accountsInWork(system, apiKey);
    const headers = { Authorization: `Bearer ${apiKey}`, 'Content-Type': 'application/json' };
    // NO_ANSWER keeps each account where it is, so every step does the same work: one rule evaluation,
    // one follow-up task and its escalation timer per request.
    const body = JSON.stringify({ type: 'CALL', outcome: 'NO_ANSWER' });
    const systems = [
      { name: 'bare', spread: { method: 'POST', headers, body, paths: accounts.map((id) => `/api/v1/bench/accounts/${id}/bare-activities`) } as RequestSpread, workerPid: bareWorker.pid },
      { name: 'project', spread: { method: 'POST', headers, body, paths: accounts.map((id) => `/api/v1/accounts/${id}/activities`) } as RequestSpread, workerPid: system.workerPid! },
    ];
    const { postgres, temporal } = serviceProcesses(system.dataDir);
    const cpuGroups = (workerPid: number) => ({ api: { pids: [process.pid] }, worker: { pids: [workerPid] }, temporal: { pids: temporal }, postgres: { pids: postgres, tree: true } });

    // Each is warmed just before it is measured: after the other's minute of load, the first seconds of a
    // system left idle (its pooled connections closed, its code paths cold) would otherwise fail a step.
    const warmUp = (each: (typeof systems)[number]) => load.fixed({ label: `${each.name} warm-up`, baseUrl: system.baseUrl, spread: each.spread, rate: START_RATE, seconds: 5 });
    const capacities = new Map<string, number[]>(systems.map((each) => [each.name, []]));
    const held = new Map<string, Held[]>(systems.map((each) => [each.name, []]));
    for (let round = 1; round <= ROUNDS; round++) {
      for (const each of FIXED_RATE ? [] : systems) {
        console.log(`round ${round}, ${each.name}: capacity search`);
        await warmUp(each);
        const { capacity } = await load.capacity({ label: each.name, baseUrl: system.baseUrl, spread: each.spread, options: { startRate: START_RATE, stepSeconds: STEP_SECONDS } });
        capacities.get(each.name)!.push(capacity);
      }
      for (const each of systems) {
        const rate = FIXED_RATE ?? Math.max(1, Math.round(0.6 * capacities.get(each.name)!.at(-1)!));
        await warmUp(each);
        const from = process.hrtime.bigint() / 1000n;
        const figures = await load.fixed({ label: `${each.name} at 60%`, baseUrl: system.baseUrl, spread: each.spread, rate, seconds: HOLD_SECONDS, cpuGroups: cpuGroups(each.workerPid) });
        console.log(`round ${round}, ${each.name} at ${rate} req/s: ${formatFigures(figures)} (WINDOW=${from}-${process.hrtime.bigint() / 1000n} for summarize-profile)`);
        held.get(each.name)!.push({ rate, figures, cpuMsPerActivity: perActivity(figures) });
      }
    }

    if (!FIXED_RATE) {
      const capacity = (name: string) => median(capacities.get(name)!);
      const [bare, project] = [capacity('bare'), capacity('project')];
      console.log(`\nlog-activity capacity (p99 < 250 ms, nothing failed), ${ACCOUNTS} accounts, ${ROUNDS} round(s) of steps of ${STEP_SECONDS} s, medians:`);
      console.log(`  bare baseline (update-with-start, one local activity, one transaction)  ${bare} req/s`);
      console.log(`  POST /accounts/:id/activities                                          ${project} req/s  (x${(project / bare).toFixed(2)} of bare; target >= 0.60)`);
    }
    console.log(`\n${FIXED_RATE ? `both at ${FIXED_RATE} req/s` : "at 60% of each one's capacity"}, ${HOLD_SECONDS} s, medians of rounds (target: p50 < 50 ms):`);
    for (const each of systems) {
      const rounds = held.get(each.name)!;
      const cpu = Object.keys(rounds[0]!.cpuMsPerActivity).map((group) => `${group} ${median(rounds.map((r) => r.cpuMsPerActivity[group]!)).toFixed(2)}`);
      const total = median(rounds.map((r) => Object.values(r.cpuMsPerActivity).reduce((sum, ms) => sum + ms, 0)));
      console.log(
        `  ${each.name.padEnd(8)} ${median(rounds.map((r) => r.rate))} req/s: p50 ${median(rounds.map((r) => r.figures.p50Ms)).toFixed(1)} ms  p99 ${median(rounds.map((r) => r.figures.p99Ms)).toFixed(1)} ms  ` +
          `failed ${rounds.reduce((sum, r) => sum + r.figures.failed, 0)}  | CPU ms per activity: ${cpu.join(', ')}, total ${total.toFixed(2)}`,
      );
    }
  } finally {
    await load.stop();
    await bareWorker.stop();
    await system.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
