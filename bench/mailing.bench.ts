// Campaign mailing throughput: sendMailingBatch's loop (prepareMailing, then batches until nothing
// remains: claims, suppression and frequency-cap checks, rendering, rate limiter, SMTP, group
// commit of each outcome, each sender waiting for its previous outcome's write) against a bare
// pooled nodemailer loop sending the same rendered messages, one send per connection at a time
// (its best: more callers queued on the pool made it no faster), to the same local SMTP sink (a
// process of its own), alternated over several rounds. SPEC target: the mailing reaches at least
// 85% of the bare loop. This machine's speed drifts by half from one minute to the next, so each
// round's pair also gives a ratio of its own, and their median is printed too.
// CPU per message is this process's (process.cpuUsage): PostgreSQL's and the sink's are not in it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MockActivityEnvironment } from '@temporalio/testing';
import pg from 'pg';
import type { StartedMailingSettings } from '../activities/campaign/started-settings';
import type { MailingBatchResult } from '../workflows/campaign.messages';
import { createMailingActivities } from '../activities/campaign/mailing-activities';
import { applyMigrations } from '../src/db/migrate';
import { createPrismaClient, type Db } from '../src/db/prisma';
import { createLogger } from '../src/logger';
import { createMailer, DEFAULT_MAX_CONNECTIONS, type Mailer } from '../src/mail/mailer';
import { startEmbeddedPostgres } from '../src/services/embedded-postgres';
import { findFreePort } from '../src/services/free-port';
import { renderBareMessages, sendThroughPool } from './lib/bare-mail-loop';
import { median } from './lib/constant-rate-load';
import { startSmtpSink, type SmtpSink } from './lib/smtp-sink-process';

const RECIPIENTS = Number(process.env.BENCH_RECIPIENTS ?? 5000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? DEFAULT_MAX_CONNECTIONS);
// The mailing's own pool may differ from the bare loop's (whose best is about five connections).
const MAILER_CONNECTIONS = Number(process.env.BENCH_MAILER_CONNECTIONS ?? CONNECTIONS);
const PUBLIC_URL = 'http://crm.bench';
const FROM = 'CRM bench <crm@bench.example.com>';
const template = {
  key: 'bench-offer',
  subject: 'Hello {{ contact.name }}, {{ campaign.name }}',
  text: 'Dear {{contact.name}} of {{account.name}} ({{account.city}}),\n\nyour adviser {{owner.name}} has a spring offer for you.\n\nUnsubscribe: {{unsubscribeUrl}}\n',
  html: '<p>Dear {{contact.name}} of {{account.name}} ({{account.city}}),</p><p>your adviser {{owner.name}} has a spring offer for you.</p><p><a href="{{unsubscribeUrl}}">Unsubscribe</a></p>',
};

interface Figure {
  messagesPerSecond: number;
  cpuMsPerMessage: number;
}

/** PostgreSQL: a database of its own on DATABASE_URL's server, else an embedded server. */
async function startDatabase(): Promise<{ url: string; stop(): Promise<void> }> {
  const name = `crm_bench_mailing_${process.pid}`;
  if (process.env.DATABASE_URL) {
    const admin = new URL(process.env.DATABASE_URL);
    admin.pathname = '/postgres';
    const query = async (sql: string) => {
      const client = new pg.Client({ connectionString: admin.toString() });
      await client.connect();
      await client.query(sql).finally(() => client.end());
    };
    await query(`CREATE DATABASE ${name}`);
    const url = new URL(admin);
    url.pathname = `/${name}`;
    return { url: url.toString(), stop: () => query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-bench-mailing-'));
  fs.chmodSync(dataDir, 0o755); // PostgreSQL runs as `postgres` when we are root
  const postgres = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'data'), port: await findFreePort(), database: name, logger: createLogger('warn') });
  return {
    url: postgres.databaseUrl,
    async stop() {
      await postgres.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** N accounts with one contact each, owned by one user, frozen into one RUNNING campaign's list. */
async function seed(db: Db): Promise<{ campaignId: string; listStageId: string }> {
  const [owner] = await db.$queryRaw<{ id: string }[]>`
    INSERT INTO users (id, email, name, role) VALUES (gen_random_uuid(), 'bench.owner@example.com', 'Olga Owner', 'manager') RETURNING id::text`;
  await db.$executeRaw`
    INSERT INTO accounts (id, name, owner_id, fields, updated_at)
    SELECT gen_random_uuid(), 'Account ' || i, ${owner.id}::uuid, '{"city": "Lyon"}'::jsonb, now() FROM generate_series(1, ${RECIPIENTS}::int) AS i`;
  await db.$executeRaw`
    INSERT INTO contacts (id, account_id, name, email, email_normalized)
    SELECT gen_random_uuid(), a.id, 'Contact of ' || a.name, 'r' || n || '@bench.example.com', 'r' || n || '@bench.example.com'
    FROM (SELECT id, name, row_number() OVER (ORDER BY id) AS n FROM accounts) AS a`;
  const [campaign] = await db.$queryRaw<{ id: string }[]>`
    INSERT INTO campaigns (id, name, description, status, updated_at) VALUES (gen_random_uuid(), 'Bench spring offers', 'Benchmark', 'RUNNING', now()) RETURNING id::text`;
  const [list] = await db.$queryRaw<{ id: string }[]>`
    INSERT INTO campaign_stages (id, campaign_id, position, type, status) VALUES (gen_random_uuid(), ${campaign.id}::uuid, 1, 'LIST', 'COMPLETED') RETURNING id::text`;
  await db.$executeRaw`
    INSERT INTO campaign_recipients (campaign_id, contact_id, account_id, email_normalized, cell, list_stage_id)
    SELECT ${campaign.id}::uuid, c.id, c.account_id, c.email_normalized, 'TARGET', ${list.id}::uuid FROM contacts c`;
  await db.$executeRaw`ANALYZE`;
  return { campaignId: campaign.id, listStageId: list.id };
}

let position = 1;
async function newMailingStage(db: Db, campaignId: string): Promise<string> {
  const started: StartedMailingSettings = { templateKey: template.key, ratePerSecond: 10_000, template: { ...template } };
  const [stage] = await db.$queryRaw<{ id: string }[]>`
    INSERT INTO campaign_stages (id, campaign_id, position, type, status, started_settings, started_at)
    VALUES (gen_random_uuid(), ${campaignId}::uuid, ${++position}::int, 'MAILING', 'RUNNING', ${JSON.stringify(started)}::jsonb, now()) RETURNING id::text`;
  return stage.id;
}

function measure(count: number, run: () => Promise<void>): Promise<Figure> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  return run().then(() => {
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    return { messagesPerSecond: count / seconds, cpuMsPerMessage: (used.user + used.system) / 1000 / count };
  });
}

/** (a) The same messages, rendered beforehand, through a bare pooled transport with the same options and concurrency. */
async function bareLoop(db: Db, sink: SmtpSink, campaignId: string, round: string, count: number): Promise<Figure> {
  const campaign = { id: campaignId, name: 'Bench spring offers', description: 'Benchmark' };
  const mails = await renderBareMessages(db, { campaign, template, publicUrl: PUBLIC_URL, from: FROM, round, count });
  const before = await sink.received();
  const figure = await measure(mails.length, () => sendThroughPool(mails, sink.url, CONNECTIONS));
  if ((await sink.received()) - before !== mails.length) throw new Error('the sink did not receive every message of the bare loop');
  return figure;
}

/** (b) prepareMailing, then sendMailingBatch until nothing remains, as the campaign workflow calls them. */
async function mailingLoop(db: Db, sink: SmtpSink, mailer: Mailer, campaignId: string, count: number): Promise<Figure> {
  const stageId = await newMailingStage(db, campaignId);
  const activities = createMailingActivities({ db, mailer, publicUrl: PUBLIC_URL });
  const environment = new MockActivityEnvironment(undefined, { logger: silentLogger });
  const before = await sink.received();
  const figure = await measure(count, async () => {
    await environment.run(activities.prepareMailing, { campaignId, stageId });
    for (;;) {
      const result: MailingBatchResult = await environment.run(activities.sendMailingBatch, { campaignId, stageId });
      if (result.remaining === 0) break;
      if (result.stoppedBecause) throw new Error(`the mailing stopped: ${result.stoppedBecause}`);
      if (result.nextAttemptAt) await new Promise((resolve) => setTimeout(resolve, Date.parse(result.nextAttemptAt!) - Date.now()));
    }
  });
  const sent = await db.mailDelivery.count({ where: { stageId, state: 'SENT' } });
  if (sent !== count || (await sink.received()) - before !== count) throw new Error(`the mailing sent ${sent} of ${count}`);
  return figure;
}

const silentLogger = { log: () => undefined, trace: () => undefined, debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

async function main() {
  const database = await startDatabase();
  const sink = await startSmtpSink();
  const db = createPrismaClient(database.url);
  // One mailer for the whole run, as the worker keeps one for its life: the warm-up warms its SMTP thread.
  const mailer = createMailer(sink.url, FROM, { maxConnections: MAILER_CONNECTIONS });
  try {
    await applyMigrations(database.url);
    const { campaignId } = await seed(db);
    console.log(`mailing: ${RECIPIENTS} recipients, ${CONNECTIONS} pooled SMTP connections (mailing: ${MAILER_CONNECTIONS}), ${ROUNDS} rounds (plus a warm-up), sink ${sink.url}`);
    // Warm-up: JIT, connection pools, PostgreSQL caches.
    await bareLoop(db, sink, campaignId, 'warm-up', Math.min(RECIPIENTS, 1000));
    await mailingLoop(db, sink, mailer, campaignId, RECIPIENTS);

    const bare: Figure[] = [];
    const mailing: Figure[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      // Alternate which side goes first, so neither always runs on a warmer (or more fragmented) system.
      if (round % 2) {
        bare.push(await bareLoop(db, sink, campaignId, `bare-${round}`, RECIPIENTS));
        mailing.push(await mailingLoop(db, sink, mailer, campaignId, RECIPIENTS));
      } else {
        mailing.push(await mailingLoop(db, sink, mailer, campaignId, RECIPIENTS));
        bare.push(await bareLoop(db, sink, campaignId, `bare-${round}`, RECIPIENTS));
      }
      const [b, m] = [bare.at(-1)!, mailing.at(-1)!];
      console.log(
        `round ${round}: bare ${b.messagesPerSecond.toFixed(0)} msg/s, ${b.cpuMsPerMessage.toFixed(3)} ms CPU/msg | mailing ${m.messagesPerSecond.toFixed(0)} msg/s, ${m.cpuMsPerMessage.toFixed(3)} ms CPU/msg | ${((100 * m.messagesPerSecond) / b.messagesPerSecond).toFixed(1)}%`,
      );
    }
    const figure = (results: Figure[]) => ({ rate: median(results.map((r) => r.messagesPerSecond)), cpu: median(results.map((r) => r.cpuMsPerMessage)) });
    const [b, m] = [figure(bare), figure(mailing)];
    console.log(`\nmailing throughput, medians of ${ROUNDS} rounds of ${RECIPIENTS} messages:`);
    console.log(`  bare pooled nodemailer loop          ${b.rate.toFixed(0).padStart(6)} msg/s  ${b.cpu.toFixed(3)} ms CPU/msg`);
    console.log(`  prepareMailing + sendMailingBatch    ${m.rate.toFixed(0).padStart(6)} msg/s  ${m.cpu.toFixed(3)} ms CPU/msg`);
    const roundRatios = bare.map((round, index) => (100 * mailing[index].messagesPerSecond) / round.messagesPerSecond);
    console.log(`  ratio                                ${((100 * m.rate) / b.rate).toFixed(1)}% (target >= 85%)`);
    console.log(`  median of the rounds' own ratios     ${median(roundRatios).toFixed(1)}% (from ${Math.min(...roundRatios).toFixed(1)}% to ${Math.max(...roundRatios).toFixed(1)}%)`);
  } finally {
    mailer.close();
    await db.$disconnect();
    await sink.stop();
    await database.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
