/**
 * An evergreen campaign runs for months: it must continue as new, keep its state in PostgreSQL and
 * survive worker and Temporal restarts. Here it enrolls every 3 s on this file's own Temporal dev
 * server (so that it can be killed), with a worker in its own process (so that it can be killed
 * too), continuing as new every few dozen events. New contacts join the segment between the faults;
 * at the end each was enrolled once, mailed once (a resend after a crash repeats the Message-ID)
 * and has one call task, and every enrollment ran to its end.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { temporal as proto } from '@temporalio/proto';
import { createLogger } from '../../src/logger';
import { SENDERS_PER_CONNECTION } from '../../activities/campaign/mailing/batch-senders';
import { DEFAULT_MAX_CONNECTIONS } from '../../src/mail/mailer';
import { startMailCatcher } from '../../src/mail-catcher/mail-catcher';
import type { MailCatcher } from '../../src/mail-catcher/types';
import { findFreePort } from '../../src/services/free-port';
import { startTemporalDevServer, type RunningTemporal } from '../../src/services/temporal-dev-server';
import { registerSearchAttributes } from '../../src/temporal/search-attributes';
import { campaignWorkflow } from '../../workflows/campaign.workflow';
import { campaignWorkflowId } from '../../workflows/campaign.messages';
import { eventually } from '../support/eventually';
import { startTestApp, TEST_PUBLIC_URL, type TestApp } from '../support/test-app';
import { startWorkerProcess, type WorkerProcess } from '../support/worker-process';
import { campaignWhen, createCampaign, marketingTeam, type Marketing } from '../campaigns/workflow/helpers';

const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'warn');
const PER_WAVE = 20;
// A crash leaves at most one accepted message per sender unrecorded: two faults, two such bounds.
const MAX_RESENT = 2 * DEFAULT_MAX_CONNECTIONS * SENDERS_PER_CONNECTION;
let dataDir: string;
let port: number;
let temporal: RunningTemporal;
let t: TestApp;
let team: Marketing;
let sink: MailCatcher;
// This test's own client: the test app's goes with its in-process worker, stopped below.
let connection: Connection;
let client: Client;

const startOwnTemporal = () => startTemporalDevServer({ cliPath: process.env.TEMPORAL_CLI_PATH, port, dbFile: path.join(dataDir, 'temporal.sqlite'), namespace: 'default', logger });

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-evergreen-restarts-'));
  port = await findFreePort();
  temporal = await startOwnTemporal();
  await registerSearchAttributes({ address: temporal.address, namespace: 'default' });
  [t, sink] = await Promise.all([startTestApp({ temporalAddress: temporal.address }), startMailCatcher({ smtpPort: 0, httpPort: 0, maxMessages: 10_000 })]);
  team = await marketingTeam(t);
  // Only the worker processes below run this test's workflows and activities.
  await t.temporal.stop();
  connection = await Connection.connect({ address: temporal.address });
  client = new Client({ connection, namespace: 'default' });
}, 120_000);
afterAll(async () => {
  await connection?.close();
  await t?.close();
  await sink?.close();
  await temporal?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

async function wave(tag: string, number: number): Promise<void> {
  await t.database.db.$executeRaw`
    WITH a AS (
      INSERT INTO accounts (id, name, segment, updated_at)
      SELECT gen_random_uuid(), ${`${tag} wave ${number} account `} || n, ${tag}, now() FROM generate_series(1, ${PER_WAVE}::int) AS n RETURNING id, name)
    INSERT INTO contacts (id, account_id, name, email, email_normalized, is_primary)
    SELECT gen_random_uuid(), id, 'Contact', replace(name, ' ', '-') || '@evergreen.test', lower(replace(name, ' ', '-') || '@evergreen.test'), true FROM a`;
}

test('when the worker is killed and the Temporal server is restarted while an evergreen campaign enrolls then every contact is enrolled once, mailed once and called once', async () => {
  const tag = `evf${Date.now()}`;
  await wave(tag, 1);
  const segment = await t.request.post('/api/v1/segments').set(team.as(team.marketer)).send({ name: `Evergreen ${tag}`, criteria: { field: 'account.segment', op: 'eq', value: tag } });
  expect(segment.status).toBe(201);
  const template = await t.request
    .post('/api/v1/templates')
    .set(team.as(team.marketer))
    .send({ key: `welcome-${tag}`, name: 'Welcome', subject: `Welcome ${tag}`, text: 'Hello {{ contact.name }}. Unsubscribe: {{ unsubscribeUrl }}' });
  expect(template.status).toBe(201);
  const created = await createCampaign(t, team, {
    name: `Evergreen faults ${tag}`,
    evergreen: { segmentId: segment.body.id, schedule: { every: 'PT3S' } },
    stages: [
      { type: 'MAILING', settings: { templateKey: `welcome-${tag}`, ratePerSecond: 200 } },
      { type: 'WAIT', settings: { duration: 'PT2S' } },
      { type: 'CALL_TASKS', settings: { title: 'Welcome call' } },
    ],
  });
  // Scheduled by hand with a small history threshold, so that it continues as new many times here.
  await t.database.db.campaign.update({ where: { id: created.id }, data: { status: 'SCHEDULED' } });
  await t.database.db.campaignEvent.create({ data: { campaignId: created.id, kind: 'campaign-scheduled', message: 'Campaign scheduled' } });
  const workerOptions = { databaseUrl: t.database.url, taskQueue: t.temporal.taskQueue, publicUrl: TEST_PUBLIC_URL, smtpUrl: sink.smtpUrl, temporalAddress: temporal.address };
  let worker: WorkerProcess = await startWorkerProcess(workerOptions);
  const handle = await client.workflow.start(campaignWorkflow, {
    workflowId: campaignWorkflowId(created.id),
    taskQueue: t.temporal.taskQueue,
    args: [{ campaignId: created.id, continueAsNewAfterEvents: 60 }],
  });
  const enrolled = () => t.database.db.campaignRecipient.count({ where: { campaignId: created.id } });
  try {
    await eventually(async () => expect(await enrolled()).toBe(PER_WAVE), 120_000);

    // A worker that dies mid-run.
    await wave(tag, 2);
    await worker.kill();
    worker = await startWorkerProcess(workerOptions);
    await eventually(async () => expect(await enrolled()).toBe(2 * PER_WAVE), 120_000);

    // A Temporal server stopped and started again on the same file and port.
    await wave(tag, 3);
    await temporal.stop();
    temporal = await startOwnTemporal();
    await eventually(async () => expect(await enrolled()).toBe(3 * PER_WAVE), 120_000);

    const stopped = await t.request.post(`/api/v1/campaigns/${created.id}/stop`).set(team.as(team.marketer)).send({ enrolled: 'finish' });
    expect(stopped.status).toBe(200);
    const done = await campaignWhen(t, team, created.id, (campaign) => expect(campaign.status).toBe('COMPLETED'), 120_000).catch(async (error: unknown) => {
      // What it still waits for, to read in the failure.
      const view = await t.request.get(`/api/v1/campaigns/${created.id}`).set(team.as(team.marketer));
      const metadata = await client.workflow.getHandle(handle.workflowId).query<{ currentDetails?: string }>('__temporal_workflow_metadata').catch(() => ({}));
      const description = await client.workflow.getHandle(handle.workflowId).describe();
      // Whether the worker still polls for activities (a CI run once saw two activities SCHEDULED for 2 minutes while queries were answered), and what it logged.
      const pollers = await Promise.all(
        [proto.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW, proto.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY].map(async (taskQueueType) => {
          const answer = await client.workflowService.describeTaskQueue({ namespace: 'default', taskQueue: { name: t.temporal.taskQueue }, taskQueueType }).catch((caught: unknown) => ({ error: String(caught) }));
          return { taskQueueType, pollers: 'pollers' in answer ? answer.pollers?.map((poller) => ({ identity: poller.identity, lastAccessTime: poller.lastAccessTime })) : answer };
        }),
      );
      console.log(JSON.stringify({ stages: view.body.stages, enrollments: view.body.enrollments, evergreen: view.body.evergreen, metadata, pending: description.raw.pendingActivities, pollers }, null, 1));
      console.log(`worker output (last 20,000 characters):\n${worker.output()}`);
      throw error;
    });
    expect(await client.workflow.getHandle(handle.workflowId).result()).toBe('COMPLETED');

    const contacts = 3 * PER_WAVE;
    expect(await enrolled()).toBe(contacts);
    expect(done.enrollments.every((enrollment: { status: string }) => enrollment.status === 'COMPLETED')).toBe(true);
    expect(await t.database.db.mailDelivery.count({ where: { campaignId: created.id, state: 'SENT' } })).toBe(contacts);
    expect(await t.database.db.task.count({ where: { campaignStageId: done.stages[2].id } })).toBe(contacts);
    const mails = sink.messages().filter((mail) => mail.to.some((to) => to.startsWith(`${tag}-`)));
    const idsByRecipient = new Map<string, Set<string | undefined>>();
    for (const mail of mails) idsByRecipient.set(mail.to[0], (idsByRecipient.get(mail.to[0]) ?? new Set()).add(mail.messageId));
    expect(idsByRecipient.size).toBe(contacts);
    expect([...idsByRecipient.values()].filter((ids) => ids.size !== 1)).toEqual([]);
    expect(mails.length - contacts).toBeLessThanOrEqual(MAX_RESENT);

    // It continued as new along the way: several runs of one workflow id.
    await eventually(async () => {
      let runs = 0;
      for await (const _execution of client.workflow.list({ query: `WorkflowId = '${handle.workflowId}'` })) runs++;
      expect(runs).toBeGreaterThan(2);
    });
    console.log(`evergreen faults: ${done.enrollments.length} enrollments, ${contacts} contacts, ${mails.length} messages received (${mails.length - contacts} resent with their Message-ID)`);
  } finally {
    await worker.stop();
  }
}, 600_000);
