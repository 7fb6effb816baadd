/**
 * Issue 7, item 2: the Temporal server restarts while 1,000 re-contact timers are pending. Every
 * timer must fire exactly once, never before its time, and create exactly one RECONTACT task;
 * once after a graceful stop (SIGTERM) and once after a SIGKILL of the server.
 *
 * The run's shared dev server serves other test files in parallel, so this file starts a dev
 * server of its own on a persistent SQLite file and restarts it on the same file and port. The
 * app's client and the worker keep running across the restart, as they would in production: their
 * gRPC connections reconnect, and the SDK's core retries the worker's polls with backoff until the
 * server answers again (the WARN lines `gRPC call poll_workflow_task_queue retried N times` in the
 * output are those retries). After a SIGKILL a few workflow tasks can wait for the sticky queue's
 * 10 s schedule-to-start timeout before they go to the normal queue: late, never early.
 *
 * FAULT_TIMER_ACCOUNTS (default 1,000, what CI runs) scales the accounts per scenario down for a
 * quicker local run, e.g. `FAULT_TIMER_ACCOUNTS=100 npx jest test/faults/temporal-restart`.
 */
import fs from 'node:fs';
import type http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import supertest from 'supertest';
import { createLogger } from '../../src/logger';
import { findFreePort } from '../../src/services/free-port';
import { startTemporalDevServer, type RunningTemporal } from '../../src/services/temporal-dev-server';
import { registerSearchAttributes } from '../../src/temporal/search-attributes';
import { accountWorkflowId } from '../../workflows/account.messages';
import { eventually } from '../support/eventually';
import { shortenRecontact } from '../support/rule-versions';
import { startTestApp, type TestApp } from '../support/test-app';
import { pooled } from '../support/pooled';

const ACCOUNTS = Number(process.env.FAULT_TIMER_ACCOUNTS ?? 1000);
/** Requests in flight at once, as a busy team of managers would send them. */
const CONCURRENCY = 10;
/** The deliberate time with no Temporal server at all. */
const DOWNTIME_MS = 5_000;
/** Stop (graceful: about 1 s) + downtime + start on the existing file (about 3 s) + margin. */
const RESTART_BUDGET_MS = DOWNTIME_MS + 15_000;
/** Refusals with a far re-contact that measure the pace first; 10% of the run, at least 20. */
const CALIBRATION_ACCOUNTS = Math.max(20, Math.round(ACCOUNTS / 10));
/**
 * A scenario lasts about 3.1 x pace x ACCOUNTS + 40 s: the calibration (0.1), the refusals (1)
 * and a re-contact delay of 2 that starts after the last refusal, then the checks. The pace is
 * this machine's at the time: 60 to 135 ms per refusal seen under CI's parallel load, which is 180
 * to 460 s. The limit allows a pace of 270 ms; the waits inside are bounded by conditions.
 */
const SCENARIO_TIMEOUT_MS = 900_000;

const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'warn');
let dataDir: string;
let port: number;
let temporal: RunningTemporal;
let t: TestApp;
let server: http.Server;
let api: ReturnType<typeof supertest>;
let manager: { id: string; key: string };
const auth = () => ({ Authorization: `Bearer ${manager.key}` });

/** This file's own dev server, always on the same port and SQLite file. */
async function startOwnTemporal(): Promise<RunningTemporal> {
  return startTemporalDevServer({ cliPath: process.env.TEMPORAL_CLI_PATH, port, dbFile: path.join(dataDir, 'temporal.sqlite'), namespace: 'default', logger });
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-temporal-restart-'));
  port = await findFreePort();
  temporal = await startOwnTemporal();
  await registerSearchAttributes({ address: temporal.address, namespace: 'default' });
  t = await startTestApp({ temporalAddress: temporal.address });
  manager = await t.userWithKey('manager');
  // One listening server for the thousands of requests below (supertest would open one per request).
  server = t.app.listen(0, '127.0.0.1');
  api = supertest(server);
}, 120_000);

afterAll(async () => {
  server?.close();
  await t?.close();
  await temporal?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
}, 60_000);


const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Accounts already taken into work by the manager, written set-based: taking them is not what this
 * test is about. Their workflow does not run yet: the first logged activity starts it (the API's
 * update-with-start, the path that heals an account whose workflow is missing).
 */
async function seedTakenAccounts(tag: string, count: number): Promise<string[]> {
  const rows = await t.database.db.$queryRaw<{ id: string }[]>`
    WITH taken AS (
      INSERT INTO accounts (id, name, segment, status, owner_id, updated_at)
      SELECT gen_random_uuid(), ${tag} || ' account ' || n, ${tag}, 'POTENTIAL'::"AccountStatus", ${manager.id}::uuid, now() FROM generate_series(1, ${count}::int) AS n
      RETURNING id
    ), history AS (
      INSERT INTO status_changes (id, account_id, from_status, to_status, changed_by_id, reason)
      SELECT gen_random_uuid(), id, 'NEW'::"AccountStatus", 'POTENTIAL'::"AccountStatus", ${manager.id}::uuid, 'taken into work' FROM taken
    )
    SELECT id FROM taken`;
  return rows.map((row) => row.id);
}

interface StartedTimer {
  accountId: string;
  timerId: string;
  fireAt: number;
}

/** Logs a refused call on each account, CONCURRENCY at a time; answers the re-contact timers. */
function refuseAll(accountIds: string[]): Promise<StartedTimer[]> {
  return pooled(accountIds, CONCURRENCY, async (accountId): Promise<StartedTimer> => {
    const refusal = await api.post(`/api/v1/accounts/${accountId}/activities`).set(auth()).send({ type: 'CALL', outcome: 'REFUSED' });
    expect(refusal.status).toBe(201);
    expect(refusal.body.status).toBe('REFUSED');
    const started = refusal.body.timersStarted.filter((timer: { kind: string }) => timer.kind === 'recontact');
    expect(started).toHaveLength(1);
    return { accountId, timerId: started[0].id, fireAt: Date.parse(started[0].fireAt) };
  });
}

async function restartScenario(how: 'graceful' | 'SIGKILL') {
  const tag = `restart-${how}-${Date.now()}`;
  const [accountIds, farIds] = await Promise.all([seedTakenAccounts(tag, ACCOUNTS), seedTakenAccounts(`${tag}-far`, CALIBRATION_ACCOUNTS)]);
  expect(accountIds).toHaveLength(ACCOUNTS);

  // Calibration: the same refusals on other accounts with the rule's 90-day re-contact measure
  // this machine's pace right now. Those timers are due long after the test: they must stay pending.
  await shortenRecontact(t.database.db, 'P90D');
  const calibrationStarted = Date.now();
  const farTimers = await refuseAll(farIds);
  const paceMs = (Date.now() - calibrationStarted) / CALIBRATION_ACCOUNTS;

  // The re-contact delay: long enough that all timers are created and the server is stopped and
  // back before the first one is due (2x the measured pace, and RESTART_BUDGET_MS for the stop,
  // the downtime and a start on the existing file, about 9 s here), short enough that they fall
  // due soon after. Measured, not guessed: the figures are printed. Refusals ran at 0.2 to 1.43
  // times the calibrated pace on this shared 2-core machine (1.43 under CI's parallel load, 2026-12-04).
  const recontactSeconds = Math.ceil((2 * paceMs * ACCOUNTS + RESTART_BUDGET_MS) / 1000);
  await shortenRecontact(t.database.db, `PT${recontactSeconds}S`);

  const refuseStarted = Date.now();
  const timers = await refuseAll(accountIds);
  const refuseMs = Date.now() - refuseStarted;
  const timerIds = timers.map((timer) => timer.timerId);
  const firstDue = Math.min(...timers.map((timer) => timer.fireAt));
  const lastDue = Math.max(...timers.map((timer) => timer.fireAt));
  const stateCount = (state: 'PENDING' | 'FIRED') => t.database.db.timer.count({ where: { id: { in: timerIds }, state } });

  // The restart, while every timer is pending.
  const stopStarted = Date.now();
  expect(firstDue).toBeGreaterThan(stopStarted);
  expect(await stateCount('PENDING')).toBe(ACCOUNTS);
  if (how === 'graceful') await temporal.stop();
  else if (temporal.kill) await temporal.kill();
  else throw new Error('SIGKILL needs a dev server this process spawned from the Temporal CLI');
  const stopMs = Date.now() - stopStarted;
  // A stop that needed the SIGKILL fallback (after 10 s) would not have been graceful.
  if (how === 'graceful') expect(stopMs).toBeLessThan(10_000);
  await sleep(DOWNTIME_MS);
  temporal = await startOwnTemporal();
  const backAt = Date.now();
  const downtimeMs = backAt - stopStarted;
  // Nothing fired while the server was away or before it was back: all were still pending.
  expect(await stateCount('PENDING')).toBe(ACCOUNTS);
  if (firstDue <= backAt) throw new Error(`the first timer was due ${backAt - firstDue} ms before the server was back: refusals took ${refuseMs} ms at a measured pace of ${paceMs.toFixed(1)} ms each; raise the re-contact delay`);

  await eventually(async () => expect(await stateCount('FIRED')).toBe(ACCOUNTS), lastDue - Date.now() + 120_000);
  const allFiredAt = Date.now();

  // Exactly once, in PostgreSQL: one task per timer, one RECONTACT task per account, none early.
  const rows = await t.database.db.timer.findMany({ where: { id: { in: timerIds } }, select: { id: true, fireAt: true, settledAt: true, state: true } });
  const tasks = await t.database.db.task.findMany({ where: { accountId: { in: accountIds }, type: 'RECONTACT' }, select: { accountId: true, timerId: true, createdAt: true } });
  expect(rows).toHaveLength(ACCOUNTS);
  const byTimer = new Map(rows.map((row) => [row.id, row]));
  const tasksPerTimer = new Map<string, number>();
  const tasksPerAccount = new Map<string, number>();
  const early: string[] = [];
  const delays: number[] = [];
  for (const task of tasks) {
    tasksPerAccount.set(task.accountId, (tasksPerAccount.get(task.accountId) ?? 0) + 1);
    tasksPerTimer.set(task.timerId!, (tasksPerTimer.get(task.timerId!) ?? 0) + 1);
    const timer = byTimer.get(task.timerId!);
    if (!timer) continue;
    if (task.createdAt.getTime() < timer.fireAt.getTime() || timer.settledAt!.getTime() < timer.fireAt.getTime()) early.push(timer.id);
    delays.push(task.createdAt.getTime() - timer.fireAt.getTime());
  }
  for (const started of timers) expect(byTimer.get(started.timerId)!.fireAt.getTime()).toBe(started.fireAt);
  expect(early).toEqual([]);
  expect(tasks.every((task) => task.timerId && byTimer.has(task.timerId))).toBe(true);
  expect(tasksPerTimer.size).toBe(ACCOUNTS);
  expect(tasksPerAccount.size).toBe(ACCOUNTS);
  const duplicates = tasks.length - ACCOUNTS;

  // Exactly once, in Temporal: each workflow's history has one TimerFired, at or after the time,
  // and one fireTimer local activity.
  const fromTemporal = await pooled(timers, CONCURRENCY, async (started) => {
    const history = await t.temporal.client.workflow.getHandle(accountWorkflowId(started.accountId)).fetchHistory();
    const fired = history.events!.filter((event) => event.timerFiredEventAttributes);
    const fireTimerMarkers = history.events!.filter((event) => {
      const data = event.markerRecordedEventAttributes?.details?.data?.payloads?.[0]?.data;
      return data && JSON.parse(Buffer.from(data).toString()).activity_type === 'fireTimer';
    });
    const firedAt = fired.map((event) => Number(event.eventTime!.seconds) * 1000 + Math.floor((event.eventTime!.nanos ?? 0) / 1e6));
    return { timersFired: fired.length, fireTimers: fireTimerMarkers.length, early: firedAt.some((at) => at < started.fireAt) };
  });
  expect(fromTemporal.filter((workflow) => workflow.timersFired !== 1 || workflow.fireTimers !== 1 || workflow.early)).toEqual([]);

  // Late doubles would show by now; count once more. The far timers are untouched.
  expect(await t.database.db.task.count({ where: { accountId: { in: accountIds }, type: 'RECONTACT' } })).toBe(ACCOUNTS);
  expect(await t.database.db.timer.count({ where: { id: { in: farTimers.map((timer) => timer.timerId) }, state: 'PENDING' } })).toBe(CALIBRATION_ACCOUNTS);
  expect(await t.database.db.task.count({ where: { accountId: { in: farIds }, type: 'RECONTACT' } })).toBe(0);
  expect(duplicates).toBe(0);

  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  console.log(
    `temporal restart (${how}): ${ACCOUNTS} accounts, re-contact PT${recontactSeconds}S (pace ${paceMs.toFixed(1)} ms per refusal over ${CALIBRATION_ACCOUNTS} far ones), refusals ${seconds(refuseMs)}; ` +
      `stop ${seconds(stopMs)}, downtime ${seconds(downtimeMs)} (server back ${seconds(firstDue - backAt)} before the first timer was due); ` +
      `fire delay after fire_at: first (min) ${Math.min(...delays)} ms, last (max) ${Math.max(...delays)} ms; all fired ${seconds(allFiredAt - lastDue)} after the last was due; ` +
      `early 0, lost 0, duplicates ${duplicates}`,
  );
}

test(`when the Temporal server is stopped gracefully while ${ACCOUNTS.toLocaleString('en-US')} re-contact timers are pending then each fires once, on time, with one task`, async () => {
  await restartScenario('graceful');
}, SCENARIO_TIMEOUT_MS);

test(`when the Temporal server is killed with SIGKILL while ${ACCOUNTS.toLocaleString('en-US')} re-contact timers are pending then each fires once, on time, with one task`, async () => {
  await restartScenario('SIGKILL');
}, SCENARIO_TIMEOUT_MS);
