import { Client, Connection } from '@temporalio/client';
import { deliverOutbox } from '../../activities/outbox/deliver-outbox';
import { createMailer } from '../../src/mail/mailer';
import { hashToken, randomToken } from '../../src/sessions/session-token';
import { requestEmailLink } from '../../src/sign-in/request-email-link';
import type { TemporalDeps } from '../../src/temporal/temporal-deps';
import { receivedMail } from '../support/mailbox';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { testService } from '../support/test-services';

// The outbox's side of a sign-in link, activity by activity: what it sends, skips, and keeps.
let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.drop());

const publicUrl = 'http://crm.test';

async function linkEmail(expiresInMs: number) {
  const user = await database.db.user.create({ data: { email: `delivery-${Date.now()}-${Math.random()}@example.com`, name: 'Dee Livery', role: 'manager' } });
  const token = randomToken();
  const link = await database.db.signInLink.create({ data: { userId: user.id, tokenHash: hashToken(token), expiresAt: new Date(Date.now() + expiresInMs) } });
  const row = await database.db.outboundEmail.create({ data: { dedupeKey: `sign-in-link:${link.id}`, kind: 'SIGN_IN_LINK', signInLinkId: link.id, secret: token, why: {} } });
  return { user, token, link, row };
}

test('a link that expired before it could be sent is skipped without SMTP, and its token erased', async () => {
  const { user, row } = await linkEmail(-1_000);
  const mailer = createMailer('smtp://127.0.0.1:9', 'CRM <crm@test>');
  try {
    await expect(deliverOutbox({ db: database.db, mailer, publicUrl }, [row.id])).resolves.toEqual({ sent: 0, skipped: 1 });
  } finally {
    mailer.close();
  }
  expect(await database.db.outboundEmail.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ secret: null, sentAt: null, skippedReason: 'the link expired before it could be sent' });
  expect((await receivedMail()).some((mail) => mail.to.includes(user.email))).toBe(false);
});

test('while SMTP is unreachable the token stays for the retry; once sent it is erased', async () => {
  const { user, token, row } = await linkEmail(15 * 60_000);
  const down = createMailer('smtp://127.0.0.1:9', 'CRM <crm@test>');
  try {
    await expect(deliverOutbox({ db: database.db, mailer: down, publicUrl }, [row.id])).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
  } finally {
    down.close();
  }
  expect(await database.db.outboundEmail.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ secret: token, sentAt: null, failedAttempts: 1 });

  const up = createMailer(testService('smtpUrl'), 'CRM <crm@test>');
  try {
    await expect(deliverOutbox({ db: database.db, mailer: up, publicUrl }, [row.id])).resolves.toEqual({ sent: 1, skipped: 0 });
  } finally {
    up.close();
  }
  expect(await database.db.outboundEmail.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ secret: null, sentAt: expect.any(Date) });
  const mail = (await receivedMail()).find((message) => message.to.includes(user.email))!;
  expect(mail.subject).toBe('Your CRM sign-in link');
  expect(mail.messageId).toBe(`<sign-in-link-${row.id}@crm.test>`);
  expect(mail.text).toContain(`${publicUrl}/auth/email-link/${token}`);
  expect(mail.text).toContain('Hello Dee Livery');
});

test('a link already used, or of a user deactivated since, is not sent', async () => {
  const used = await linkEmail(15 * 60_000);
  await database.db.signInLink.update({ where: { id: used.link.id }, data: { usedAt: new Date() } });
  const deactivated = await linkEmail(15 * 60_000);
  await database.db.user.update({ where: { id: deactivated.user.id }, data: { deactivatedAt: new Date() } });
  const mailer = createMailer(testService('smtpUrl'), 'CRM <crm@test>');
  try {
    await expect(deliverOutbox({ db: database.db, mailer, publicUrl }, [used.row.id, deactivated.row.id])).resolves.toEqual({ sent: 0, skipped: 2 });
  } finally {
    mailer.close();
  }
  const rows = await database.db.outboundEmail.findMany({ where: { id: { in: [used.row.id, deactivated.row.id] } }, orderBy: { createdAt: 'asc' } });
  expect(rows.map((row) => [row.secret, row.skippedReason])).toEqual([
    [null, 'the link was already used'],
    [null, 'the user is deactivated'],
  ]);
});

test('when Temporal refuses to start the delivery, neither the link nor its token is left behind', async () => {
  const user = await database.db.user.create({ data: { email: `no-temporal-${Date.now()}@example.com`, name: 'No Temporal', role: 'manager' } });
  // A Temporal server that is not there: the start fails as in an outage.
  const connection = Connection.lazy({ address: '127.0.0.1:9', connectTimeout: '1s' });
  const unavailable: TemporalDeps = { client: new Client({ connection }), taskQueue: 'nowhere' };
  // Within a deadline of 2 s, or the client would retry for its default time.
  await expect(connection.withDeadline(Date.now() + 2_000, () => requestEmailLink({ db: database.db, temporal: unavailable }, { email: user.email, linkTtlMs: 60_000 }))).rejects.toThrow();
  await connection.close();
  expect(await database.db.signInLink.count({ where: { userId: user.id } })).toBe(0);
  expect(await database.db.outboundEmail.count({ where: { kind: 'SIGN_IN_LINK', secret: { not: null } } })).toBe(0);
});
