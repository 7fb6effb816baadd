// Issue 18's benchmark: 5,000 distinct people register for one event (4,000 seats) through the
// public page, form-encoded, each from its own client address, at a constant 50 req/s through the
// whole system (rate limit, contact matching, the event row lock, the activity, the outbox e-mail,
// the workflow signal). Target: p99 < 250 ms, and the waiting list exactly right, also after 25
// cancellations through the public links. Against a bare Express app taking the same post into one
// table under the same lock, at the same rate, in the same run.
import pg from 'pg';
import { startBareRegistrationApp } from './lib/bare-registration-app';
import { benchPerson, registrationPost, type BenchPerson } from './lib/bench-people';
import { callApi } from './lib/bench-api';
import { startBenchSystem, type BenchSystem } from './lib/bench-system';
import { median } from './lib/constant-rate-load';
import { formatFigures, runOpenLoop, sendOnce, type LatencyFigures } from './lib/open-loop-latency';
import { sampleDatabaseActivity, type ActivitySample } from './lib/pg-activity-sampler';
import { profileFirstSeconds } from './lib/cpu-profile';
import { measureProcessLoad, type ProcessLoad } from './lib/process-load';
import { readRegistrationPage, type RegistrationOutcome } from './lib/registration-page';
import { seedExistingAccounts } from './lib/seed-existing-accounts';
import { checkAfterCancellations, checkAfterLoad, readRegistrations, readWaitingListThroughApi, type Check } from './lib/waiting-list-checks';

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 5000);
const CAPACITY = Number(process.env.BENCH_CAPACITY ?? Math.round(PEOPLE * 0.8));
const RATE = Number(process.env.BENCH_RATE ?? 50);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 1);
const CANCELLATIONS = Math.min(Number(process.env.BENCH_CANCELLATIONS ?? 25), CAPACITY, Math.max(0, PEOPLE - CAPACITY));
const COMPANIES = Number(process.env.BENCH_COMPANIES ?? Math.max(1, Math.round(PEOPLE / 5)));
/** Accounts the CRM holds before anyone registers (matching a person searches them); 0: an empty CRM. */
const EXISTING_ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 0);
/** How long to wait for the event's workflow to send every e-mail the round queued (0: do not wait). */
const MAIL_WAIT_SECONDS = Number(process.env.BENCH_MAIL_WAIT_SECONDS ?? 300);
const SOURCE_CODE = 'WEB';
/** 1: the worker and the SMTP server in processes of their own, as deployments run them (default: all in this one, as `npm start`). */
const SEPARATE_PROCESSES = process.env.BENCH_SEPARATE_PROCESSES === '1';
/** A CPU profile of this process over the first this many seconds of each round's load (0: none). */
const PROFILE_SECONDS = Number(process.env.BENCH_CPU_PROFILE_SECONDS ?? 0);
// Each person posts from an address of its own in X-Forwarded-For; the bench's own proxy is loopback.
process.env.TRUST_PROXY ??= 'loopback';

interface RoundResult {
  system: LatencyFigures;
  bare: LatencyFigures;
  checks: Check[];
  cancellation: { p50Ms: number; maxMs: number };
  database: ActivitySample;
  process: ProcessLoad;
}

function apiClient(system: BenchSystem) {
  return (method: string, path: string, body?: object): Promise<any> => callApi(system.baseUrl, system.adminKey, method, path, body);
}

/** Polls `read` until it returns something, for at most `seconds`: the condition, never a fixed sleep. */
async function eventually<T>(what: string, seconds: number, read: () => Promise<T | undefined>): Promise<T> {
  const until = Date.now() + seconds * 1000;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`gave up waiting for ${what} after ${seconds} s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A scheduled OPEN event with `capacity` seats and one source, once its workflow has opened registration. */
async function openEvent(api: ReturnType<typeof apiClient>, round: number): Promise<string> {
  const startsAt = new Date(Date.now() + 30 * 86_400_000);
  const event = await api('POST', '/api/v1/events', {
    name: `Registration benchmark ${round}`,
    kind: 'seminar',
    venue: 'Bench hall',
    timeZone: 'Europe/Paris',
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + 3 * 3_600_000).toISOString(),
    capacity: CAPACITY,
    registrationMode: 'OPEN',
    sources: [{ code: SOURCE_CODE, name: 'Web site' }],
  });
  await api('POST', `/api/v1/events/${event.id}/schedule`);
  await eventually('registration to open', 60, async () => ((await api('GET', `/api/v1/events/${event.id}`)).registrationOpen ? true : undefined));
  return event.id;
}

/** The form's page must offer the fields the benchmark posts, or the run would measure 400 pages. */
async function checkForm(baseUrl: string, formPath: string): Promise<void> {
  const page = await sendOnce(baseUrl, { method: 'GET', path: `${formPath}?source=${SOURCE_CODE}`, headers: { 'X-Forwarded-For': '10.255.255.254' } });
  const missing = ['name', 'email', 'company', 'phone', 'source'].filter((field) => !new RegExp(`name="${field}"`).test(page.body));
  if (page.status !== 200 || missing.length) throw new Error(`GET ${formPath}: ${page.status}, form fields missing: ${missing.join(', ') || 'none'}`);
}

/** Cancels one by one through the public links: GET the confirmation page, then POST its form. */
async function cancelThroughLinks(baseUrl: string, people: { person: BenchPerson; outcome: RegistrationOutcome }[]): Promise<number[]> {
  const latencies: number[] = [];
  for (const { person, outcome } of people) {
    const headers = { 'X-Forwarded-For': person.address };
    const confirm = await sendOnce(baseUrl, { method: 'GET', path: outcome.cancelPath, headers });
    if (confirm.status !== 200) throw new Error(`GET ${outcome.cancelPath}: ${confirm.status}`);
    const done = await sendOnce(baseUrl, { method: 'POST', path: outcome.cancelPath, headers: { ...headers, 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': '0' }, body: '' });
    if (done.status !== 200) throw new Error(`POST ${outcome.cancelPath}: ${done.status} ${done.body.slice(0, 300)}`);
    latencies.push(done.ms);
  }
  return latencies.sort((a, b) => a - b);
}

async function waitForMail(client: pg.Client, eventId: string): Promise<string> {
  const read = async () =>
    (
      await client.query<{ template: string; sent: number; pending: number; skipped: number }>(
        `SELECT template_key AS template, count(*) FILTER (WHERE sent_at IS NOT NULL)::int AS sent,
                count(*) FILTER (WHERE sent_at IS NULL AND skipped_reason IS NULL)::int AS pending, count(*) FILTER (WHERE skipped_reason IS NOT NULL)::int AS skipped
           FROM outbound_emails WHERE event_id = $1 GROUP BY template_key ORDER BY template_key`,
        [eventId],
      )
    ).rows;
  const started = Date.now();
  const rows = MAIL_WAIT_SECONDS > 0 ? await eventually('the event e-mails', MAIL_WAIT_SECONDS, async () => ((await read()).every((row) => row.pending === 0) ? read() : undefined)).catch(read) : await read();
  const summary = rows.map((row) => `${row.template} ${row.sent} sent${row.pending ? `, ${row.pending} pending` : ''}${row.skipped ? `, ${row.skipped} skipped` : ''}`).join('; ');
  return `${summary || 'none queued'} (${((Date.now() - started) / 1000).toFixed(1)} s after the checks)`;
}

async function runRound(system: BenchSystem, client: pg.Client, bare: Awaited<ReturnType<typeof startBareRegistrationApp>>, round: number): Promise<RoundResult> {
  const api = apiClient(system);
  const people = Array.from({ length: PEOPLE }, (_, i) => benchPerson(round, i, COMPANIES));

  // The baseline first: the system's e-mails of the round would otherwise still be going out during it.
  const bareEvent = await bare.createEvent(CAPACITY);
  const bareFigures = await runOpenLoop('bare', bare.baseUrl, RATE, PEOPLE, (i) => registrationPost(`/events/${bareEvent}/register`, people[i], SOURCE_CODE));
  const bareCounts = await bare.counts(bareEvent);
  console.log(`round ${round} bare Express + one locked insert: ${formatFigures(bareFigures)} ${JSON.stringify(bareCounts)}`);

  const eventId = await openEvent(api, round);
  const formPath = `/events/${eventId}/register`;
  await checkForm(system.baseUrl, formPath);
  const outcomes = new Map<number, RegistrationOutcome>();
  const sampler = await sampleDatabaseActivity(system.databaseUrl);
  const processLoad = measureProcessLoad();
  const profile = PROFILE_SECONDS > 0 ? await profileFirstSeconds(PROFILE_SECONDS, `event-registration-round${round}-${Date.now()}.cpuprofile`) : undefined;
  const systemFigures = await runOpenLoop(
    'public registration',
    system.baseUrl,
    RATE,
    PEOPLE,
    (i) => registrationPost(formPath, people[i], SOURCE_CODE),
    (i, answer) => {
      const outcome = readRegistrationPage(answer.body);
      if (typeof outcome === 'string') return outcome;
      outcomes.set(i, outcome);
      return undefined;
    },
  );
  const processFigures = processLoad.stop();
  const database = await sampler.stop();
  console.log(`round ${round} public registration page:      ${formatFigures(systemFigures)}`);
  if (profile) console.log(`round ${round} CPU profile of the first ${PROFILE_SECONDS} s: ${await profile.done}`);

  const before = await readRegistrations(client, eventId);
  const get = (path: string) => api('GET', path);
  const pages = new Map([...outcomes].map(([i, outcome]) => [people[i].email, { status: outcome.status, waitingPosition: outcome.waitingPosition }]));
  const checks = checkAfterLoad(before, await readWaitingListThroughApi(get, eventId), { people: PEOPLE, capacity: CAPACITY, emails: people.map((person) => person.email) }, pages);

  // Seats spread over the list, cancelled one after the other: each must promote the then-first waiting.
  const seats = [...outcomes].filter(([, outcome]) => outcome.status === 'REGISTERED');
  const chosen = Array.from({ length: CANCELLATIONS }, (_, k) => seats[Math.floor((k * seats.length) / CANCELLATIONS)]).filter(Boolean);
  const emailToId = new Map(before.map((row) => [row.email, row.id]));
  const cancelTimes = await cancelThroughLinks(
    system.baseUrl,
    chosen.map(([i, outcome]) => ({ person: people[i], outcome })),
  );
  const after = await readRegistrations(client, eventId);
  checks.push(
    ...checkAfterCancellations(
      before,
      after,
      await readWaitingListThroughApi(get, eventId),
      chosen.map(([i]) => emailToId.get(people[i].email)!),
      CAPACITY,
    ),
  );
  for (const { name, ok, detail } of checks) console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${name}: ${detail}`);
  console.log(`  e-mails: ${await waitForMail(client, eventId)}`);
  return { system: systemFigures, bare: bareFigures, checks, cancellation: { p50Ms: median(cancelTimes) ?? NaN, maxMs: cancelTimes.at(-1) ?? NaN }, database, process: processFigures };
}

async function main() {
  console.log(
    `event-registration: ${PEOPLE} people, ${CAPACITY} seats, ${RATE} req/s, ${ROUNDS} round(s), ${CANCELLATIONS} cancellations, ${EXISTING_ACCOUNTS} accounts before, TRUST_PROXY=${process.env.TRUST_PROXY}, ${SEPARATE_PROCESSES ? 'worker and SMTP server in processes of their own' : 'API, worker and SMTP catcher in this process'}`,
  );
  const system = await startBenchSystem({ separateProcesses: SEPARATE_PROCESSES });
  const client = new pg.Client({ connectionString: system.databaseUrl });
  await client.connect();
  await seedExistingAccounts(client, EXISTING_ACCOUNTS);
  const bare = await startBareRegistrationApp(system.databaseUrl, Number(process.env.DATABASE_POOL_SIZE ?? 10));
  try {
    const rounds: RoundResult[] = [];
    for (let round = 1; round <= ROUNDS; round++) rounds.push(await runRound(system, client, bare, round));
    const of = (pick: (r: RoundResult) => number) => median(rounds.map(pick));
    const [p50, p95, p99, max] = [of((r) => r.system.p50Ms), of((r) => r.system.p95Ms), of((r) => r.system.p99Ms), of((r) => r.system.maxMs)];
    const [bareP50, bareP99] = [of((r) => r.bare.p50Ms), of((r) => r.bare.p99Ms)];
    const failedChecks = rounds.flatMap((r) => r.checks.filter((c) => !c.ok));
    const failed = rounds.reduce((sum, r) => sum + r.system.failed, 0);
    console.log(`\nevent-registration at ${RATE} req/s, ${PEOPLE} people for ${CAPACITY} seats, ${ROUNDS} round(s), medians of rounds:`);
    console.log(`  POST /events/:id/register (public page)  p50 ${p50.toFixed(1)} ms  p95 ${p95.toFixed(1)} ms  p99 ${p99.toFixed(1)} ms  max ${max.toFixed(1)} ms  (target p99 < 250 ms: ${p99 < 250 ? 'met' : 'MISSED'})`);
    console.log(`  bare Express + locked insert              p50 ${bareP50.toFixed(2)} ms  p99 ${bareP99.toFixed(2)} ms`);
    console.log(`  ratio to baseline                         p50 x${(p50 / bareP50).toFixed(1)}  p99 x${(p99 / bareP99).toFixed(1)}`);
    console.log(`  failed requests                           ${failed} (bare ${rounds.reduce((sum, r) => sum + r.bare.failed, 0)})`);
    console.log(`  cancellation through the link (POST)     p50 ${of((r) => r.cancellation.p50Ms).toFixed(1)} ms  max ${of((r) => r.cancellation.maxMs).toFixed(1)} ms`);
    console.log(`  waiting list checks                       ${failedChecks.length ? `${failedChecks.length} FAILED` : 'all passed'}`);
    const { process: load } = rounds.at(-1)!;
    console.log(
      `  this process (API${SEPARATE_PROCESSES ? '' : ', worker, mail catcher'} and the load) during the last load: CPU ${(load.cpuOfOneCore * 100).toFixed(0)}% of one core, event loop delay p50 ${load.loopDelayP50Ms.toFixed(1)} ms p99 ${load.loopDelayP99Ms.toFixed(1)} ms`,
    );
    const last = rounds.at(-1)!.database;
    console.log(`  database during the last load (${last.samples} samples): ${last.meanActive.toFixed(2)} statements running on average, ${last.meanWaitingOnLocks.toFixed(2)} of them waiting on a lock, ${last.meanIdleInTransaction.toFixed(2)} transactions idle (the application working between statements); caught most often:`);
    for (const { statement, seen } of last.topStatements) console.log(`    ${String(seen).padStart(5)}  ${statement}`);
    console.log(`  what those statements waited for: ${last.topWaits.map(({ wait, seen }) => `${wait} ${seen}`).join(', ')}; checkpoints during the load: ${last.checkpoints}`);
    if (failed || failedChecks.length) process.exitCode = 1;
  } finally {
    await bare.stop();
    await client.end();
    await system.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
