import { randomUUID } from 'node:crypto';
import { receivedMail } from '../../support/mailbox';
import { eventually } from '../../support/eventually';
import { startTestApp, TEST_PUBLIC_URL, type TestApp } from '../../support/test-app';
import { startWorkerProcess } from '../../support/worker-process';
import { campaignWhen, createCampaign, marketingTeam, secondsFromNow, template, type Marketing } from './helpers';

let t: TestApp;
let team: Marketing;
const RECIPIENTS = 400;

beforeAll(async () => {
  t = await startTestApp();
  team = await marketingTeam(t);
  // Only the worker processes below may run this test's workflows and activities.
  await t.temporal.stop();
});
afterAll(() => t.close());

/** Accounts with one contact each, written set-based: the list is what this test is not about. */
async function seedRecipients(tag: string): Promise<string[]> {
  await t.database.db.$executeRaw`
    WITH new_accounts AS (
      INSERT INTO accounts (id, name, segment, updated_at)
      SELECT gen_random_uuid(), ${tag} || ' account ' || n, ${tag}, now() FROM generate_series(1, ${RECIPIENTS}::int) AS n
      RETURNING id, name
    )
    INSERT INTO contacts (id, account_id, name, email, email_normalized, is_primary)
    SELECT gen_random_uuid(), id, 'Contact of ' || name, replace(name, ' ', '-') || '@kill.test', lower(replace(name, ' ', '-') || '@kill.test'), true FROM new_accounts`;
  return (await t.database.db.contact.findMany({ where: { emailNormalized: { startsWith: `${tag}-` } }, select: { emailNormalized: true } })).map((row) => row.emailNormalized!);
}

test('when the worker is killed during a mailing then no recipient is lost and every copy carries its first Message-ID', async () => {
  const tag = `kill${Date.now()}`;
  const emails = await seedRecipients(tag);
  expect(emails).toHaveLength(RECIPIENTS);
  const segment = await t.request.post('/api/v1/segments').set(team.as(team.marketer)).send({ name: `Kill ${tag}`, criteria: { field: 'account.segment', op: 'eq', value: tag } });
  const templateKey = await template(t, team, `kill-${tag}`);
  const workerOptions = { databaseUrl: t.database.url, taskQueue: t.temporal.taskQueue, publicUrl: TEST_PUBLIC_URL };
  let worker = await startWorkerProcess(workerOptions);
  try {
    const created = await createCampaign(t, team, {
      name: `Kill ${tag}`,
      stages: [
        { type: 'LIST', startAt: secondsFromNow(2), settings: { segmentId: segment.body.id } },
        { type: 'MAILING', settings: { templateKey, ratePerSecond: 80 } },
      ],
    });
    expect((await t.request.post(`/api/v1/campaigns/${created.id}/schedule`).set(team.as(team.marketer))).status).toBe(200);

    // Kill it for real once a part of the list is out, then start another one.
    await eventually(async () => expect(await t.database.db.mailDelivery.count({ where: { campaignId: created.id, state: 'SENT' } })).toBeGreaterThan(RECIPIENTS / 4), 60_000);
    await worker.kill();
    const sentAtKill = await t.database.db.mailDelivery.count({ where: { campaignId: created.id, state: 'SENT' } });
    expect(sentAtKill).toBeLessThan(RECIPIENTS);
    worker = await startWorkerProcess(workerOptions);

    const done = await campaignWhen(t, team, created.id, (campaign) => expect(campaign.status).toBe('COMPLETED'), 120_000);
    expect(done.stages[1].counts).toMatchObject({ recipients: RECIPIENTS, sent: RECIPIENTS, pending: 0, sending: 0 });

    const mails = (await receivedMail()).filter((mail) => mail.to.some((to) => to.endsWith('@kill.test') && to.startsWith(`${tag}-`)));
    const byRecipient = new Map<string, Set<string>>();
    for (const mail of mails) {
      const ids = byRecipient.get(mail.to[0]) ?? new Set<string>();
      ids.add(mail.messageId ?? `missing-${randomUUID()}`);
      byRecipient.set(mail.to[0], ids);
    }
    expect([...byRecipient.keys()].sort()).toEqual([...emails].sort());
    // Resent copies (in flight at the kill) repeat their Message-ID: one id per recipient.
    expect([...byRecipient.values()].every((ids) => ids.size === 1)).toBe(true);
    const resent = mails.length - RECIPIENTS;
    expect(resent).toBeGreaterThanOrEqual(0);
    expect(resent).toBeLessThan(RECIPIENTS / 4);
  } finally {
    await worker.stop();
  }
}, 240_000);
