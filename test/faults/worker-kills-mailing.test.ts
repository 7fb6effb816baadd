import { startMailCatcher } from '../../src/mail-catcher/mail-catcher';
import type { MailCatcher } from '../../src/mail-catcher/types';
import { SENDERS_PER_CONNECTION } from '../../activities/campaign/mailing/batch-senders';
import { DEFAULT_MAX_CONNECTIONS } from '../../src/mail/mailer';
import { eventually } from '../support/eventually';
import { startTestApp, TEST_PUBLIC_URL, type TestApp } from '../support/test-app';
import { startWorkerProcess, type WorkerProcess } from '../support/worker-process';
import { campaignWhen, createCampaign, marketingTeam, secondsFromNow, seedRecipients, template, type Marketing } from '../campaigns/workflow/helpers';

// FAULT_MAILING_RECIPIENTS scales the run down for a quick local look; CI runs the full 20,000.
const RECIPIENTS = Number(process.env.FAULT_MAILING_RECIPIENTS ?? 20_000);
const KILLS = 3;
// A crash leaves at most one accepted message per sender unrecorded.
const SENDERS = DEFAULT_MAX_CONNECTIONS * SENDERS_PER_CONNECTION;

let t: TestApp;
let team: Marketing;
// An SMTP server of this test's own, keeping every message: the run's catcher keeps 10,000 and is shared.
let sink: MailCatcher;

beforeAll(async () => {
  [t, sink] = await Promise.all([startTestApp(), startMailCatcher({ smtpPort: 0, httpPort: 0, maxMessages: RECIPIENTS * 2 })]);
  team = await marketingTeam(t);
  // Only the worker processes below may run this test's workflows and activities.
  await t.temporal.stop();
}, 120_000);
afterAll(async () => {
  await t?.close();
  await sink?.close();
});

/** KILLS distinct moments, as counts of sent messages, drawn at random between 10% and 90% of the list. */
function killPoints(): number[] {
  const points = new Set<number>();
  while (points.size < KILLS) points.add(Math.floor(RECIPIENTS * (0.1 + Math.random() * 0.8)));
  return [...points].sort((a, b) => a - b);
}

test(`when the worker is killed ${KILLS} times during a mailing to ${RECIPIENTS} recipients then none is lost, each has one sent record and one Message-ID, and the copies received twice are at most kills x senders`, async () => {
  const tag = `kills${Date.now()}`;
  await seedRecipients(t, tag, RECIPIENTS, 'kills.test');
  const segment = await t.request.post('/api/v1/segments').set(team.as(team.marketer)).send({ name: `Kills ${tag}`, criteria: { field: 'account.segment', op: 'eq', value: tag } });
  expect(segment.status).toBe(201);
  const templateKey = await template(t, team, `kills-${tag}`);
  const workerOptions = { databaseUrl: t.database.url, taskQueue: t.temporal.taskQueue, publicUrl: TEST_PUBLIC_URL, smtpUrl: sink.smtpUrl };
  let worker: WorkerProcess = await startWorkerProcess(workerOptions);
  const points = killPoints();
  const sentAtKill: number[] = [];
  try {
    const created = await createCampaign(t, team, {
      name: `Kills ${tag}`,
      stages: [
        { type: 'LIST', startAt: secondsFromNow(2), settings: { segmentId: segment.body.id } },
        { type: 'MAILING', settings: { templateKey, ratePerSecond: 5_000 } },
      ],
    });
    expect((await t.request.post(`/api/v1/campaigns/${created.id}/schedule`).set(team.as(team.marketer))).status).toBe(200);
    const sent = () => t.database.db.mailDelivery.count({ where: { campaignId: created.id, state: 'SENT' } });

    for (const point of points) {
      // The moment comes from the SMTP server's side: what it has accepted, recorded or not.
      await eventually(async () => expect(sink.receivedCount()).toBeGreaterThanOrEqual(point), 180_000);
      await worker.kill();
      sentAtKill.push(await sent());
      worker = await startWorkerProcess(workerOptions);
    }
    expect(sentAtKill.at(-1)).toBeLessThan(RECIPIENTS);

    const done = await campaignWhen(t, team, created.id, (campaign) => expect(campaign.status).toBe('COMPLETED'), 300_000);
    expect(done.stages[1].counts).toMatchObject({ recipients: RECIPIENTS, sent: RECIPIENTS, pending: 0, sending: 0, failed: 0 });

    // Exactly one delivery row per recipient, and it is SENT.
    const [rows] = await t.database.db.$queryRaw<{ rows: number; recipients: number; sent: number }[]>`
      SELECT count(*)::int AS rows, count(DISTINCT contact_id)::int AS recipients, count(*) FILTER (WHERE state = 'SENT')::int AS sent
      FROM mail_deliveries WHERE campaign_id = CAST(${created.id} AS uuid)`;
    expect(rows).toEqual({ rows: RECIPIENTS, recipients: RECIPIENTS, sent: RECIPIENTS });

    const mails = sink.messages().filter((mail) => mail.to.some((to) => to.startsWith(`${tag}-`)));
    const idsByRecipient = new Map<string, Set<string | undefined>>();
    for (const mail of mails) {
      const ids = idsByRecipient.get(mail.to[0]) ?? new Set();
      ids.add(mail.messageId);
      idsByRecipient.set(mail.to[0], ids);
    }
    // None lost: every recipient's address is at the SMTP server.
    expect(idsByRecipient.size).toBe(RECIPIENTS);
    // None got two different messages: a copy sent again carries the Message-ID of the first.
    const withTwoIds = [...idsByRecipient].filter(([, ids]) => ids.size !== 1 || ids.has(undefined)).map(([to]) => to);
    expect(withTwoIds).toEqual([]);
    const copies = mails.length - RECIPIENTS;
    console.log(
      `worker kills: ${RECIPIENTS} recipients, ${KILLS} SIGKILLs when the SMTP server had received ${points.join(', ')} messages ` +
        `(SENT recorded then: ${sentAtKill.join(', ')}); ${mails.length} messages received, ${copies} copies received twice ` +
        `(bound: ${KILLS} kills x ${SENDERS} senders = ${KILLS * SENDERS}), 0 lost, 0 with two Message-IDs`,
    );
    expect(copies).toBeGreaterThanOrEqual(0);
    expect(copies).toBeLessThanOrEqual(KILLS * SENDERS);
  } finally {
    await worker.stop();
  }
}, 600_000);
