// Issue 21, part 3: 100,000 accounts in work. Accounts taken through the API (the take rate), then
// activities logged over BENCH_WORKED of them while every account's workflow is open and 30,000
// re-contact timers are pending: the logging capacity (highest rate with p99 < 250 ms) may drop by no
// more than 20% against the empty system. Then the worker and the Temporal dev server restart: every
// timer still pending, none fired early, and the first activity after the restart answers within 2 s.
import fs from 'node:fs';
import path from 'node:path';
import { createPrismaClient, type Db } from '../src/db/prisma';
import { waitUntil } from '../src/services/wait-until';
import { connectAccountWorkflows, type AccountWorkflows, type ExpectedTimer } from './lib/account-workflows';
import { startBenchSystem, type BenchSystem } from './lib/bench-system';
import { runBounded } from './lib/bounded-concurrency';
import { findCapacity, type CapacityResult } from './lib/capacity-search';
import type { LoadRequest } from './lib/constant-rate-load';
import { formatFigures, runOpenLoop, sendOnce, type LatencyFigures } from './lib/open-loop-latency';
import { recontactTemplate, seedPoolAccounts } from './lib/recontact-seed';
import { tableSizes } from './lib/table-sizes';

const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 100_000);
const TIMERS = Number(process.env.BENCH_TIMERS ?? 30_000);
const WORKED = Number(process.env.BENCH_WORKED ?? 2_000);
/** Log at this rate instead of 60% of the empty system's capacity. */
const FIXED_RATE = process.env.BENCH_RATE ? Number(process.env.BENCH_RATE) : undefined;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
/** The pass that logs once on each worked account before each capacity search, at this rate. */
const WARM_RATE = Number(process.env.BENCH_WARM_RATE ?? 10);
/** Seconds per capacity step (capacity-search's default when unset). */
const STEP_SECONDS = process.env.BENCH_STEP_SECONDS ? Number(process.env.BENCH_STEP_SECONDS) : undefined;
/** Each of these concurrencies takes BENCH_TAKE_TRIAL accounts; the best one takes the rest. */
const TAKE_CONCURRENCIES = (process.env.BENCH_TAKE_CONCURRENCY ?? '8,16,32').split(',').map(Number);
const TAKE_TRIAL = Number(process.env.BENCH_TAKE_TRIAL ?? 1_000);
/** Timer accounts whose workflow is asked for its pending timers, before and after the restart. */
const SAMPLE = Number(process.env.BENCH_SAMPLE ?? 100);
/** Accounts seeded in SQL and taken: besides the worked ones and the template refusal's account. */
const FILL = ACCOUNTS - WORKED - 1;
const TIME_ZONE = 'Europe/Paris';
const CAPACITY_SHARE = 0.6;
const MAX_DROP_PERCENT = 20;
const FIRST_ACTIVITY_LIMIT_MS = 2_000;
const VISIBILITY_WAIT_MS = 300_000;
/** How long a sampled workflow may take to list its timers (its first task may still be queued). */
const QUERY_WAIT_MS = 60_000;

const phases: { name: string; seconds: number }[] = [];
async function phase<T>(name: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  console.log(`\n-- ${name} (${new Date().toISOString()}, load ${loadAverage()})`);
  const value = await work();
  phases.push({ name, seconds: (performance.now() - started) / 1000 });
  return value;
}

const loadAverage = () => fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

/** A correctness check: any failure makes the bench exit 1. */
const checks: { what: string; passed: boolean; detail: string }[] = [];
function check(what: string, passed: boolean, detail: string): void {
  checks.push({ what, passed, detail });
  console.log(`  check ${passed ? 'passed' : 'FAILED'}: ${what} (${detail})`);
}

async function api<T>(system: BenchSystem, key: string, method: string, route: string, body?: object): Promise<T> {
  const answer = await sendOnce(system.baseUrl, { method, path: route, headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' }, body: body && JSON.stringify(body) });
  // The route without its ids, so that failures of one kind count as one.
  if (answer.status >= 400) throw new Error(`${method} ${route.replace(/[0-9a-f-]{36}/g, ':id')}: HTTP ${answer.status} ${answer.body.slice(0, 200)}`);
  return JSON.parse(answer.body) as T;
}

/** Takes `accountIds` through the API at `concurrency`; answers takes per second. */
async function take(system: BenchSystem, key: string, accountIds: readonly string[], concurrency: number): Promise<{ rate: number; failed: number }> {
  const started = performance.now();
  const { failed, failures } = await runBounded(accountIds, concurrency, (id) => api(system, key, 'POST', `/api/v1/accounts/${id}/take`));
  const rate = accountIds.length / ((performance.now() - started) / 1000);
  console.log(`  took ${accountIds.length} accounts at concurrency ${concurrency}: ${rate.toFixed(1)} takes/s, ${failed} failed${failed ? ` ${JSON.stringify(failures)}` : ''}`);
  return { rate, failed };
}

/** The pending re-contact timers, read from PostgreSQL. */
async function pendingRecontacts(db: Db): Promise<ExpectedTimer[]> {
  const timers = await db.timer.findMany({ where: { kind: 'recontact', state: 'PENDING' }, select: { id: true, accountId: true, fireAt: true } });
  return timers.map((timer) => ({ accountId: timer.accountId, timerId: timer.id, fireAt: timer.fireAt }));
}

async function checkSample(workflows: AccountWorkflows, what: string, sample: ExpectedTimer[]): Promise<void> {
  const missing = await workflows.missingTimers(sample, QUERY_WAIT_MS);
  check(what, missing.length === 0, `${sample.length - missing.length} of ${sample.length} listed`);
  for (const why of missing.slice(0, 3)) console.log(`    ${why}\n    history: ${await workflows.historyOf(why.slice(0, 36)).catch((error: Error) => error.message)}`);
}

/**
 * Until no workflow task waits for the worker: the takes answer once Temporal has the start, before the
 * workflows' first tasks ran. At full size the backlog takes longer than VISIBILITY_WAIT_MS to drain: it
 * fails only when the backlog has not shrunk for that long.
 */
async function drainBacklog(workflows: AccountWorkflows): Promise<void> {
  let smallest = Infinity;
  let shrankAt = Date.now();
  await waitUntil(
    async () => {
      const backlog = await workflows.backlog();
      if (backlog < smallest) [smallest, shrankAt] = [backlog, Date.now()];
      return backlog === 0;
    },
    { what: 'an empty workflow task backlog', timeoutMs: Number.MAX_SAFE_INTEGER, intervalMs: 1_000, abort: () => (Date.now() - shrankAt > VISIBILITY_WAIT_MS ? `the backlog stayed at ${smallest} or more for ${VISIBILITY_WAIT_MS / 1000} s` : undefined) },
  );
}

async function waitForOpenWorkflows(workflows: AccountWorkflows, expected: number): Promise<number> {
  let open = 0;
  await waitUntil(async () => (open = await workflows.countOpen()) >= expected, { what: `${expected} open account workflows`, timeoutMs: VISIBILITY_WAIT_MS, intervalMs: 1_000 }).catch(() => undefined);
  return open;
}

interface LoggingFigures {
  warmPass: LatencyFigures;
  capacity: CapacityResult;
  rate: number;
  atRate: LatencyFigures;
}

/**
 * One activity on each worked account (the warm pass), then the capacity, then BENCH_SECONDS at the rate
 * `rateFor` picks from it. The pass makes both systems start alike: on the loaded one the fill's
 * workflows have taken the worker's workflow cache (a few thousand), so each worked account's first
 * update replays its history; the pass's figures show that cost, the search then measures the steady state.
 */
async function measureLogging(system: BenchSystem, label: string, logActivity: (i: number) => LoadRequest, rateFor: (capacity: number) => number): Promise<LoggingFigures> {
  const warmPass = await runOpenLoop(`${label} warm pass`, system.baseUrl, WARM_RATE, WORKED, logActivity);
  console.log(`  ${label} warm pass, one activity on each of ${WORKED} accounts at ${WARM_RATE} req/s: ${formatFigures(warmPass)}`);
  const capacity = await findCapacity(`${label} log activity`, system.baseUrl, logActivity, STEP_SECONDS ? { stepSeconds: STEP_SECONDS } : {});
  console.log(`  ${label} capacity: ${capacity.capacity} req/s`);
  const rate = rateFor(capacity.capacity);
  const atRate = await runOpenLoop(`${label} at ${rate} req/s`, system.baseUrl, rate, rate * SECONDS, logActivity);
  console.log(`  ${label} at ${rate} req/s for ${SECONDS} s: ${formatFigures(atRate)}`);
  return { warmPass, capacity, rate, atRate };
}

function sqliteBytes(dataDir: string): number {
  return ['temporal.db', 'temporal.db-wal', 'temporal.db-shm'].reduce((sum, file) => sum + (fs.existsSync(path.join(dataDir, file)) ? fs.statSync(path.join(dataDir, file)).size : 0), 0);
}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

/** The five steps of the issue; answers how many checks failed. */
async function runPhases(system: BenchSystem, db: Db, workflows: AccountWorkflows): Promise<number> {
  // The worker's process registers the search attributes that taking an account sets, then polls.
  await waitUntil(() => workflows.workerPolls(), { what: 'the worker polling', timeoutMs: 120_000 });
  const { apiKey } = await api<{ apiKey: string }>(system, system.adminKey, 'POST', '/api/v1/users', { email: 'bench.manager@example.com', name: 'Bench Manager', role: 'manager' });
  const createAccount = async (name: string) => (await api<{ account: { id: string } }>(system, apiKey, 'POST', '/api/v1/accounts', { name, timeZone: TIME_ZONE })).account.id;

  // 1. Empty system.
  const worked: string[] = [];
  const empty = await phase('1. empty system: worked accounts created and taken', async () => {
    const numbers = Array.from({ length: WORKED }, (_, i) => i);
    await runBounded(numbers, 8, async (i) => worked.push(await createAccount(`Bench worked account ${i}`)));
    const takes = await take(system, apiKey, worked, 8);
    check('worked accounts created and taken', worked.length === WORKED && takes.failed === 0, `${worked.length} of ${WORKED} created, ${takes.failed} takes failed`);
    await drainBacklog(workflows);
    // One refusal through the API: its re-contact timer is the model of the seeded ones.
    const templateAccount = await createAccount('Bench refusing account');
    await api(system, apiKey, 'POST', `/api/v1/accounts/${templateAccount}/take`);
    const refusal = await api<{ timersStarted: { id: string; kind: string }[] }>(system, apiKey, 'POST', `/api/v1/accounts/${templateAccount}/activities`, { type: 'CALL', outcome: 'REFUSED' });
    const recontact = refusal.timersStarted.find((timer) => timer.kind === 'recontact');
    if (!recontact) throw new Error(`the refusal started no recontact timer: ${JSON.stringify(refusal.timersStarted)}`);
    return { takeRate: takes.rate, template: await recontactTemplate(db, recontact.id) };
  });
  const headers = { Authorization: `Bearer ${apiKey}`, 'Content-Type': 'application/json' };
  // As bench/log-activity.bench.ts: NO_ANSWER keeps each account's status, so every request does the same work.
  const logActivity = (i: number): LoadRequest => ({ method: 'POST', path: `/api/v1/accounts/${worked[i % worked.length]}/activities`, headers, body: JSON.stringify({ type: 'CALL', outcome: 'NO_ANSWER' }) });
  const emptyLogging = await phase('1. empty system: logging', () => measureLogging(system, 'empty', logActivity, (capacity) => FIXED_RATE ?? Math.max(1, Math.round(CAPACITY_SHARE * capacity))));
  const fixedRate = emptyLogging.rate;

  // 2. Fill: pool accounts set-based, taken through the API.
  const filled = await phase('2. fill: seed pool accounts and re-contact timers (SQL)', () => seedPoolAccounts(db, { count: FILL, timers: TIMERS - 1, timeZone: TIME_ZONE, template: empty.template }));
  const fill = await phase('2. fill: take through the API', async () => {
    const ids = filled.map((account) => account.id);
    const trials: { concurrency: number; rate: number }[] = [];
    let failed = 0;
    let offset = 0;
    const started = performance.now();
    for (const concurrency of TAKE_CONCURRENCIES) {
      const slice = ids.slice(offset, offset + Math.min(TAKE_TRIAL, Math.floor(ids.length / (TAKE_CONCURRENCIES.length + 1))));
      offset += slice.length;
      const result = await take(system, apiKey, slice, concurrency);
      trials.push({ concurrency, rate: result.rate });
      failed += result.failed;
    }
    const best = trials.reduce((a, b) => (b.rate > a.rate ? b : a));
    failed += (await take(system, apiKey, ids.slice(offset), best.concurrency)).failed;
    return { trials, best: best.concurrency, rate: ids.length / ((performance.now() - started) / 1000), failed };
  });
  check('every pool account taken through the API', fill.failed === 0, `${fill.failed} of ${FILL} takes failed`);
  const inWork = await db.account.count({ where: { status: { not: 'NEW' }, archivedAt: null } });
  check('accounts in work in PostgreSQL', inWork === ACCOUNTS, `${inWork} of ${ACCOUNTS}`);
  // Visibility lags behind the starts: wait for as many open workflows as PostgreSQL has accounts in work.
  const openAfterFill = await phase('2. fill: wait for the visibility count', () => waitForOpenWorkflows(workflows, inWork));
  check('open account workflows (visibility)', openAfterFill === ACCOUNTS, `${openAfterFill} of ${ACCOUNTS}`);
  const recontacts = await pendingRecontacts(db);
  check('pending re-contact timers in PostgreSQL', recontacts.length === TIMERS, `${recontacts.length} of ${TIMERS}`);
  const sample = Array.from({ length: Math.min(SAMPLE, recontacts.length) }, (_, i) => recontacts[Math.floor((i * recontacts.length) / Math.min(SAMPLE, recontacts.length))]);
  await phase('2. fill: wait for the workflow task backlog to drain', () => drainBacklog(workflows));
  await checkSample(workflows, 'a sample of workflows wait on their re-contact timer (pendingTimers query)', sample);

  // 3. Loaded system.
  const loadedLogging = await phase('3. loaded system: logging', () => measureLogging(system, 'loaded', logActivity, () => fixedRate));
  const drop = emptyLogging.capacity.capacity ? (100 * (emptyLogging.capacity.capacity - loadedLogging.capacity.capacity)) / emptyLogging.capacity.capacity : NaN;

  // 4. Restart the worker and the dev server on the same SQLite file; the API keeps running.
  const before = new Map((await pendingRecontacts(db)).map((timer) => [timer.timerId, timer.fireAt.getTime()]));
  const restart = await phase('4. restart: worker and Temporal dev server', async () => {
    const began = performance.now();
    const restarted = await system.restartTemporalAndWorker();
    const bothStarted = performance.now();
    await waitUntil(() => workflows.workerPolls(), { what: 'the restarted worker polling', timeoutMs: 120_000, intervalMs: 50 });
    const workerPollingMs = performance.now() - began;
    const first = await sendOnce(system.baseUrl, logActivity(0));
    const answered = performance.now();
    console.log(`  stopped in ${restarted.stoppedMs.toFixed(0)} ms; dev server up at ${restarted.temporalUpMs.toFixed(0)} ms, worker started at ${restarted.workerStartedMs.toFixed(0)} ms and polling at ${workerPollingMs.toFixed(0)} ms`);
    console.log(`  first activity: HTTP ${first.status} in ${first.ms.toFixed(0)} ms, ${(answered - bothStarted).toFixed(0)} ms after both were started`);
    return { ...restarted, workerPollingMs, firstStatus: first.status, firstMs: first.ms, fromStartedMs: answered - bothStarted };
  });
  check('the first activity after the restart answered', restart.firstStatus === 201, `HTTP ${restart.firstStatus}`);
  const after = await pendingRecontacts(db);
  const moved = after.filter((timer) => before.get(timer.timerId) !== timer.fireAt.getTime()).length;
  check('every re-contact timer still pending, unchanged', after.length === before.size && moved === 0, `${after.length} pending of ${before.size}, ${moved} not pending before or moved`);
  const [{ early }] = await db.$queryRaw<{ early: bigint }[]>`SELECT count(*) AS early FROM timers WHERE state = 'FIRED' AND (fire_at > now() OR settled_at < fire_at)`;
  check('no timer fired early', early === 0n, `${early} fired before their time`);
  const openAfterRestart = await waitForOpenWorkflows(workflows, inWork);
  check('open account workflows after the restart', openAfterRestart === ACCOUNTS, `${openAfterRestart} of ${ACCOUNTS}`);
  await checkSample(workflows, 'the sample still waits on its re-contact timers after the restart', sample);

  // 5. Summary.
  const line = (label: string, f: LatencyFigures) => `  ${label.padEnd(38)} p50 ${f.p50Ms.toFixed(1)} ms  p99 ${f.p99Ms.toFixed(1)} ms  (${f.failed} failed of ${f.sent})`;
  const target = (met: boolean) => (met ? 'met' : 'MISSED');
  console.log(`\naccounts-in-work summary (${new Date().toISOString()}, load ${loadAverage()}): ${ACCOUNTS} accounts in work, ${TIMERS} pending re-contacts, logging over ${WORKED}`);
  console.log(`  takes through the API                  empty system ${empty.takeRate.toFixed(1)}/s (concurrency 8); fill ${fill.rate.toFixed(1)}/s overall (${fill.trials.map((t) => `${t.concurrency}: ${t.rate.toFixed(1)}/s`).join(', ')}; the rest at ${fill.best})`);
  console.log(`  logging capacity (p99 < 250 ms)        empty ${emptyLogging.capacity.capacity} req/s, loaded ${loadedLogging.capacity.capacity} req/s: ${Number.isNaN(drop) ? 'no drop to compute: no step passed on the empty system' : `drop ${drop.toFixed(1)}% (target <= ${MAX_DROP_PERCENT}%: ${target(drop <= MAX_DROP_PERCENT)})`}`);
  console.log(line(`empty warm pass at ${WARM_RATE} req/s`, emptyLogging.warmPass));
  console.log(line(`loaded warm pass at ${WARM_RATE} req/s`, loadedLogging.warmPass));
  console.log(line(`empty at ${fixedRate} req/s${FIXED_RATE ? '' : ' (60%)'}`, emptyLogging.atRate));
  console.log(line(`loaded at ${fixedRate} req/s`, loadedLogging.atRate));
  console.log(`  restart                                stopped in ${restart.stoppedMs.toFixed(0)} ms, dev server up ${restart.temporalUpMs.toFixed(0)} ms, worker polling ${restart.workerPollingMs.toFixed(0)} ms after the stop began`);
  console.log(`  first activity after the restart       ${restart.firstMs.toFixed(0)} ms once the worker polled (target < ${FIRST_ACTIVITY_LIMIT_MS} ms: ${target(restart.firstMs < FIRST_ACTIVITY_LIMIT_MS)}); ${restart.fromStartedMs.toFixed(0)} ms from both started to the answer`);
  console.log('  phases: ' + phases.map((p) => `${p.name} ${p.seconds.toFixed(0)} s`).join('; '));
  const sizes = [...(await tableSizes(db))].sort((a, b) => b[1].tableBytes + b[1].indexBytes - (a[1].tableBytes + a[1].indexBytes)).slice(0, 10);
  console.log('  PostgreSQL, largest tables: ' + sizes.map(([table, size]) => `${table} ${mib(size.tableBytes)} + ${mib(size.indexBytes)} indexes`).join('; '));
  console.log(`  Temporal dev server SQLite (with WAL): ${mib(sqliteBytes(system.dataDir))}`);
  const failed = checks.filter((c) => !c.passed);
  console.log(`  checks: ${checks.length - failed.length} of ${checks.length} passed${failed.length ? `; FAILED: ${failed.map((c) => c.what).join('; ')}` : ''}`);
  return failed.length;
}

async function main() {
  if (FILL < TIMERS - 1) throw new Error(`BENCH_ACCOUNTS (${ACCOUNTS}) must leave at least BENCH_TIMERS - 1 (${TIMERS - 1}) accounts beside the ${WORKED} worked ones and the template`);
  console.log(`accounts-in-work: ${ACCOUNTS} accounts, ${TIMERS} re-contact timers, logging over ${WORKED}; ${new Date().toISOString()}, load ${loadAverage()}`);
  const system = await startBenchSystem({ separateProcesses: true });
  const db = createPrismaClient(system.databaseUrl, { maxConnections: 2 });
  let workflows: AccountWorkflows | undefined;
  try {
    workflows = await connectAccountWorkflows(system.temporalAddress, process.env.TEMPORAL_NAMESPACE ?? 'default', process.env.TEMPORAL_TASK_QUEUE ?? 'crm');
    return await runPhases(system, db, workflows);
  } finally {
    await workflows?.close();
    await db.$disconnect();
    await system.stop();
  }
}

main().then(
  (failedChecks) => process.exit(failedChecks ? 1 : 0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
