// A 1,000,000-recipient campaign end to end (issue 21): accounts and contacts seeded set-based, a
// campaign LIST then MAILING created and scheduled through the API, measured from the schedule call
// to the last message the SMTP server accepted, with one pause and resume in the middle of the
// mailing. Everything runs as deployed: the API in this process, the worker in its own
// (`npm run worker`), the Temporal dev server, PostgreSQL, and an SMTP sink in a process of its own
// (bench/lib/bench-system.ts with separateProcesses).
//
// Prints: how long seeding and each phase took; the MAILING stage's rate (messages the sink accepted
// per second over the whole stage, the pause left out) and per window, against the bare baseline
// measured in the same run (a pooled nodemailer loop sending the same kind of rendered messages to
// the same sink, before and after the campaign: bench/lib/bare-mail-loop.ts; the ratios are to their
// mean), target >= 85% for the whole stage and for its slowest window; the worker's and this
// process's RSS every minute (first, max, last); the campaign workflow's runs (continue-as-new) and
// their largest history; the mailing batches (their length, and the time between one's end and the
// next's start, from the workflow's history); the CPU per message of each process, for the campaign
// (first message to end) and each bare loop; PostgreSQL's table and index growth per million
// deliveries. The pause: requested through the API once the sink
// holds half the messages, resumed once the campaign is PAUSED, no delivery is SENDING and the sink's
// count equals the SENT deliveries on two polls in a row.
// Fails (exit 1) unless every recipient got exactly one message (the sink's distinct Message-IDs
// equal the recipients, no copies) and the database says the same (every delivery SENT).
//
// The mailing's settings: ratePerSecond 10,000 (the highest allowed) and no send window, so neither
// throttles. Sizes and knobs (environment):
//   BENCH_RECIPIENTS            1,000,000  contacts seeded, all in the LIST's segment, each with an address of its own
//   BENCH_CONTACTS_PER_ACCOUNT  2          contacts per account
//   BENCH_BASELINE_MESSAGES     20,000     messages of each bare loop (before and after the campaign)
//   BENCH_WINDOW_SECONDS        30         the window of the per-window rates
//   BENCH_STALL_MINUTES         10         fail when neither the sink's count nor a stage's status changed for this long
// A quick run: BENCH_RECIPIENTS=20000 npm run bench -- campaign-million
import os from 'node:os';
import { Client, Connection } from '@temporalio/client';
import { tsToMs } from '@temporalio/common/lib/time';
import { temporal } from '@temporalio/proto';
import { createPrismaClient, type Db } from '../src/db/prisma';
import { DEFAULT_MAX_CONNECTIONS } from '../src/mail/mailer';
import { time } from './lib/alternating-rounds';
import { renderBareMessages, sendThroughPool } from './lib/bare-mail-loop';
import { callApi } from './lib/bench-api';
import { startBenchSystem, type BenchSystem } from './lib/bench-system';
import { measureCpu, serviceProcesses, type ProcessGroup } from './lib/process-cpu';
import { sampleRss, type RssSample } from './lib/rss-sampler';
import type { SmtpSink, TrackedMessages } from './lib/smtp-sink-process';
import { tableGrowth, tableSizes } from './lib/table-sizes';

const RECIPIENTS = Number(process.env.BENCH_RECIPIENTS ?? 1_000_000);
const CONTACTS_PER_ACCOUNT = Number(process.env.BENCH_CONTACTS_PER_ACCOUNT ?? 2);
const BASELINE_MESSAGES = Math.min(RECIPIENTS, Number(process.env.BENCH_BASELINE_MESSAGES ?? 20_000));
const WINDOW_SECONDS = Number(process.env.BENCH_WINDOW_SECONDS ?? 30);
const STALL_MS = Number(process.env.BENCH_STALL_MINUTES ?? 10) * 60_000;
const RSS_EVERY_MS = 10_000;
const POLL_MS = 1000;
// The first stage needs a date in the future: this long after the campaign is created.
const LIST_START_DELAY_MS = 10_000;
const TARGET_PERCENT = 85;
const BASELINE_SPREAD_WARNING = 1.2;
const template = {
  key: 'bench-million',
  name: 'Bench million',
  subject: 'Hello {{ contact.name }}, {{ campaign.name }}',
  text: 'Dear {{contact.name}} of {{account.name}} ({{account.city}}),\n\nyour adviser {{owner.name}} has a spring offer for you.\n\nUnsubscribe: {{unsubscribeUrl}}\n',
  html: '<p>Dear {{contact.name}} of {{account.name}} ({{account.city}}),</p><p>your adviser {{owner.name}} has a spring offer for you.</p><p><a href="{{unsubscribeUrl}}">Unsubscribe</a></p>',
};
const CAMPAIGN = { name: 'Bench million', description: 'A million recipients, end to end' };

interface Phases {
  seedMs: number;
  list: { startedAt: number; completedAt: number };
  mailing: { startedAt: number; completedAt: number };
  campaignEndedAt: number;
}

interface Pause {
  requestedAt: number;
  /** When the sink stopped growing and no delivery was SENDING any more. */
  drainedAt: number;
  sentBefore: number;
  resumedAt: number;
}

const api = (system: BenchSystem, method: string, path: string, body?: object): Promise<any> => callApi(system.baseUrl, system.adminKey, method, `/api/v1${path}`, body);


const waitMs = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const count = (n: number) => Math.round(n).toLocaleString('en');
const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const kilobytes = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

/**
 * One owner, accounts of segment 'bench' and contacts with distinct addresses, in set-based
 * statements, the contacts' secondary indexes built afterwards as a bulk load does.
 */
async function seed(db: Db): Promise<void> {
  const accounts = Math.ceil(RECIPIENTS / CONTACTS_PER_ACCOUNT);
  const [owner] = await db.$queryRaw<{ id: string }[]>`
    INSERT INTO users (id, email, name, role) VALUES (gen_random_uuid(), 'bench.owner@example.com', 'Olga Owner', 'manager') RETURNING id::text`;
  await db.$executeRaw`
    INSERT INTO accounts (id, name, segment, status, owner_id, fields, created_at, updated_at)
    SELECT md5('account' || i)::uuid, 'Account ' || i, 'bench', 'NEW', ${owner.id}::uuid, '{"city": "Lyon"}', now(), now() FROM generate_series(0, ${accounts - 1}::int) i`;
  await db.$executeRawUnsafe('DROP INDEX contacts_account_id_idx, contacts_email_normalized_idx');
  await db.$executeRaw`
    INSERT INTO contacts (id, account_id, name, email, email_normalized, is_primary, created_at)
    SELECT gen_random_uuid(), md5('account' || (i / ${CONTACTS_PER_ACCOUNT}::int))::uuid, 'Contact ' || i, 'person' || i || '@example.com', 'person' || i || '@example.com',
      i % ${CONTACTS_PER_ACCOUNT}::int = 0, now()
    FROM generate_series(0, ${RECIPIENTS - 1}::int) i`;
  await db.$executeRawUnsafe('CREATE INDEX contacts_account_id_idx ON contacts (account_id)');
  await db.$executeRawUnsafe('CREATE INDEX contacts_email_normalized_idx ON contacts (email_normalized)');
  await db.$executeRawUnsafe('VACUUM ANALYZE accounts');
  await db.$executeRawUnsafe('VACUUM ANALYZE contacts');
}

/** The segment, the template and the campaign (LIST on a date, then MAILING), through the API. */
async function createCampaign(system: BenchSystem): Promise<{ campaignId: string; mailingStageId: string }> {
  const segment = await api(system, 'POST', '/segments', { name: 'Bench million', criteria: { field: 'account.segment', op: 'eq', value: 'bench' } });
  await api(system, 'POST', '/templates', template);
  const campaign = await api(system, 'POST', '/campaigns', {
    ...CAMPAIGN,
    channels: ['email'],
    stages: [
      { type: 'LIST', name: 'Everyone', startAt: new Date(Date.now() + LIST_START_DELAY_MS).toISOString(), settings: { segmentId: segment.id } },
      { type: 'MAILING', name: 'Offer', settings: { templateKey: template.key, ratePerSecond: 10_000 } },
    ],
  });
  return { campaignId: campaign.id, mailingStageId: campaign.stages[1].id };
}

interface BareRate {
  perSecond: number;
  /** CPU milliseconds per message by process. */
  cpuPerMessage: Record<string, number>;
}

/** The bare pooled loop over the same kind of messages to the same sink: messages per second, and CPU per message. */
async function bareBaseline(system: BenchSystem, db: Db, sink: SmtpSink, round: string, cpuGroups: Record<string, ProcessGroup>): Promise<BareRate> {
  const mails = await renderBareMessages(db, { campaign: { id: '00000000-0000-4000-8000-000000000000', ...CAMPAIGN }, template, publicUrl: system.baseUrl, from: 'CRM bench <crm@bench.example.com>', round, count: BASELINE_MESSAGES });
  const before = await sink.received();
  const cpu = measureCpu(cpuGroups);
  const sent = await time(() => sendThroughPool(mails, sink.url, DEFAULT_MAX_CONNECTIONS));
  const cpuMs = cpu.stop();
  if ((await sink.received()) - before !== mails.length) throw new Error(`the sink did not receive every message of the bare loop ${round}`);
  return { perSecond: mails.length / (sent.ms / 1000), cpuPerMessage: perMessage(cpuMs, mails.length) };
}

const perMessage = (cpuMs: Record<string, number>, messages: number) => Object.fromEntries(Object.entries(cpuMs).map(([name, ms]) => [name, ms / messages]));

/** CPU per message by process, the total first: "0.95 ms (api 0.01, worker 0.50, …)". */
function cpuLine(cpuPerMessage: Record<string, number>): string {
  const total = Object.values(cpuPerMessage).reduce((sum, ms) => sum + ms, 0);
  return `${total.toFixed(3)} ms (${Object.entries(cpuPerMessage).map(([name, ms]) => `${name} ${ms.toFixed(3)}`).join(', ')})`;
}

async function deliveryStates(db: Db, stageId: string): Promise<Record<string, number>> {
  const rows = await db.$queryRaw<{ state: string; n: bigint }[]>`SELECT state::text, count(*) AS n FROM mail_deliveries WHERE stage_id = ${stageId}::uuid GROUP BY state`;
  return Object.fromEntries(rows.map((row) => [row.state, Number(row.n)]));
}

async function stageTimes(db: Db, campaignId: string) {
  return db.campaignStage.findMany({ where: { campaignId }, orderBy: { position: 'asc' }, select: { id: true, type: true, status: true, startedAt: true, completedAt: true } });
}

/** Pauses through the API, waits until nothing is in flight and the sink agrees with the database, then resumes. */
async function pauseAndResume(system: BenchSystem, db: Db, sink: SmtpSink, campaignId: string, stageId: string): Promise<Pause> {
  const requestedAt = Date.now();
  await api(system, 'POST', `/campaigns/${campaignId}/pause`);
  let previous = -1;
  for (;;) {
    const [campaign, states, tracked] = await Promise.all([db.campaign.findUniqueOrThrow({ where: { id: campaignId }, select: { status: true } }), deliveryStates(db, stageId), sink.tracked()]);
    // Stopped: paused, no claim in flight, every accepted message recorded SENT, and the same twice in a row.
    const stopped = campaign.status === 'PAUSED' && !states.SENDING && tracked.distinct === (states.SENT ?? 0);
    if (stopped && tracked.distinct === previous) {
      const drainedAt = Date.now();
      await api(system, 'POST', `/campaigns/${campaignId}/resume`);
      return { requestedAt, drainedAt, sentBefore: tracked.distinct, resumedAt: Date.now() };
    }
    previous = stopped ? tracked.distinct : -1;
    if (Date.now() - requestedAt > STALL_MS) throw new Error(`the mailing did not stop after the pause: ${campaign.status}, ${JSON.stringify(states)}, sink ${tracked.distinct}`);
    await waitMs(POLL_MS);
  }
}

function rssLine(sample: RssSample): string {
  return Object.entries(sample.megabytes)
    .map(([name, mb]) => `${name} ${mb === null ? '-' : `${mb.toFixed(0)} MB`}`)
    .join(', ');
}

/** Waits for the campaign to end, pausing once half the recipients got their message; prints progress every minute. */
async function runCampaign(
  system: BenchSystem,
  db: Db,
  sink: SmtpSink,
  campaign: { campaignId: string; stageId: string; scheduledAt: number },
  rss: RssSample[],
  cpuGroups: Record<string, ProcessGroup>,
): Promise<{ pause: Pause; tracked: TrackedMessages; status: string; cpuMs: Record<string, number> }> {
  const { campaignId, stageId, scheduledAt } = campaign;
  let pause: Pause | undefined;
  // From the first message the sink accepted (the LIST and the deliveries' insert left out) to the campaign's end.
  let cpu: ReturnType<typeof measureCpu> | undefined;
  let lastChange = { at: Date.now(), what: '' };
  let nextReport = scheduledAt + 60_000;
  for (;;) {
    const tracked = await sink.tracked();
    if (tracked.distinct > 0) cpu ??= measureCpu(cpuGroups);
    const { status } = await db.campaign.findUniqueOrThrow({ where: { id: campaignId }, select: { status: true } });
    const stages = await stageTimes(db, campaignId);
    const what = `${tracked.distinct} ${stages.map((stage) => stage.status).join()}`;
    if (what !== lastChange.what) lastChange = { at: Date.now(), what };
    if (Date.now() >= nextReport) {
      console.log(`  ${seconds(Date.now() - scheduledAt).padStart(8)}: ${status}, stages ${stages.map((stage) => `${stage.type} ${stage.status}`).join(', ')}, sink ${count(tracked.distinct)}; RSS ${rssLine(rss.at(-1)!)}`);
      nextReport += 60_000;
    }
    if (!['SCHEDULED', 'RUNNING', 'PAUSED'].includes(status)) {
      if (!pause || !cpu) throw new Error(`the campaign ended ${status} before the pause`);
      // Read again: the last messages may have arrived after this round's count.
      return { pause, tracked: await sink.tracked(), status, cpuMs: cpu.stop() };
    }
    if (!pause && tracked.distinct >= RECIPIENTS / 2) {
      pause = await pauseAndResume(system, db, sink, campaignId, stageId);
      console.log(`  paused at ${count(pause.sentBefore)} sent: stopped ${seconds(pause.drainedAt - pause.requestedAt)} after the request, resumed`);
      lastChange = { at: Date.now(), what: '' };
    }
    if (Date.now() - lastChange.at > STALL_MS) throw new Error(`no progress for ${STALL_MS / 60_000} minutes: ${status}, ${what}`);
    await waitMs(POLL_MS);
  }
}

interface WorkflowRun {
  runId: string;
  events: number;
  bytes: number;
}

/** One sendMailingBatch activity, in epoch milliseconds as the history recorded it. */
interface BatchTimes {
  scheduledAt: number;
  startedAt: number;
  completedAt: number;
}

/**
 * Each run of the campaign's workflow (continue-as-new chain), oldest first, with its history's
 * length and size, and the times of every mailing batch the runs scheduled.
 */
async function workflowRuns(system: BenchSystem, campaignId: string): Promise<{ runs: WorkflowRun[]; batches: BatchTimes[] }> {
  const connection = await Connection.connect({ address: system.temporalAddress });
  try {
    const client = new Client({ connection });
    const runs: (WorkflowRun & { startTime: Date })[] = [];
    const batches: BatchTimes[] = [];
    for await (const execution of client.workflow.list({ query: `WorkflowId = 'campaign-${campaignId}'` })) {
      const handle = client.workflow.getHandle(execution.workflowId, execution.runId);
      const described = await handle.describe();
      const history = await handle.fetchHistory();
      // The server reports the size; if it ever does not, the history is measured encoded.
      const bytes = described.historySize ?? temporal.api.history.v1.History.encode(history).finish().length;
      runs.push({ runId: execution.runId, startTime: described.startTime, events: described.historyLength, bytes });
      batches.push(...mailingBatches(history.events ?? []));
    }
    return { runs: runs.sort((a, b) => a.startTime.getTime() - b.startTime.getTime()), batches: batches.sort((a, b) => a.scheduledAt - b.scheduledAt) };
  } finally {
    await connection.close();
  }
}

/** The completed sendMailingBatch activities of one history. */
function mailingBatches(events: temporal.api.history.v1.IHistoryEvent[]): BatchTimes[] {
  const scheduled = new Map<number, number>();
  const started = new Map<number, number>();
  const batches: BatchTimes[] = [];
  for (const event of events) {
    const id = Number(event.eventId);
    const at = tsToMs(event.eventTime);
    if (event.activityTaskScheduledEventAttributes?.activityType?.name === 'sendMailingBatch') scheduled.set(id, at);
    else if (event.activityTaskStartedEventAttributes) started.set(Number(event.activityTaskStartedEventAttributes.scheduledEventId), at);
    else if (event.activityTaskCompletedEventAttributes) {
      const scheduledId = Number(event.activityTaskCompletedEventAttributes.scheduledEventId);
      const scheduledAt = scheduled.get(scheduledId);
      if (scheduledAt !== undefined) batches.push({ scheduledAt, startedAt: started.get(scheduledId) ?? scheduledAt, completedAt: at });
    }
  }
  return batches;
}

/**
 * Between one batch's end and the next's start (the activity's result through Temporal, a workflow
 * task, the next activity's dispatch): each gap, the pause's left out, against the sending time.
 */
function batchGapLine(batches: BatchTimes[], pause: Pause): string {
  const gaps: number[] = [];
  for (let index = 1; index < batches.length; index++) {
    const [previous, next] = [batches[index - 1], batches[index]];
    if (previous.completedAt <= pause.resumedAt && next.startedAt >= pause.requestedAt) continue;
    gaps.push(next.startedAt - previous.completedAt);
  }
  if (!gaps.length) return `${batches.length} batches`;
  gaps.sort((a, b) => a - b);
  const total = gaps.reduce((sum, gap) => sum + gap, 0);
  const busy = batches.reduce((sum, batch) => sum + batch.completedAt - batch.startedAt, 0);
  const durations = batches.map((batch) => batch.completedAt - batch.startedAt).sort((a, b) => a - b);
  return (
    `${batches.length} batches, each ${seconds(durations[Math.floor(durations.length / 2)])} (median); between two: median ${gaps[Math.floor(gaps.length / 2)]} ms, max ${gaps.at(-1)} ms, ` +
    `${seconds(total)} in all (${((100 * total) / (total + busy)).toFixed(1)}% of the batches' time)`
  );
}

interface Window {
  fromSecond: number;
  seconds: number;
  messages: number;
  /** Overlaps the pause, or is the last, shorter one: not a measure of the sustained rate. */
  excluded: string | null;
}

/** Messages per WINDOW_SECONDS from the first tracked message on. */
function windows(tracked: TrackedMessages, pause: Pause): Window[] {
  const first = Math.floor(tracked.firstAt! / 1000);
  const last = Math.floor(tracked.lastAt! / 1000);
  const [pauseFrom, pauseTo] = [Math.floor(pause.requestedAt / 1000), Math.floor(pause.resumedAt / 1000)];
  const result: Window[] = [];
  for (let from = first; from <= last; from += WINDOW_SECONDS) {
    const to = Math.min(from + WINDOW_SECONDS, last + 1);
    let messages = 0;
    for (let second = from; second < to; second++) messages += tracked.perSecond[second] ?? 0;
    const excluded = from <= pauseTo && to > pauseFrom ? 'pause' : to - from < WINDOW_SECONDS ? 'last, shorter' : null;
    result.push({ fromSecond: from - first, seconds: to - from, messages, excluded });
  }
  return result;
}

async function main() {
  const system = await startBenchSystem({ separateProcesses: true });
  const sink = system.sink!;
  const db = createPrismaClient(system.databaseUrl, { maxConnections: 2 });
  const failures: string[] = [];
  try {
    const { postgres, temporal: temporalServer } = serviceProcesses(system.dataDir);
    const cpuGroups: Record<string, ProcessGroup> = {
      api: { pids: [process.pid] },
      worker: { pids: [system.workerPid!] },
      temporal: { pids: temporalServer },
      postgres: { pids: postgres, tree: true },
      sink: { pids: [sink.pid] },
    };
    console.log(`campaign-million: ${count(RECIPIENTS)} recipients, ${CONTACTS_PER_ACCOUNT} contacts per account, baseline ${count(BASELINE_MESSAGES)} messages before and after, ${WINDOW_SECONDS} s windows; load ${os.loadavg().map((load) => load.toFixed(2)).join(' ')}`);
    const seeded = await time(() => seed(db));
    console.log(`seeded ${count(RECIPIENTS)} contacts in ${count(Math.ceil(RECIPIENTS / CONTACTS_PER_ACCOUNT))} accounts in ${seconds(seeded.ms)}`);
    const bareBefore = await bareBaseline(system, db, sink, 'bare-before', cpuGroups);
    console.log(`bare pooled nodemailer loop before: ${count(bareBefore.perSecond)} msg/s`);
    // Created right before it is scheduled, so that the LIST's date is still ahead.
    const { campaignId, mailingStageId } = await createCampaign(system);
    const sizesBefore = await tableSizes(db);
    await sink.track(`campaign-${mailingStageId}-`);

    const rss = sampleRss({ worker: system.workerPid!, api: process.pid }, RSS_EVERY_MS);
    const scheduledAt = Date.now();
    await api(system, 'POST', `/campaigns/${campaignId}/schedule`);
    console.log(`scheduled campaign ${campaignId}; progress every minute:`);
    const run = await runCampaign(system, db, sink, { campaignId, stageId: mailingStageId, scheduledAt }, rss.samples, cpuGroups).finally(() => rss.stop());
    const { pause, tracked } = run;
    const stages = await stageTimes(db, campaignId);
    const ended = await db.campaign.findUniqueOrThrow({ where: { id: campaignId }, select: { endedAt: true } });
    const phases: Phases = {
      seedMs: seeded.ms,
      list: { startedAt: stages[0].startedAt!.getTime(), completedAt: stages[0].completedAt!.getTime() },
      mailing: { startedAt: stages[1].startedAt!.getTime(), completedAt: stages[1].completedAt!.getTime() },
      campaignEndedAt: ended.endedAt?.getTime() ?? Number.NaN,
    };

    const sizesAfter = await tableSizes(db);
    const states = await deliveryStates(db, mailingStageId);
    const listed = await db.campaignRecipient.count({ where: { campaignId } });
    const bareAfter = await bareBaseline(system, db, sink, 'bare-after', cpuGroups);
    console.log(`bare pooled nodemailer loop after: ${count(bareAfter.perSecond)} msg/s`);
    const [baselineBefore, baselineAfter] = [bareBefore.perSecond, bareAfter.perSecond];
    const { runs, batches } = await workflowRuns(system, campaignId);

    // Checks: exactly one message per recipient, by the sink and by the database.
    if (run.status !== 'COMPLETED') failures.push(`the campaign ended ${run.status}`);
    if (listed !== RECIPIENTS) failures.push(`the list holds ${listed} recipients, not ${RECIPIENTS}`);
    if (tracked.distinct !== RECIPIENTS) failures.push(`the sink got ${tracked.distinct} distinct campaign messages, not ${RECIPIENTS}`);
    if (tracked.copies !== 0 || tracked.copiesOfAnyMessage !== 0) failures.push(`the sink got ${tracked.copies} copies of campaign messages (${tracked.copiesOfAnyMessage} of any message)`);
    if (states.SENT !== RECIPIENTS || Object.keys(states).length !== 1) failures.push(`the deliveries are ${JSON.stringify(states)}, not ${RECIPIENTS} SENT`);

    // Rates: the pause (request to resume) left out.
    const pausedMs = pause.resumedAt - pause.requestedAt;
    const baseline = (baselineBefore + baselineAfter) / 2;
    const stageRate = tracked.distinct / ((tracked.lastAt! - phases.mailing.startedAt - pausedMs) / 1000);
    const sendingRate = tracked.distinct / ((tracked.lastAt! - tracked.firstAt! - pausedMs) / 1000);
    const perWindow = windows(tracked, pause);
    const sustained = perWindow.filter((window) => !window.excluded);
    const slowest = sustained.length ? sustained.reduce((a, b) => (b.messages / b.seconds < a.messages / a.seconds ? b : a)) : undefined;
    const percent = (rate: number) => `${((100 * rate) / baseline).toFixed(1)}%`;

    console.log(`\nMAILING stage, messages the sink accepted per ${WINDOW_SECONDS} s window (from the first message):`);
    for (const window of perWindow) {
      const rate = window.messages / window.seconds;
      console.log(`  ${String(window.fromSecond).padStart(6)} s +${String(window.seconds).padStart(3)} s  ${count(window.messages).padStart(8)}  ${count(rate).padStart(6)} msg/s  ${percent(rate).padStart(6)}${window.excluded ? `  (${window.excluded})` : ''}`);
    }
    console.log('\nRSS every minute since the schedule call:');
    const perMinute = rss.samples.filter((_sample, index) => index % (60_000 / RSS_EVERY_MS) === 0 || index === rss.samples.length - 1);
    for (const sample of perMinute) console.log(`  ${seconds(sample.at - scheduledAt).padStart(8)}  ${rssLine(sample)}`);
    const rssFigures = (name: string) => {
      const values = rss.samples.map((sample) => sample.megabytes[name]).filter((mb): mb is number => mb !== null);
      return `first ${values[0].toFixed(0)} MB, max ${Math.max(...values).toFixed(0)} MB, last ${values.at(-1)!.toFixed(0)} MB (${values.length} samples every ${RSS_EVERY_MS / 1000} s)`;
    };
    const growth = tableGrowth(sizesBefore, sizesAfter);
    const perMillion = (bytes: number) => megabytes((bytes * 1_000_000) / tracked.distinct);

    console.log(`\ncampaign-million summary (${new Date().toISOString()}, load ${os.loadavg().map((load) => load.toFixed(2)).join(' ')}):`);
    console.log(`  recipients                          ${count(RECIPIENTS)} (${count(Math.ceil(RECIPIENTS / CONTACTS_PER_ACCOUNT))} accounts)`);
    console.log(`  seeding                             ${seconds(phases.seedMs)}`);
    console.log(`  schedule to last message accepted   ${seconds(tracked.lastAt! - scheduledAt)} (the pause included: ${seconds(pausedMs)})`);
    console.log(`    schedule to LIST start            ${seconds(phases.list.startedAt - scheduledAt)} (its date: ${LIST_START_DELAY_MS / 1000} s after creation)`);
    console.log(`    LIST                              ${seconds(phases.list.completedAt - phases.list.startedAt)}`);
    console.log(`    LIST end to MAILING start         ${seconds(phases.mailing.startedAt - phases.list.completedAt)}`);
    console.log(`    MAILING start to first message    ${seconds(tracked.firstAt! - phases.mailing.startedAt)}`);
    console.log(`    first to last message             ${seconds(tracked.lastAt! - tracked.firstAt!)}`);
    console.log(`    last message to stage completed   ${seconds(phases.mailing.completedAt - tracked.lastAt!)}, to campaign ended ${seconds(phases.campaignEndedAt - tracked.lastAt!)}`);
    console.log(`  pause                               at ${count(pause.sentBefore)} sent; stopped ${seconds(pause.drainedAt - pause.requestedAt)} after the request; resumed ${seconds(pause.resumedAt - pause.requestedAt)} after it`);
    console.log(`  bare pooled nodemailer loop         ${count(baselineBefore)} msg/s before, ${count(baselineAfter)} after, mean ${count(baseline)} (${DEFAULT_MAX_CONNECTIONS} connections, ${count(BASELINE_MESSAGES)} messages)`);
    // The ratios are to the mean: when the two differ much, the machine's speed changed during the run.
    const spread = Math.max(baselineBefore, baselineAfter) / Math.min(baselineBefore, baselineAfter);
    if (spread > BASELINE_SPREAD_WARNING) console.log(`    WARNING: the two baselines differ x${spread.toFixed(2)}: the machine's speed changed during the run, the ratios below are unreliable`);
    console.log(`  MAILING stage, whole stage          ${count(stageRate)} msg/s  ${percent(stageRate)} of the baseline (target >= ${TARGET_PERCENT}%; from the stage's start, the pause left out)`);
    console.log(`  MAILING, first to last message      ${count(sendingRate)} msg/s  ${percent(sendingRate)}`);
    console.log(
      slowest
        ? `  ${`MAILING, slowest ${WINDOW_SECONDS} s window`.padEnd(36)}${count(slowest.messages / slowest.seconds)} msg/s  ${percent(slowest.messages / slowest.seconds)} (at ${slowest.fromSecond} s; target >= ${TARGET_PERCENT}%)`
        : `  MAILING, slowest window             none whole outside the pause (run longer)`,
    );
    console.log(`  batches                             ${batchGapLine(batches, pause)}`);
    console.log(`  CPU per message, campaign           ${cpuLine(perMessage(run.cpuMs, tracked.distinct))} (first message to the campaign's end, the pause included)`);
    console.log(`  CPU per message, bare loop          ${cpuLine(bareBefore.cpuPerMessage)} before, ${cpuLine(bareAfter.cpuPerMessage)} after (api: the loop itself)`);
    console.log(`  worker RSS                          ${rssFigures('worker')}`);
    console.log(`  API (this process) RSS              ${rssFigures('api')}`);
    console.log(`  workflow runs (continue-as-new)     ${runs.length}; largest history ${count(Math.max(...runs.map((r) => r.events)))} events and ${kilobytes(Math.max(...runs.map((r) => r.bytes)))}; each run's events / size: ${runs.map((r) => `${r.events} / ${kilobytes(r.bytes)}`).join(', ')}`);
    console.log(`  PostgreSQL growth per million deliveries (table incl. TOAST / indexes):`);
    for (const table of growth) console.log(`    ${table.table.padEnd(32)} ${perMillion(table.tableBytes).padStart(10)} / ${perMillion(table.indexBytes).padStart(10)}`);
    const total = growth.reduce((sum, table) => sum + table.tableBytes + table.indexBytes, 0);
    console.log(`    ${'all'.padEnd(32)} ${perMillion(total).padStart(23)}`);
    console.log(`  checks                              ${failures.length ? `FAILED: ${failures.join('; ')}` : `passed: ${count(tracked.distinct)} distinct messages, 0 copies, ${count(states.SENT)} SENT`}`);
  } finally {
    await db.$disconnect();
    await system.stop();
  }
  if (failures.length) process.exit(1);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
