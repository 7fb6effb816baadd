/**
 * Issue 15, part 4: proof on a real multi-node Temporal cluster, no Docker, no dev server.
 *
 * Two Temporal server processes (the real server, built from the Go module proxy, every role in
 * each) form one cluster on PostgreSQL persistence and visibility in databases of this test's own
 * (test/faults/support/temporal-cluster.ts); a TCP load balancer stands in front of their two
 * frontends, as in a deployment, so that the project's processes keep working while one node is
 * down. Two API processes and three worker processes of this project, each its own OS process,
 * talk to the cluster through the balancer. A mixed load runs:
 *
 * - a refused call logged on each of TIMERS accounts, whose re-contact timers (shortened by a rule
 *   version to FAULT_CLUSTER_TIMER_SECONDS) fall due while a node is down and coming back;
 * - one activity logged on each of ACCOUNTS accounts, paced over the whole run;
 * - a mailing campaign to RECIPIENTS recipients at a real SMTP server of the test's own;
 * - a plan applied to a segment of PLAN_ACCOUNTS accounts, requested while a node is down;
 *
 * and meanwhile one API process, then the worker running the mailing batch, then one Temporal node
 * are SIGKILLed and restarted. At the end: every accepted request is reflected once (and a cut one
 * at most once), every re-contact timer fired once and never early, each recipient has one SENT
 * delivery and one Message-ID, copies received twice are at most kills x senders, the plan's
 * application COMPLETED once over its accounts, and every workflow is found in visibility by its
 * search attributes.
 *
 * CI runs it at the sizes below; the documented run (docs/reliability.md) sets
 * FAULT_CLUSTER_ACCOUNTS=1000 FAULT_CLUSTER_RECIPIENTS=10000 FAULT_CLUSTER_TIMERS=200
 * FAULT_CLUSTER_PLAN_ACCOUNTS=5000 FAULT_CLUSTER_TIMER_SECONDS=60.
 */
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { DEFAULT_MAX_CONNECTIONS } from '../../../src/mail/mailer';
import { startMailCatcher } from '../../../src/mail-catcher/mail-catcher';
import type { MailCatcher } from '../../../src/mail-catcher/types';
import { installDefaultRules } from '../../../src/rule-store/rule-store';
import { registerSearchAttributes } from '../../../src/temporal/search-attributes';
import { SENDERS_PER_CONNECTION } from '../../../activities/campaign/mailing/batch-senders';
import { accountWorkflowId } from '../../../workflows/account.messages';
import { applyWorkflowId } from '../../../workflows/apply-to-accounts.messages';
import { campaignWorkflowId } from '../../../workflows/campaign.messages';
import { planWorkflowId } from '../../../workflows/plan.messages';
import { accountStatusKey, crmSearchAttributeKeys } from '../../../workflows/search-attributes';
import { eventually } from '../../support/eventually';
import { shortenRecontact } from '../../support/rule-versions';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';
import { startWorkerProcess, type WorkerProcess } from '../../support/worker-process';
import { startApiProcess } from '../support/api-process';
import { startTcpBalancer, type TcpBalancer } from '../support/tcp-balancer';
import { eventuallyOn, startTemporalCluster, type TemporalCluster } from '../support/temporal-cluster';
import { ApiPool, seconds, seedAccountsWithContacts, seedTakenAccounts, until, userWithKey, type Answer, type User } from './helpers';
import { pooled } from '../../support/pooled';

const ACCOUNTS = Number(process.env.FAULT_CLUSTER_ACCOUNTS ?? 200);
const RECIPIENTS = Number(process.env.FAULT_CLUSTER_RECIPIENTS ?? 2000);
const TIMERS = Number(process.env.FAULT_CLUSTER_TIMERS ?? 50);
const PLAN_ACCOUNTS = Number(process.env.FAULT_CLUSTER_PLAN_ACCOUNTS ?? 1000);
/** The shortened re-contact delay: the node is killed shortly before the first timer is due. */
const TIMER_SECONDS = Number(process.env.FAULT_CLUSTER_TIMER_SECONDS ?? 40);
/** The mailing and the activity logs are spread over about this long, past the node's restart. */
const LOAD_SECONDS = TIMER_SECONDS + 40;
const WORKERS = 3;
const APIS = 2;
/** How long the killed node stays down. */
const NODE_DOWNTIME_MS = 5_000;
const MAX_IN_FLIGHT = 16;
/** A crash leaves at most one accepted message per sender unrecorded. */
const SENDERS = DEFAULT_MAX_CONNECTIONS * SENDERS_PER_CONNECTION;
const NAMESPACE = 'default';
const PUBLIC_URL = 'http://crm.test';
const ADMIN_API_KEY = `crm_cluster_${randomUUID().replace(/-/g, '')}`;

const run = randomUUID().slice(0, 8);
const taskQueue = `cluster-${run}`;

let cluster: TemporalCluster | undefined;
let balancer: TcpBalancer | undefined;
let sink: MailCatcher | undefined;
let database: TestDatabase | undefined;
let connection: Connection | undefined;
let client: Client;
let apis: ApiPool | undefined;
const workers: WorkerProcess[] = [];
let manager: User;
let marketer: User;
let approver: User;
const setupStarted = Date.now();
let setupMs = 0;
/** The test samples the mailing's attempts while this holds; afterAll ends it, whatever happened. */
let sampling = false;

beforeAll(async () => {
  sink = await startMailCatcher({ smtpPort: 0, httpPort: 0, maxMessages: 2 * RECIPIENTS + 1000 });
  cluster = await startTemporalCluster({ nodes: 2, namespace: NAMESPACE, historyShards: 8 });
  balancer = await startTcpBalancer(cluster.nodes.map((node) => node.frontendAddress));
  // The project's search attributes (the workers register them too): registered here so that both
  // nodes, each reading the namespace on its own, know them before any workflow sets one.
  await registerSearchAttributes({ address: balancer.address, namespace: NAMESPACE });
  const names = crmSearchAttributeKeys.map((key) => key.name);
  await Promise.all(
    cluster.nodes.map((node) =>
      eventuallyOn(node.frontendAddress, `search attributes on ${node.name}`, async (each) => {
        const { customAttributes } = await each.operatorService.listSearchAttributes({ namespace: NAMESPACE });
        const missing = names.filter((name) => !customAttributes?.[name]);
        if (missing.length) throw new Error(`missing ${missing.join(', ')}`);
      }),
    ),
  );
  connection = await Connection.connect({ address: balancer.address });
  client = new Client({ connection, namespace: NAMESPACE });

  database = await createTestDatabase();
  await installDefaultRules(database.db);
  [manager, marketer, approver] = await Promise.all([userWithKey(database.db, 'manager', run), userWithKey(database.db, 'marketer', run), userWithKey(database.db, 'manager', run)]);
  await shortenRecontact(database.db, `PT${TIMER_SECONDS}S`);

  // Three workers, then two APIs: started a few at a time, 2 cores also run both Temporal nodes.
  const workerOptions = { databaseUrl: database.url, taskQueue, publicUrl: PUBLIC_URL, smtpUrl: sink.smtpUrl, temporalAddress: balancer.address, namespace: NAMESPACE };
  for (let i = 0; i < WORKERS; i++) workers.push(await startWorkerProcess(workerOptions));
  apis = new ApiPool(() =>
    startApiProcess({ databaseUrl: database!.url, taskQueue, adminApiKey: ADMIN_API_KEY, publicUrl: PUBLIC_URL, temporalAddress: balancer!.address, namespace: NAMESPACE, smtpUrl: sink!.smtpUrl }),
  );
  await apis.start(APIS);
  setupMs = Date.now() - setupStarted;
}, 300_000);

afterAll(async () => {
  sampling = false;
  await apis?.stopAll();
  await Promise.all(workers.map((worker) => worker.stop().catch(() => undefined)));
  await connection?.close();
  await balancer?.close();
  await cluster?.dispose();
  await database?.drop();
  await sink?.close();
}, 120_000);

type Kind = 'activity' | 'refusal' | 'apply';
interface Sent {
  kind: Kind;
  /** The activity's notes, or the application's id: what finds the request's rows. */
  tag: string;
  accountId?: string;
  at: number;
  /** How long its answer took. */
  ms: number;
  answer: Answer;
}

const ok = (answer: Answer) => answer.status !== undefined && answer.status >= 200 && answer.status < 300;
/** What a client retries: a request cut by the kill of its API process, or a 503 (a service unavailable for a moment). */
const retryable = (answer: Answer) => answer.cut === true || answer.status === 503;
/** The error lines of a process's output (pino JSON lines), last first, for a failure's message. */
const errorLines = (output: string) =>
  output
    .split('\n')
    .filter((line) => /"level":(50|60)|error/i.test(line))
    .slice(-3)
    .reverse()
    .map((line) => line.slice(0, 1500))
    .join(' | ');

test(`on a 2-node Temporal cluster on PostgreSQL, with a node, a worker and an API process SIGKILLed during activities on ${ACCOUNTS} accounts, ${TIMERS} re-contact timers, a ${RECIPIENTS}-recipient mailing and a plan applied to ${PLAN_ACCOUNTS} accounts, every accepted request is there once, every timer fires once and on time, no mail is lost or doubled beyond kills x senders, and every workflow is found by its search attributes`, async () => {
  const db = database!.db;
  const pool = apis!;
  const failures: string[] = [];
  const serverErrors: { answered: string; api: number }[] = [];
  const sent: Sent[] = [];
  const events: string[] = [];
  const loadStarted = Date.now();
  const at = () => seconds(Date.now() - loadStarted);
  const note = (event: string) => events.push(`${at()} ${event}`);

  /**
   * A request, sent again (a new one, with a new tag, unless `make` keeps it) while it is cut or
   * answered 503, until it is accepted, or `settled` says an earlier attempt was.
   */
  async function untilAccepted(
    kind: Kind,
    make: (attempt: number) => { method: string; path: string; key: string; body?: object; tag: string; accountId?: string },
    settled: (answer: Answer, attempt: number) => boolean = () => false,
  ): Promise<Sent | undefined> {
    for (let attempt = 1; attempt <= 30; attempt++) {
      const request = make(attempt);
      const record: Sent = { kind, tag: request.tag, accountId: request.accountId, at: Date.now(), ms: 0, answer: { api: 0 } };
      sent.push(record);
      record.answer = await pool.request(request.method, request.path, request.key, request.body);
      record.ms = Date.now() - record.at;
      if (ok(record.answer) || settled(record.answer, attempt)) return record;
      if (record.answer.failure) {
        failures.push(`${kind} ${request.tag}: ${record.answer.failure}`);
        return undefined;
      }
      if (!retryable(record.answer)) {
        const answered = `${kind} ${request.tag}: answered ${record.answer.status} at ${at()} ${JSON.stringify(record.answer.body).slice(0, 300)}`;
        if (record.answer.status! < 500) failures.push(answered);
        // What the API logged about it, read once the run is over (its logger writes after the answer).
        else serverErrors.push({ answered, api: record.answer.api });
        // A 5xx is a failure already; the client still sends it again, so the load goes on.
        if (record.answer.status! < 500) return undefined;
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(200 * attempt, 2_000)));
    }
    failures.push(`${kind}: not accepted after 30 attempts`);
    return undefined;
  }
  /** Setup requests: before any kill, they must simply succeed. */
  async function must(method: string, path: string, key: string, body?: object): Promise<any> {
    const answer = await pool.request(method, path, key, body);
    if (!ok(answer)) throw new Error(`${method} ${path}: ${answer.status ?? answer.failure} ${JSON.stringify(answer.body)}`);
    return answer.body;
  }

  // The data, set-based: accounts in work for the activities and the refusals, recipients, plan targets.
  const segments = { activities: `cl${run}a`, timers: `cl${run}t`, mailing: `cl${run}m`, plan: `cl${run}p` };
  const [activityAccounts, timerAccounts, emails] = await Promise.all([
    seedTakenAccounts(db, segments.activities, ACCOUNTS, manager.id),
    seedTakenAccounts(db, segments.timers, TIMERS, manager.id),
    seedAccountsWithContacts(db, segments.mailing, RECIPIENTS, 'cluster.test'),
    seedAccountsWithContacts(db, segments.plan, PLAN_ACCOUNTS, 'plan.cluster.test'),
  ]);
  expect(emails).toHaveLength(RECIPIENTS);

  // The plan, through its workflow: created, submitted, approved.
  const year = new Date().getUTCFullYear() + 1;
  const plan = await must('POST', '/api/v1/plans', marketer.key, { name: `Cluster ${run}`, periodStart: `${year}-01-01`, periodEnd: `${year}-12-31`, currency: 'EUR', approverIds: [approver.id] });
  await must('POST', `/api/v1/plans/${plan.id}/submit`, marketer.key);
  expect((await must('POST', `/api/v1/plans/${plan.id}/approve`, approver.key, {})).status).toBe('APPROVED');
  const planSegment = await must('POST', '/api/v1/segments', marketer.key, { name: `Plan ${run}`, criteria: { field: 'account.segment', op: 'eq', value: segments.plan } });

  // The mailing: LIST in two seconds, then MAILING at a rate that keeps it going past the node's restart.
  const ratePerSecond = Math.max(1, Math.ceil(RECIPIENTS / LOAD_SECONDS));
  const templateKey = `cluster-${run}`;
  await must('POST', '/api/v1/templates', marketer.key, { key: templateKey, name: templateKey, subject: 'Offer for {{ account.name }}', text: 'Hello {{ contact.name }}. Unsubscribe: {{ unsubscribeUrl }}' });
  const mailingSegment = await must('POST', '/api/v1/segments', marketer.key, { name: `Mailing ${run}`, criteria: { field: 'account.segment', op: 'eq', value: segments.mailing } });
  const campaign = await must('POST', '/api/v1/campaigns', marketer.key, {
    name: `Cluster ${run}`,
    stages: [
      { type: 'LIST', startAt: new Date(Date.now() + 2_000).toISOString(), settings: { segmentId: mailingSegment.id } },
      { type: 'MAILING', settings: { templateKey, ratePerSecond } },
    ],
  });
  await must('POST', `/api/v1/campaigns/${campaign.id}/schedule`, marketer.key);
  note(`mailing scheduled at ${ratePerSecond}/s`);
  const received = () => sink!.messages().filter((mail) => mail.to.some((to) => to.startsWith(`${segments.mailing}-`)));

  // The refusals: all at once (8 at a time), so that their timers fall due together.
  const timers: { accountId: string; timerId: string; fireAt: number }[] = [];
  let lastRefusalAnswered = 0;
  let refusalsAnswered = 0;
  const refusals = pooled(timerAccounts, 8, async (accountId, index) => {
    const accepted = await untilAccepted('refusal', (attempt) => ({ method: 'POST', path: `/api/v1/accounts/${accountId}/activities`, key: manager.key, body: { type: 'CALL', outcome: 'REFUSED', notes: `${segments.timers}-${index}-${attempt}` }, tag: `${segments.timers}-${index}-${attempt}`, accountId }));
    lastRefusalAnswered = Date.now();
    refusalsAnswered++;
    const started = accepted?.answer.body.timersStarted.filter((timer: { kind: string }) => timer.kind === 'recontact') ?? [];
    if (accepted && started.length !== 1) failures.push(`refusal on ${accountId} answered ${started.length} re-contact timers`);
    for (const timer of started) timers.push({ accountId, timerId: timer.id, fireAt: Date.parse(timer.fireAt) });
  });

  // The activities: one per account, paced over the run, at most MAX_IN_FLIGHT at once.
  const paceMs = (LOAD_SECONDS * 1000) / ACCOUNTS;
  let inFlight = 0;
  const activities = (async () => {
    const running: Promise<void>[] = [];
    for (let index = 0; index < ACCOUNTS; index++) {
      const due = loadStarted + index * paceMs;
      await until('a free slot for the next activity', () => Date.now() >= due && inFlight < MAX_IN_FLIGHT, 600_000);
      const accountId = activityAccounts[index];
      inFlight++;
      running.push(
        untilAccepted('activity', (attempt) => ({ method: 'POST', path: `/api/v1/accounts/${accountId}/activities`, key: manager.key, body: { type: 'CALL', outcome: 'CONTACT_MADE', notes: `${segments.activities}-${index}-${attempt}` }, tag: `${segments.activities}-${index}-${attempt}`, accountId })).then(() => {
          inFlight--;
        }),
      );
    }
    await Promise.all(running);
  })();

  // The mailing's batch attempts as Temporal sees them (a retried attempt never reaches the history):
  // each new attempt, its worker, and why the one before it ended.
  const attempts: string[] = [];
  sampling = true;
  const sampler = (async () => {
    let last = '';
    while (sampling) {
      const described = await client.workflow.getHandle(campaignWorkflowId(campaign.id)).describe().catch(() => undefined);
      const batch = described?.raw.pendingActivities?.find((activity) => activity.activityType?.name === 'sendMailingBatch');
      const key = batch ? `${batch.activityId}/${batch.attempt}` : last;
      if (batch && key !== last) {
        const worker = workers.findIndex((each) => each.pid === Number(batch.lastWorkerIdentity?.split('@')[0])) + 1;
        attempts.push(`#${batch.activityId} attempt ${batch.attempt} seen at ${at()}${worker ? ` on worker ${worker}` : ''}${(batch.attempt ?? 1) > 1 ? ` (before: ${batch.lastFailure?.message ?? '?'})` : ''}`);
        last = key;
      }
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  })();

  // The faults, one after the other, each at a moment the load is in full swing.
  const kills: string[] = [];
  let apply: Promise<Sent | undefined> | undefined;
  const applicationId = randomUUID();
  let nodeDownMs = 0;
  let nodeDownAt = 0;
  let firstDue = 0;
  let killedNode = '';
  const faults = (async () => {
    // 1. An API process, with requests in flight on it: during the refusals (8 at a time) while they last.
    await until(
      'a quarter of the refusals answered, requests in flight',
      () => refusalsAnswered >= TIMERS / 4 && Math.max(pool.inFlight(0), pool.inFlight(1)) >= (refusalsAnswered < TIMERS ? 3 : 1),
      300_000,
    );
    const victim = pool.inFlight(0) >= pool.inFlight(1) ? 0 : 1;
    const apiKill = await pool.killAndRestart(victim);
    kills.push(`API process ${victim + 1} (${apiKill.inFlight} requests in flight; a new one served ${seconds(apiKill.restartMs)} later)`);
    note(`API ${victim + 1} SIGKILLed with ${apiKill.inFlight} in flight, restarted in ${seconds(apiKill.restartMs)}`);

    // 2. The worker running the mailing batch, once a fifth of the list is at the SMTP server.
    await until('a fifth of the mailing received', () => sink!.receivedCount() >= RECIPIENTS / 5, 300_000);
    let target = -1;
    await eventually(async () => {
      const { raw } = await client.workflow.getHandle(campaignWorkflowId(campaign.id)).describe();
      const batch = raw.pendingActivities?.find((activity) => activity.activityType?.name === 'sendMailingBatch' && activity.lastWorkerIdentity);
      const pid = Number(batch?.lastWorkerIdentity?.split('@')[0]);
      target = workers.findIndex((worker) => worker.pid === pid);
      if (target < 0) throw new Error(`no worker runs the mailing batch (${batch?.lastWorkerIdentity ?? 'none pending'})`);
    }, 30_000);
    const sentBeforeWorkerKill = received().length;
    await workers[target].kill();
    workers[target] = await startWorkerProcess({ databaseUrl: database!.url, taskQueue, publicUrl: PUBLIC_URL, smtpUrl: sink!.smtpUrl, temporalAddress: balancer!.address, namespace: NAMESPACE });
    kills.push(`worker ${target + 1}, the one sending the mailing (${sentBeforeWorkerKill} of ${RECIPIENTS} received)`);
    note(`worker ${target + 1} (running the mailing batch) SIGKILLed at ${sentBeforeWorkerKill} received, restarted`);

    // 3. A Temporal node, shortly before the re-contact timers fall due; the plan is applied while it is down.
    await refusals;
    firstDue = Math.min(...timers.map((timer) => timer.fireAt));
    await until('two seconds before the first re-contact timer is due', () => Date.now() >= firstDue - 2_000, 600_000);
    const index = Math.random() < 0.5 ? 0 : 1;
    const node = cluster!.nodes[index];
    killedNode = node.name;
    const sentBeforeNodeKill = received().length;
    const down = Date.now();
    nodeDownAt = down;
    await node.kill();
    note(`Temporal ${node.name} SIGKILLed at ${sentBeforeNodeKill} received (first timer due in ${seconds(firstDue - Date.now())})`);
    // The application's id is the client's: sent again after a cut or a 503, a 409 'used already' means an earlier attempt holds it.
    apply = untilAccepted(
      'apply',
      () => ({ method: 'POST', path: `/api/v1/plans/${plan.id}/apply`, key: marketer.key, body: { segmentId: planSegment.id, applicationId }, tag: applicationId }),
      (answer, attempt) => attempt > 1 && answer.status === 409,
    );
    await new Promise((resolve) => setTimeout(resolve, NODE_DOWNTIME_MS));
    await node.start();
    nodeDownMs = Date.now() - down;
    kills.push(`Temporal ${node.name} (${sentBeforeNodeKill} of ${RECIPIENTS} received; down ${seconds(nodeDownMs)} until it served again)`);
    note(`Temporal ${node.name} back after ${seconds(nodeDownMs)}`);
    if (sentBeforeNodeKill >= RECIPIENTS) failures.push('the mailing was over before the node was killed: lower its rate');
  })();

  await Promise.all([refusals, activities, faults]);
  const applied = await apply;
  note('load done');

  /** Runs a group of assertions; a failure is recorded (and the next group still runs, the figures still print). */
  const check = async (what: string, assertions: () => Promise<void>) => {
    try {
      await assertions();
    } catch (error) {
      failures.push(`${what}: ${(error as Error).message}`);
    }
  };

  // The mailing completes; each recipient has one SENT delivery and one Message-ID, copies within the bound.
  await check('mailing', async () => {
    const campaignDone = await eventually(async () => {
      const view = await must('GET', `/api/v1/campaigns/${campaign.id}`, marketer.key);
      expect(view.status).toBe('COMPLETED');
      return view;
    }, 600_000);
    note('mailing completed');
    expect(campaignDone.stages[1].counts).toMatchObject({ recipients: RECIPIENTS, sent: RECIPIENTS, pending: 0, sending: 0, failed: 0 });
    const [deliveries] = await db.$queryRaw<{ rows: number; recipients: number; sent: number }[]>`
      SELECT count(*)::int AS rows, count(DISTINCT contact_id)::int AS recipients, count(*) FILTER (WHERE state = 'SENT')::int AS sent
      FROM mail_deliveries WHERE campaign_id = CAST(${campaign.id} AS uuid)`;
    expect(deliveries).toEqual({ rows: RECIPIENTS, recipients: RECIPIENTS, sent: RECIPIENTS });
  });
  sampling = false;
  await sampler;
  const mails = received();
  const idsByRecipient = new Map<string, Set<string | undefined>>();
  for (const mail of mails) idsByRecipient.set(mail.to[0], (idsByRecipient.get(mail.to[0]) ?? new Set()).add(mail.messageId));
  if (idsByRecipient.size !== RECIPIENTS) failures.push(`mailing: ${idsByRecipient.size} of ${RECIPIENTS} recipients received their message`);
  const twoIds = [...idsByRecipient].filter(([, ids]) => ids.size !== 1 || ids.has(undefined)).map(([to]) => to);
  if (twoIds.length) failures.push(`mailing: ${twoIds.length} recipients with two Message-IDs (or none): ${twoIds.slice(0, 5).join(', ')}`);
  const copies = mails.length - RECIPIENTS;
  // When the copies came (the later of each recipient's messages), grouped into bursts, beside the
  // mailing's activity attempts: where copies come from.
  const firstSeen = new Map<string, number>();
  const copyTimes: number[] = [];
  for (const mail of [...mails].sort((a, b) => a.id.localeCompare(b.id))) {
    if (firstSeen.has(mail.to[0])) copyTimes.push(Date.parse(mail.receivedAt) - loadStarted);
    else firstSeen.set(mail.to[0], Date.parse(mail.receivedAt));
  }
  const bursts: { from: number; to: number; count: number }[] = [];
  for (const time of copyTimes.sort((a, b) => a - b)) {
    const last = bursts.at(-1);
    if (last && time - last.to < 5_000) Object.assign(last, { to: time, count: last.count + 1 });
    else bursts.push({ from: time, to: time, count: 1 });
  }
  const copiesFigure = `${bursts.map((burst) => `${burst.count} at ${seconds(burst.from)}${burst.to > burst.from ? `–${seconds(burst.to)}` : ''}`).join(', ') || 'none'}; mailing batch attempts: ${attempts.join(', ')}`;

  // Every re-contact timer fired once, never before its time, with one task.
  const allDue = Math.max(...timers.map((timer) => timer.fireAt));
  await eventually(async () => {
    const pending = await db.timer.count({ where: { accountId: { in: timerAccounts }, kind: 'recontact', state: 'PENDING' } });
    if (pending) throw new Error(`${pending} re-contact timers still pending ${seconds(Date.now() - allDue)} after the last was due`);
  }, Math.max(0, allDue - Date.now()) + 180_000).catch(async (error: Error) => {
    const stuck = await db.timer.findMany({ where: { accountId: { in: timerAccounts }, kind: 'recontact', state: 'PENDING' }, select: { accountId: true } });
    failures.push(`${error.message}:${await explainAccounts(stuck.slice(0, 5).map((timer) => accountWorkflowId(timer.accountId)))}`);
  });
  note('timers fired');
  const timerRows = await db.timer.findMany({
    where: { accountId: { in: timerAccounts }, kind: 'recontact' },
    select: { id: true, accountId: true, fireAt: true, settledAt: true, state: true, createdAt: true },
    orderBy: { createdAt: 'asc' },
  });
  const tasks = await db.task.findMany({ where: { accountId: { in: timerAccounts }, type: 'RECONTACT' }, select: { timerId: true, createdAt: true } });
  const tasksOf = new Map<string, typeof tasks>();
  for (const task of tasks) tasksOf.set(task.timerId ?? 'none', [...(tasksOf.get(task.timerId ?? 'none') ?? []), task]);
  const timersOf = new Map<string, typeof timerRows>();
  for (const timer of timerRows) timersOf.set(timer.accountId, [...(timersOf.get(timer.accountId) ?? []), timer]);
  const delays: number[] = [];
  const early: string[] = [];
  // An account refused twice (a request cut by the API kill, applied after the restart, and sent again
  // by the client) has two re-contact timers: the second refusal cancels the first one's, as the rules say.
  let replaced = 0;
  for (const accountId of timerAccounts) {
    const own = timersOf.get(accountId) ?? [];
    const last = own.at(-1);
    if (!last) {
      failures.push(`account ${accountId}: no re-contact timer`);
      continue;
    }
    for (const earlier of own.slice(0, -1)) {
      replaced++;
      if (earlier.state !== 'CANCELLED' || tasksOf.has(earlier.id)) failures.push(`timer ${earlier.id}, replaced by a later refusal: ${earlier.state} with ${tasksOf.get(earlier.id)?.length ?? 0} tasks`);
    }
    const lastTasks = tasksOf.get(last.id) ?? [];
    if (last.state !== 'FIRED' || lastTasks.length !== 1) failures.push(`timer ${last.id}: ${last.state} with ${lastTasks.length} RECONTACT tasks`);
    if ((last.settledAt && last.settledAt < last.fireAt) || lastTasks.some((task) => task.createdAt < last.fireAt)) early.push(last.id);
    if (last.state === 'FIRED' && last.settledAt) delays.push(last.settledAt.getTime() - last.fireAt.getTime());
  }
  const strayTasks = tasks.filter((task) => !timerRows.some((timer) => timer.id === task.timerId));
  if (strayTasks.length) failures.push(`${strayTasks.length} RECONTACT tasks of no re-contact timer`);
  // An accepted refusal's timer is the one its answer named, unless a later refusal of the same account replaced it.
  const byId = new Map(timerRows.map((row) => [row.id, row]));
  for (const timer of timers) {
    const row = byId.get(timer.timerId);
    if (row?.fireAt.getTime() !== timer.fireAt) failures.push(`timer ${timer.timerId} answered with fire_at ${new Date(timer.fireAt).toISOString()}, stored ${row?.fireAt.toISOString()}`);
    if (row && row.state !== 'FIRED' && timersOf.get(row.accountId)!.at(-1)!.id === row.id) failures.push(`timer ${row.id} of an accepted refusal ${row.state}`);
  }
  // In Temporal: each account's history fired one timer (one TimerFired, one fireTimer), not before the live timer's time.
  await pooled(timerAccounts, 8, async (accountId) => {
    const last = timersOf.get(accountId)?.at(-1);
    if (!last) return;
    const history = await client.workflow.getHandle(accountWorkflowId(accountId)).fetchHistory();
    const fired = history.events!.filter((event) => event.timerFiredEventAttributes).map((event) => Number(event.eventTime!.seconds) * 1000 + Math.floor((event.eventTime!.nanos ?? 0) / 1e6));
    const fireTimers = history.events!.filter((event) => {
      const data = event.markerRecordedEventAttributes?.details?.data?.payloads?.[0]?.data;
      return data && JSON.parse(Buffer.from(data).toString()).activity_type === 'fireTimer';
    }).length;
    if (fired.length !== 1 || fireTimers !== 1) failures.push(`account ${accountId}: ${fired.length} TimerFired, ${fireTimers} fireTimer in its history`);
    if (fired.some((time) => time < last.fireAt.getTime())) early.push(`history of ${accountId}`);
  });
  if (early.length) failures.push(`fired early: ${early.join(', ')}`);
  expect(timerRows.length).toBeGreaterThanOrEqual(TIMERS);

  // Every accepted request is there once; a cut one at most once, and not left half-done.
  await eventually(async () => {
    const pending = await db.activity.count({ where: { accountId: { in: [...activityAccounts, ...timerAccounts] }, state: 'PENDING' } });
    if (pending) throw new Error(`${pending} activities still PENDING`);
  }, 60_000).catch((error: Error) => failures.push(error.message));
  const rows = await db.activity.findMany({ where: { accountId: { in: [...activityAccounts, ...timerAccounts] } }, select: { notes: true, state: true, accountId: true } });
  const rowsByTag = new Map<string, typeof rows>();
  for (const row of rows) rowsByTag.set(row.notes ?? '', [...(rowsByTag.get(row.notes ?? '') ?? []), row]);
  const logged = sent.filter((record) => record.kind !== 'apply');
  const cutKept: string[] = [];
  for (const record of logged) {
    const found = rowsByTag.get(record.tag) ?? [];
    if (ok(record.answer) && (found.length !== 1 || found[0].state !== 'APPLIED')) failures.push(`${record.kind} ${record.tag} answered ${record.answer.status}: ${found.length} rows ${found.map((row) => row.state)}`);
    if (record.answer.cut && found.length > 1) failures.push(`${record.kind} ${record.tag} (cut): ${found.length} rows`);
    if (record.answer.cut && found.length === 1) cutKept.push(record.tag);
    if (record.answer.status !== undefined && !ok(record.answer) && found.length !== 0) failures.push(`${record.kind} ${record.tag} answered ${record.answer.status} but left ${found.length} rows (${found.map((row) => row.state)})`);
  }
  const tags = new Set(logged.map((record) => record.tag));
  const strays = rows.filter((row) => !tags.has(row.notes ?? ''));
  if (strays.length) failures.push(`${strays.length} activities of no request`);
  for (const accountId of [...activityAccounts, ...timerAccounts]) if (!rows.some((row) => row.accountId === accountId && row.state === 'APPLIED')) failures.push(`account ${accountId} has no applied activity`);

  // The plan's application: once, COMPLETED, over each of its accounts once.
  if (!applied) failures.push('the plan was never applied');
  let application = { state: 'absent', matched: 0, added: 0 };
  await check('plan application', async () => {
    const found = await eventually(async () => {
      const rows = await db.planApplication.findMany({ where: { planId: plan.id } });
      expect(rows).toHaveLength(1);
      expect(rows[0].state).toBe('COMPLETED');
      return rows[0];
    }, 120_000);
    application = found;
    expect(found).toMatchObject({ id: applicationId, matched: PLAN_ACCOUNTS, added: PLAN_ACCOUNTS });
  });
  const [planRows] = await db.$queryRaw<{ rows: number; accounts: number }[]>`
    SELECT count(*)::int AS rows, count(DISTINCT account_id)::int AS accounts FROM plan_accounts WHERE plan_id = CAST(${plan.id} AS uuid)`;
  if (planRows.rows !== PLAN_ACCOUNTS || planRows.accounts !== PLAN_ACCOUNTS) failures.push(`plan: ${planRows.rows} plan accounts over ${planRows.accounts} accounts, not ${PLAN_ACCOUNTS}`);

  // Visibility: every account workflow by its segment, status and owner; the campaign, the plan and the application by theirs.
  const visibilityStarted = Date.now();
  const statuses = await db.account.findMany({ where: { id: { in: [...activityAccounts, ...timerAccounts] } }, select: { id: true, status: true, segment: true } });
  for (const segment of [segments.activities, segments.timers]) {
    const expected = new Map(statuses.filter((account) => account.segment === segment).map((account) => [accountWorkflowId(account.id), account.status as string]));
    let wrong: string[] = [];
    await eventually(async () => {
      wrong = [];
      const found = new Map<string, string | undefined>();
      for await (const execution of client.workflow.list({ query: `WorkflowType='accountWorkflow' AND CrmAccountSegment='${segment}' AND CrmAccountOwnerId='${manager.id}'` })) {
        found.set(execution.workflowId, execution.typedSearchAttributes.get(accountStatusKey));
      }
      for (const [workflowId, status] of expected) if (found.get(workflowId) !== status) wrong.push(workflowId);
      for (const workflowId of found.keys()) if (!expected.has(workflowId)) wrong.push(workflowId);
      if (wrong.length) throw new Error(`${wrong.length} account workflows of ${segment} not found by segment, owner and status`);
      const perStatus = new Map<string, number>();
      for (const status of expected.values()) perStatus.set(status, (perStatus.get(status) ?? 0) + 1);
      for (const [status, count] of perStatus) {
        expect((await client.workflow.count(`WorkflowType='accountWorkflow' AND CrmAccountSegment='${segment}' AND CrmAccountStatus='${status}'`)).count).toBe(count);
      }
    }, 120_000).catch(async (error: Error) => failures.push(`visibility: ${error.message}${await explainAccounts(wrong.slice(0, 5), expected)}`));
  }
  // These need the campaign, plan and apply workflows to set their search attributes (workflows/search-attributes.ts).
  const findable = async (query: string) => (await client.workflow.count(query)).count;
  for (const query of [
    `WorkflowType='campaignWorkflow' AND WorkflowId='${campaignWorkflowId(campaign.id)}' AND CrmCampaignStatus='COMPLETED'`,
    `WorkflowType='planWorkflow' AND WorkflowId='${planWorkflowId(plan.id)}' AND CrmPlanStatus='APPROVED' AND CrmPlanPeriodEnd >= '${year}-12-31T00:00:00Z' AND CrmPlanPeriodEnd < '${year + 1}-01-01T00:00:00Z'`,
    `WorkflowType='applyToAccountsWorkflow' AND WorkflowId='${applyWorkflowId(applicationId)}' AND CrmApplyState='COMPLETED'`,
  ]) {
    await eventually(async () => expect(await findable(query)).toBe(1), 60_000).catch(() => failures.push(`visibility: not found by ${query}`));
  }

  /** What each of these account workflows went through, for a failure's message: requests, rows, history, mutable state and visibility. */
  async function explainAccounts(workflowIds: string[], expected = new Map<string, string>()): Promise<string> {
    const lines: string[] = [];
    for (const workflowId of workflowIds) {
      const accountId = workflowId.replace(/^account-/, '');
      const requests = sent.filter((record) => record.accountId === accountId).map((record) => `${record.tag} @${seconds(record.at - loadStarted)} ${record.answer.status ?? (record.answer.cut ? 'cut' : record.answer.failure)} in ${record.ms} ms (API ${record.answer.api})`);
      const activityRows = (await db.activity.findMany({ where: { accountId }, select: { notes: true, state: true, createdAt: true } })).map((row) => `${row.notes} ${row.state} @${seconds(row.createdAt.getTime() - loadStarted)}`);
      const handle = client.workflow.getHandle(workflowId);
      const described = await handle.describe().catch((error: Error) => ({ error: error.message }) as never);
      const history = await handle.fetchHistory().catch(() => undefined);
      const events = (history?.events ?? []).map((event) => {
        const type = Object.keys(event).find((key) => key.endsWith('EventAttributes') && (event as Record<string, unknown>)[key]) ?? '?';
        const time = event.eventTime ? seconds(Number(event.eventTime.seconds) * 1000 + Math.floor((event.eventTime.nanos ?? 0) / 1e6) - loadStarted) : '';
        const status = event.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields?.CrmAccountStatus?.data;
        const marker = event.markerRecordedEventAttributes?.details?.data?.payloads?.[0]?.data;
        const failed = event.workflowTaskFailedEventAttributes ?? event.workflowTaskTimedOutEventAttributes;
        const detail = status
          ? Buffer.from(status).toString()
          : marker
            ? JSON.parse(Buffer.from(marker).toString()).activity_type
            : failed
              ? JSON.stringify(failed).slice(0, 300)
              : event.workflowTaskStartedEventAttributes?.identity;
        return `${type.replace('EventAttributes', '')}${detail ? `(${detail})` : ''}@${time}`;
      });
      const pendingTask = (described as { raw?: { pendingWorkflowTask?: unknown } }).raw?.pendingWorkflowTask;
      // What the worker processes said about it (their last 20,000 characters each).
      const said = workers.flatMap((worker, index) =>
        worker
          .output()
          .split('\n')
          .filter((line) => line.includes(workflowId) || (history?.events ?? []).some((event) => event.workflowExecutionStartedEventAttributes?.originalExecutionRunId && line.includes(event.workflowExecutionStartedEventAttributes.originalExecutionRunId)))
          .slice(-5)
          .map((line) => `worker ${index + 1}: ${line.slice(0, 600)}`),
      );
      lines.push(
        `\n  ${workflowId}: ${expected.has(workflowId) ? `expected ${expected.get(workflowId)}, ` : ''}mutable state says ${JSON.stringify((described as { searchAttributes?: unknown }).searchAttributes ?? described)}` +
          `\n    requests: ${requests.join('; ')}\n    activities: ${activityRows.join('; ')}\n    history: ${events.join(' ')}` +
          `\n    pending workflow task: ${JSON.stringify(pendingTask) ?? 'none'}\n    worker output: ${said.join(' | ') || 'nothing'}`,
      );
    }
    return lines.join('');
  }
  const visibilityMs = Date.now() - visibilityStarted;

  const answered = sent.filter((record) => record.answer.status !== undefined);
  const count = (predicate: (record: Sent) => boolean) => sent.filter(predicate).length;
  const bound = kills.length * SENDERS;
  console.log(
    [
      `temporal cluster: 2 nodes (server ${cluster!.binaries.server}, 8 shards, PostgreSQL ${cluster!.database}), ${APIS} API and ${WORKERS} worker processes behind a TCP balancer (connections per node ${balancer!.connections().join(' / ')}); setup ${seconds(setupMs)}, load and checks ${seconds(Date.now() - loadStarted)}`,
      `load: ${ACCOUNTS} accounts with an activity, ${TIMERS} refusals with re-contact PT${TIMER_SECONDS}S, a mailing to ${RECIPIENTS} at ${ratePerSecond}/s, a plan applied to ${PLAN_ACCOUNTS} accounts`,
      `kills (${kills.length}): ${kills.join('; ')}`,
      `requests: ${sent.length} sent (${count((r) => r.kind === 'activity')} activity, ${count((r) => r.kind === 'refusal')} refusal, ${count((r) => r.kind === 'apply')} apply), ${count((r) => ok(r.answer))} accepted, ${count((r) => r.answer.status === 503)} answered 503, ${count((r) => r.answer.cut === true)} cut by the API kill (${cutKept.length} of them applied after the API's restart, once each; the client, which cannot know, sent them again), ${answered.length - count((r) => ok(r.answer)) - count((r) => r.answer.status === 503)} answered otherwise; slowest accepted ${seconds(Math.max(0, ...sent.filter((r) => ok(r.answer)).map((r) => r.ms)))}; refusals answered within ${seconds(lastRefusalAnswered - loadStarted)}`,
      `timers: ${timerRows.length} re-contact timers, ${timerRows.filter((timer) => timer.state === 'FIRED').length} fired, ${replaced} cancelled by a second refusal of their account, ${early.length} early, ${timerRows.filter((timer) => timer.fireAt.getTime() >= nodeDownAt && timer.fireAt.getTime() <= nodeDownAt + nodeDownMs).length} due while ${killedNode} was down; fired ${Math.min(...delays)} to ${Math.max(...delays)} ms after fire_at (first due ${seconds(firstDue - loadStarted)} into the load, ${killedNode} killed at ${seconds(nodeDownAt - loadStarted)}, down ${seconds(nodeDownMs)})`,
      `mailing: ${mails.length} messages to ${RECIPIENTS} recipients, ${copies} copies received twice (bound ${kills.length} kills x ${SENDERS} senders = ${bound}: ${copiesFigure}), ${RECIPIENTS - idsByRecipient.size} lost, ${twoIds.length} with two Message-IDs`,
      `plan: application ${application.state}, ${application.matched} matched, ${application.added} added, ${planRows.rows} plan accounts; visibility checked in ${seconds(visibilityMs)}; PostgreSQL sessions of the cluster now ${await cluster!.postgresSessions()}`,
      `timeline: ${events.join('; ')}`,
    ].join('\n'),
  );
  for (const { answered, api } of serverErrors) failures.push(`${answered}; API process ${api} logged: ${errorLines(pool.output(api))}`);
  expect(failures).toEqual([]);
  expect(kills).toHaveLength(3);
  expect(copies).toBeGreaterThanOrEqual(0);
  expect(copies).toBeLessThanOrEqual(bound);
}, 900_000);
