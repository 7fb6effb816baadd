import express from 'express';
import { DateTime } from 'luxon';
import supertest from 'supertest';
import { countMailingStage } from '../../../src/campaigns/mailing-counts';
import { createLogger } from '../../../src/logger';
import { createMailer, type Mailer, type OutgoingMail } from '../../../src/mail/mailer';
import { withActivityFailures } from '../../../activities/failures';
import { SENDERS_PER_CONNECTION } from '../../../activities/campaign/mailing/batch-senders';
import { saveMailingSettings } from '../../../src/settings/mailing-settings';
import { unsubscribeRoutes } from '../../../src/api/unsubscribe.routes';
import { signUnsubscribeToken, unsubscribeSecret, verifyUnsubscribeToken } from '../../../src/unsubscribe/unsubscribe-token';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';
import { testService } from '../../support/test-services';
import { addressesFor, deliveryRows, inActivity, mailingActivities, runUntilDone, seedMailingCampaign, stageMail, uniqueTag, type SeededCampaign } from './mailing-fixtures';

let database: TestDatabase;
let mailer: Mailer;
const db = () => database.db;

beforeAll(async () => {
  database = await createTestDatabase();
  mailer = createMailer(testService('smtpUrl'), 'CRM test <crm@test>');
});
afterAll(async () => {
  mailer.close();
  await database.drop();
});

const input = (seeded: SeededCampaign) => ({ campaignId: seeded.campaignId, stageId: seeded.stageId });
const addresses = addressesFor;
const pendingOrSending = async (stageId: string) => db().mailDelivery.count({ where: { stageId, state: { in: ['PENDING', 'SENDING'] } } });

describe('prepareMailing and sendMailingBatch', () => {
  test('when a stage is mailed then each target recipient with an address gets exactly one message, with the unsubscribe headers and a deterministic Message-ID', async () => {
    const emails = addresses(7);
    const seeded = await seedMailingCampaign(db(), [
      ...emails.map((email, index) => ({ email, name: `Person ${index + 1}` })),
      { email: `testcell.${uniqueTag()}@example.com`, cell: 'TEST' as const },
      { name: 'No Address' },
    ]);
    const activities = mailingActivities(db(), mailer, { chunkSize: 3 });

    expect(await inActivity(() => activities.prepareMailing(input(seeded)))).toEqual({ recipients: 7 });
    // A retry of prepareMailing adds nothing.
    expect(await inActivity(() => activities.prepareMailing(input(seeded)))).toEqual({ recipients: 7 });

    const heartbeats: unknown[] = [];
    const first = await inActivity(() => activities.sendMailingBatch(input(seeded)), heartbeats);
    expect(first).toEqual({ sent: 7, failed: 0, skipped: 0, deferred: 0, remaining: 0, nextAttemptAt: null, stoppedBecause: null });
    expect(heartbeats.length).toBeGreaterThan(0);
    expect(heartbeats.at(-1)).toEqual({ sent: 7, failed: 0, skipped: 0, deferred: 0 });

    const mail = await stageMail(seeded.stageId);
    expect(mail.map((message) => message.to[0]).sort()).toEqual([...emails].sort());
    const secret = await unsubscribeSecret(db());
    for (const [index, email] of emails.entries()) {
      const contact = seeded.contacts[index];
      const [message] = mail.filter((received) => received.to[0] === email);
      expect(message.messageId).toBe(`<campaign-${seeded.stageId}-${contact.id}@crm.test>`);
      expect(message.subject).toBe(`Hello Person ${index + 1}, ${(await db().campaign.findUniqueOrThrow({ where: { id: seeded.campaignId } })).name}`);
      expect(message.text).toContain(`Dear Person ${index + 1} of Account ${index + 1}`);
      expect(message.text).toContain('(Lyon), your adviser Olga Owner writes');
      expect(message.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
      const link = /^<http:\/\/crm\.test\/unsubscribe\/([A-Za-z0-9_-]+)>$/.exec(message.headers['list-unsubscribe']);
      expect(link).not.toBeNull();
      expect(verifyUnsubscribeToken(secret, link![1])).toEqual({ contactId: contact.id, campaignId: seeded.campaignId });
      expect(message.text).toContain(`http://crm.test/unsubscribe/${link![1]}`);
    }

    const rows = await deliveryRows(db(), seeded.stageId);
    expect(rows).toHaveLength(7);
    expect(rows.every((row) => row.state === 'SENT' && row.attempts === 1 && row.sentAt !== null && row.claimedAt === null)).toBe(true);

    // Another batch finds nothing to do and sends nothing more.
    expect(await inActivity(() => activities.sendMailingBatch(input(seeded)))).toMatchObject({ sent: 0, remaining: 0, nextAttemptAt: null });
    expect(await stageMail(seeded.stageId)).toHaveLength(7);
    expect(await countMailingStage(db(), seeded.stageId)).toEqual({ recipients: 7, pending: 0, sending: 0, sent: 7, failed: 0, skipped: 0, cancelled: 0, waitingForSendWindow: 0 });
  });

  test('when an attempt dies with messages in flight then the next attempt resends exactly those, with the same Message-ID, and every recipient ends SENT', async () => {
    const emails = addresses(6);
    const seeded = await seedMailingCampaign(db(), emails.map((email) => ({ email })));
    // The first attempt's SMTP server accepts two messages, but the attempt "dies" before it hears
    // back: their rows stay SENDING, as after a worker crash.
    let release!: () => void;
    const never = new Promise<void>((resolve) => (release = resolve));
    const inFlight: string[] = [];
    const dying: Mailer = {
      maxConnections: 5,
      close: () => undefined,
      async send(mail: OutgoingMail) {
        const result = await mailer.send(mail);
        if (mail.to === emails[1] || mail.to === emails[4]) {
          inFlight.push(mail.to);
          await never;
        }
        return result;
      },
    };
    const crashed = mailingActivities(db(), dying);
    await inActivity(() => crashed.prepareMailing(input(seeded)));
    const abandoned = inActivity(() => crashed.sendMailingBatch(input(seeded)));
    await eventuallyTrue(async () => inFlight.length === 2 && (await db().mailDelivery.count({ where: { stageId: seeded.stageId, state: 'SENT' } })) === 4);
    expect((await deliveryRows(db(), seeded.stageId)).filter((row) => row.state === 'SENDING')).toHaveLength(2);

    // Temporal retries the activity: the new attempt resends what was left SENDING.
    const retried = mailingActivities(db(), mailer);
    const result = await inActivity(() => retried.sendMailingBatch(input(seeded)));
    expect(result).toMatchObject({ sent: 2, remaining: 0 });

    const mail = await stageMail(seeded.stageId);
    expect(mail).toHaveLength(8);
    for (const [index, email] of emails.entries()) {
      const copies = mail.filter((message) => message.to[0] === email);
      expect(copies.length).toBe(index === 1 || index === 4 ? 2 : 1);
      expect(new Set(copies.map((copy) => copy.messageId))).toEqual(new Set([`<campaign-${seeded.stageId}-${seeded.contacts[index].id}@crm.test>`]));
    }
    expect((await deliveryRows(db(), seeded.stageId)).every((row) => row.state === 'SENT')).toBe(true);

    // The dead attempt comes back to life late (a zombie): its record changes nothing.
    release();
    await abandoned;
    expect((await deliveryRows(db(), seeded.stageId)).every((row) => row.state === 'SENT')).toBe(true);
  });

  test('when outcome writes are slow then no sender sends before its previous outcome is written: at most one accepted message per sender is ever unrecorded', async () => {
    const emails = addresses(40);
    const seeded = await seedMailingCampaign(db(), emails.map((email) => ({ email })));
    const connections = 2;
    const senders = connections * SENDERS_PER_CONNECTION;
    let accepted = 0;
    const unrecordedAtSend: number[] = [];
    const counting: Mailer = {
      maxConnections: connections,
      close: () => undefined,
      async send(mail: OutgoingMail) {
        // Counted before the query: rows recorded meanwhile only make the figure smaller than the truth was.
        const acceptedBefore = accepted;
        const recorded = await db().mailDelivery.count({ where: { stageId: seeded.stageId, state: 'SENT' } });
        unrecordedAtSend.push(acceptedBefore - recorded);
        const result = await mailer.send(mail);
        accepted++;
        return result;
      },
    };
    // Every write to the delivery table takes 30 ms more, so fast sends would run ahead of their records.
    await db().$executeRawUnsafe(`CREATE FUNCTION slow_delivery_writes() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(0.03); RETURN NULL; END $$`);
    await db().$executeRawUnsafe(`CREATE TRIGGER slow_delivery_writes AFTER UPDATE ON mail_deliveries FOR EACH STATEMENT EXECUTE FUNCTION slow_delivery_writes()`);
    try {
      const activities = mailingActivities(db(), counting, { chunkSize: 10 });
      await inActivity(() => activities.prepareMailing(input(seeded)));
      expect(await runUntilDone(activities, seeded)).toHaveLength(1);
    } finally {
      await db().$executeRawUnsafe(`DROP TRIGGER slow_delivery_writes ON mail_deliveries`);
      await db().$executeRawUnsafe(`DROP FUNCTION slow_delivery_writes()`);
    }
    expect(accepted).toBe(40);
    expect(unrecordedAtSend).toHaveLength(40);
    // The sender about to send has its previous message recorded; each other sender may have one unrecorded.
    expect(Math.max(...unrecordedAtSend)).toBeLessThanOrEqual(senders - 1);
    expect(await stageMail(seeded.stageId)).toHaveLength(40);
  });

  test('when a stage is prepared after the statistics were last gathered then they are refreshed: PostgreSQL plans by the stage’s real size, not one row', async () => {
    const seeded = await seedMailingCampaign(db(), addresses(120).map((email) => ({ email })));
    const activities = mailingActivities(db(), mailer);
    await db().$executeRawUnsafe('ANALYZE mail_deliveries');
    const estimate = async () => {
      const [row] = await db().$queryRawUnsafe<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }[]>(
        `EXPLAIN (FORMAT JSON) SELECT * FROM mail_deliveries WHERE stage_id = '${seeded.stageId}'::uuid`,
      );
      return row['QUERY PLAN'][0].Plan['Plan Rows'];
    };
    await inActivity(() => activities.prepareMailing(input(seeded)));
    // One row is what a stage unknown to the statistics is estimated at; claims then scan the whole stage.
    expect(await estimate()).toBeGreaterThanOrEqual(60);
  });

  test('when a contact unsubscribes or becomes do-not-contact between batches then the next batch skips it with the reason, and the campaign records the unsubscribe', async () => {
    const emails = addresses(6);
    const seeded = await seedMailingCampaign(db(), emails.map((email) => ({ email })));
    const activities = mailingActivities(db(), mailer, { chunkSize: 3, batchRecipients: 3 });
    await inActivity(() => activities.prepareMailing(input(seeded)));

    const first = await inActivity(() => activities.sendMailingBatch(input(seeded)));
    expect(first).toMatchObject({ sent: 3, remaining: 3, nextAttemptAt: null, stoppedBecause: null });
    const waiting = (await deliveryRows(db(), seeded.stageId)).filter((row) => row.state === 'PENDING').map((row) => row.contactId);
    expect(waiting).toHaveLength(3);

    // A waiting recipient unsubscribes with its link (a mail client's one-click POST), another
    // is made do-not-contact by hand.
    const app = express().use(unsubscribeRoutes({ db: db(), logger: createLogger('silent') }));
    const token = await tokenFor(seeded, waiting[0]);
    await supertest(app).post(`/unsubscribe/${token}`).type('form').send('List-Unsubscribe=One-Click').expect(200);
    await db().contact.update({ where: { id: waiting[1] }, data: { doNotContact: true } });

    const second = await inActivity(() => activities.sendMailingBatch(input(seeded)));
    expect(second).toMatchObject({ sent: 1, skipped: 2, remaining: 0 });
    const rows = await deliveryRows(db(), seeded.stageId);
    expect(rows.find((row) => row.contactId === waiting[0])).toMatchObject({ state: 'SKIPPED', reason: 'unsubscribed', sentAt: null });
    expect(rows.find((row) => row.contactId === waiting[1])).toMatchObject({ state: 'SKIPPED', reason: 'do-not-contact', sentAt: null });
    expect(await stageMail(seeded.stageId)).toHaveLength(4);
    const events = await db().campaignEvent.findMany({ where: { campaignId: seeded.campaignId, kind: 'unsubscribed' } });
    expect(events).toEqual([expect.objectContaining({ details: { contactId: waiting[0] } })]);
    expect(JSON.stringify(events)).not.toContain('@');
  });

  test('when an address is no single valid address, or the account was archived since the list froze, then the recipient is skipped with the reason and nothing is sent to it', async () => {
    const [good, list, archived] = addresses(3);
    const seeded = await seedMailingCampaign(db(), [{ email: good }, { email: list }, { email: archived }]);
    await db().contact.update({ where: { id: seeded.contacts[1].id }, data: { email: `${list}, other@example.com` } });
    await db().account.update({ where: { id: seeded.contacts[2].accountId }, data: { archivedAt: new Date(), archivedReason: 'junk' } });
    const activities = mailingActivities(db(), mailer);
    await inActivity(() => activities.prepareMailing(input(seeded)));
    expect(await inActivity(() => activities.sendMailingBatch(input(seeded)))).toMatchObject({ sent: 1, skipped: 2, remaining: 0 });
    const rows = await deliveryRows(db(), seeded.stageId);
    expect(rows.find((row) => row.contactId === seeded.contacts[1].id)).toMatchObject({ state: 'SKIPPED', reason: 'not a valid e-mail address' });
    expect(rows.find((row) => row.contactId === seeded.contacts[2].id)).toMatchObject({ state: 'SKIPPED', reason: 'the account is archived' });
    expect((await stageMail(seeded.stageId)).map((mail) => mail.to)).toEqual([[good]]);
  });

  test('when the frequency cap is reached across campaigns then the message is skipped with the reason, and a contact under the cap is mailed', async () => {
    const emails = addresses(3);
    const seeded = await seedMailingCampaign(db(), emails.map((email) => ({ email })));
    const earlier = await seedMailingCampaign(db(), []);
    const [capped, old, fresh] = seeded.contacts;
    const sentBefore = (contact: (typeof seeded.contacts)[number], daysAgo: number) => ({
      stageId: earlier.stageId, campaignId: earlier.campaignId, contactId: contact.id, accountId: contact.accountId, state: 'SENT' as const, sentAt: new Date(Date.now() - daysAgo * 86_400_000),
    });
    // One message 2 days ago (inside the 7-day window) and one 10 days ago (outside it).
    await db().mailDelivery.createMany({ data: [sentBefore(capped, 2), sentBefore(old, 10)] });
    await saveMailingSettings(db(), { frequencyCap: { maxMessages: 1, windowDays: 7 } });
    try {
      const activities = mailingActivities(db(), mailer);
      await inActivity(() => activities.prepareMailing(input(seeded)));
      const result = await inActivity(() => activities.sendMailingBatch(input(seeded)));
      expect(result).toMatchObject({ sent: 2, skipped: 1, remaining: 0 });
    } finally {
      await saveMailingSettings(db(), { frequencyCap: null });
    }
    const rows = await deliveryRows(db(), seeded.stageId);
    expect(rows.find((row) => row.contactId === capped.id)).toMatchObject({ state: 'SKIPPED', reason: 'frequency cap: already 1 campaign message(s) in the last 7 day(s)' });
    expect(rows.find((row) => row.contactId === old.id)).toMatchObject({ state: 'SENT' });
    expect(rows.find((row) => row.contactId === fresh.id)).toMatchObject({ state: 'SENT' });
    expect((await stageMail(seeded.stageId)).map((mail) => mail.to[0]).sort()).toEqual([emails[1], emails[2]].sort());
  });

  test('when a send window is closed in a recipient’s time zone then it waits PENDING, the counts show it waiting, and nextAttemptAt is its next opening', async () => {
    const window = { days: [1, 2, 3, 4, 5, 6, 7], start: '09:00', end: '17:00' };
    // Fixed-offset zones (no DST): one where it is now mid-afternoon, one where it is night.
    const now = DateTime.utc();
    const zoneWhere = (test: (hour: number) => boolean) => {
      for (let offset = -12; offset <= 14; offset++) {
        const zone = offset === 0 ? 'Etc/GMT' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
        if (test(now.setZone(zone).hour)) return zone;
      }
      throw new Error('no such zone');
    };
    const openZone = zoneWhere((hour) => hour >= 10 && hour <= 15);
    const closedZone = zoneWhere((hour) => hour >= 18 || hour <= 7);
    const emails = addresses(2);
    const seeded = await seedMailingCampaign(
      db(),
      [
        { email: emails[0], contactTimeZone: openZone, accountTimeZone: closedZone },
        // No zone of its own: its account's applies.
        { email: emails[1], contactTimeZone: null, accountTimeZone: closedZone },
      ],
      { sendWindow: window },
    );
    const activities = mailingActivities(db(), mailer);
    await inActivity(() => activities.prepareMailing(input(seeded)));

    const result = await inActivity(() => activities.sendMailingBatch(input(seeded)));
    const local = DateTime.now().setZone(closedZone);
    const opening = local.startOf('day').plus({ days: local.hour >= 17 ? 1 : 0 }).set({ hour: 9 });
    expect(result).toEqual({ sent: 1, failed: 0, skipped: 0, deferred: 0, remaining: 1, nextAttemptAt: opening.toUTC().toISO(), stoppedBecause: null });
    expect((await stageMail(seeded.stageId)).map((mail) => mail.to[0])).toEqual([emails[0]]);
    expect(await countMailingStage(db(), seeded.stageId, window)).toMatchObject({ recipients: 2, pending: 1, sent: 1, waitingForSendWindow: 1 });
    expect(await countMailingStage(db(), seeded.stageId)).toMatchObject({ waitingForSendWindow: 0 });

    // Another batch before the opening sends nothing and answers the same time.
    expect(await inActivity(() => activities.sendMailingBatch(input(seeded)))).toMatchObject({ sent: 0, remaining: 1, nextAttemptAt: opening.toUTC().toISO() });
  });

  test('when the SMTP server refuses an address (550) it fails and the contact is marked bounced; 451 and 421 are retried after a back-off until sent; remaining is never 0 while one is pending', async () => {
    const tag = uniqueTag();
    const emails = { ok: `ok.${tag}@example.com`, bounce: `bounce+${tag}@example.com`, defer: `defer2+${tag}@example.com`, throttle: `throttle1+${tag}@example.com`, never: `defer9+${tag}@example.com` };
    const seeded = await seedMailingCampaign(db(), Object.values(emails).map((email) => ({ email })));
    const contactOf = (email: string) => seeded.contacts.find((contact) => contact.email === email)!.id;
    const activities = mailingActivities(db(), mailer, { retryDelayMs: () => 150, maxAttempts: 3 });
    await inActivity(() => activities.prepareMailing(input(seeded)));

    const first = await inActivity(() => activities.sendMailingBatch(input(seeded)));
    // nodemailer's pool itself retries a message refused with 421 on a reused connection, over a
    // new one: the throttled message may be sent at once, or come back to us as deferred.
    expect(first).toMatchObject({ failed: 1, stoppedBecause: null });
    expect(first.sent + first.deferred).toBe(4);
    expect(first.remaining).toBe(first.deferred);
    expect(first.nextAttemptAt).not.toBeNull();
    const afterFirst = await deliveryRows(db(), seeded.stageId);
    expect(afterFirst.find((row) => row.contactId === contactOf(emails.bounce))).toMatchObject({ state: 'FAILED', attempts: 1, reason: expect.stringContaining('550') });
    expect(afterFirst.find((row) => row.contactId === contactOf(emails.defer))).toMatchObject({ state: 'PENDING', attempts: 1, reason: expect.stringContaining('451'), nextAttemptAt: expect.any(Date) });
    const throttled = afterFirst.find((row) => row.contactId === contactOf(emails.throttle))!;
    if (throttled.state === 'PENDING') expect(throttled.reason).toContain('421');
    else expect(throttled.state).toBe('SENT');
    expect((await db().contact.findUniqueOrThrow({ where: { id: contactOf(emails.bounce) } })).bouncedAt).not.toBeNull();
    expect((await db().contact.findUniqueOrThrow({ where: { id: contactOf(emails.ok) } })).bouncedAt).toBeNull();

    const results = [first, ...(await runUntilDone(activities, seeded))];
    for (const result of results.slice(0, -1)) expect(result.remaining).toBeGreaterThan(0);
    expect(results.at(-1)!.remaining).toBe(0);
    expect(await pendingOrSending(seeded.stageId)).toBe(0);

    const rows = await deliveryRows(db(), seeded.stageId);
    expect(rows.find((row) => row.contactId === contactOf(emails.defer))).toMatchObject({ state: 'SENT', attempts: 3, reason: null });
    expect(rows.find((row) => row.contactId === contactOf(emails.throttle))).toMatchObject({ state: 'SENT', reason: null });
    expect(rows.find((row) => row.contactId === contactOf(emails.never))).toMatchObject({ state: 'FAILED', attempts: 3, reason: expect.stringMatching(/^gave up after 3 attempts: .*451/) });
    const mail = await stageMail(seeded.stageId);
    expect(mail.map((message) => message.to[0]).sort()).toEqual([emails.ok, emails.defer, emails.throttle].sort());
  });

  test('when the SMTP server cannot be reached then a few sends are deferred, the batch stops early, puts the rest back and asks to be run again later', async () => {
    const seeded = await seedMailingCampaign(db(), addresses(12).map((email) => ({ email })));
    const unreachable = createMailer('smtp://127.0.0.1:1', 'CRM test <crm@test>', { maxConnections: 2 });
    try {
      const activities = mailingActivities(db(), unreachable, { connectionFailuresToStop: 3, smtpDownPauseMs: 30_000 });
      await inActivity(() => activities.prepareMailing(input(seeded)));
      const before = Date.now();
      const result = await inActivity(() => activities.sendMailingBatch(input(seeded)));
      expect(result).toMatchObject({ sent: 0, failed: 0, skipped: 0, remaining: 12, stoppedBecause: null });
      expect(result.deferred).toBeGreaterThanOrEqual(3);
      // The third failure stops the batch; the other senders' sends already under way fail too.
      expect(result.deferred).toBeLessThanOrEqual(3 + 2 * SENDERS_PER_CONNECTION - 1);
      expect(Date.parse(result.nextAttemptAt!)).toBeGreaterThanOrEqual(before + 30_000);
      const rows = await deliveryRows(db(), seeded.stageId);
      expect(rows.every((row) => row.state === 'PENDING')).toBe(true);
      const tried = rows.filter((row) => row.attempts === 1);
      expect(tried).toHaveLength(result.deferred);
      expect(tried.every((row) => row.reason?.startsWith('SMTP connection failed') && row.nextAttemptAt !== null)).toBe(true);
      expect(rows.filter((row) => row.attempts === 0).every((row) => row.reason === null && row.nextAttemptAt === null && row.claimedAt === null)).toBe(true);
    } finally {
      unreachable.close();
    }
  });

  test('when the campaign is paused the batch stops and sends nothing; when cancelled it ends, and cancelMailing cancels what was not sent', async () => {
    const seeded = await seedMailingCampaign(db(), addresses(4).map((email) => ({ email })));
    const activities = mailingActivities(db(), mailer, { chunkSize: 2, batchRecipients: 2 });
    await inActivity(() => activities.prepareMailing(input(seeded)));
    expect(await inActivity(() => activities.sendMailingBatch(input(seeded)))).toMatchObject({ sent: 2, remaining: 2 });

    await db().campaign.update({ where: { id: seeded.campaignId }, data: { status: 'PAUSED' } });
    expect(await inActivity(() => activities.sendMailingBatch(input(seeded)))).toEqual({ sent: 0, failed: 0, skipped: 0, deferred: 0, remaining: 2, nextAttemptAt: null, stoppedBecause: 'paused' });
    await db().campaign.update({ where: { id: seeded.campaignId }, data: { status: 'CANCELLED' } });
    expect(await inActivity(() => activities.sendMailingBatch(input(seeded)))).toMatchObject({ sent: 0, remaining: 2, stoppedBecause: 'ended' });
    expect(await stageMail(seeded.stageId)).toHaveLength(2);

    expect(await inActivity(() => activities.cancelMailing({ stageId: seeded.stageId }))).toEqual({ cancelled: 2 });
    expect(await inActivity(() => activities.cancelMailing({ stageId: seeded.stageId }))).toEqual({ cancelled: 2 });
    expect(await countMailingStage(db(), seeded.stageId)).toMatchObject({ sent: 2, cancelled: 2, pending: 0 });
  });

  test('when the stage is not a MAILING stage of that campaign then the activities fail without retry', async () => {
    const seeded = await seedMailingCampaign(db(), []);
    const other = await seedMailingCampaign(db(), []);
    // Wrapped as the worker registers them: the AppError they throw becomes a non-retryable failure of its code.
    const activities = withActivityFailures(mailingActivities(db(), mailer));
    await expect(inActivity(() => activities.prepareMailing({ campaignId: other.campaignId, stageId: seeded.stageId }))).rejects.toMatchObject({ nonRetryable: true, type: 'NOT_FOUND' });
    await expect(inActivity(() => activities.sendMailingBatch({ campaignId: other.campaignId, stageId: seeded.stageId }))).rejects.toMatchObject({ nonRetryable: true, type: 'NOT_FOUND' });
  });
});

async function tokenFor(seeded: SeededCampaign, contactId: string): Promise<string> {
  return signUnsubscribeToken(await unsubscribeSecret(db()), { contactId, campaignId: seeded.campaignId });
}

async function eventuallyTrue(condition: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
