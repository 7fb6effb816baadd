import { AppError } from '../../src/errors/app-error';
import type { Mailer, OutgoingMail } from '../../src/mail/mailer';
import type { ActivityDependencies } from '../dependencies';
import type { Prisma } from '../../src/generated/prisma/client';
import { classifySendFailure } from '../../src/mail/smtp-failure';
import { composeEventEmail } from './compose-event-email';
import { composeNotificationEmail } from './compose-notification-email';
import { composeRuleEmail, type Composed } from './compose-rule-email';
import { composeSignInLinkEmail } from './compose-sign-in-link-email';

export interface OutboxDelivery {
  sent: number;
  /** Never sendable: no template, no address, or the SMTP server refused it for good (5xx). */
  skipped: number;
}

const rowSelect = {
  id: true,
  kind: true,
  templateKey: true,
  accountId: true,
  recipientKind: true,
  signInLinkId: true,
  secret: true,
  eventId: true,
  eventRegistrationId: true,
  notification: { select: { id: true, message: true, accountId: true, why: true, recipient: { select: { email: true, name: true } } } },
} as const;

/**
 * Sends outbox rows that are not sent yet, each marked once sent (or skipped with the reason).
 * A crash between a send and its mark resends it with the same Message-ID, which receivers drop.
 * SMTP failures are classified as campaign mailings classify them (src/mail/smtp-failure.ts): a
 * 5xx answer is final and recorded; anything transient (4xx, connection refused) is counted on the
 * row and makes the whole delivery fail as SERVICE_UNAVAILABLE, so its activity retries later.
 */
export async function deliverOutbox({ db, mailer, publicUrl }: ActivityDependencies, emailIds: readonly string[]): Promise<OutboxDelivery> {
  const delivery = { sent: 0, skipped: 0 };
  if (!emailIds.length) return delivery;
  const rows = await db.outboundEmail.findMany({
    where: { id: { in: [...emailIds] }, sentAt: null, skippedReason: null },
    select: rowSelect,
    orderBy: [{ createdAt: 'asc' }, { dedupeKey: 'asc' }],
  });
  const mailDomain = new URL(publicUrl).hostname;
  let transient: string | undefined;
  for (const row of rows) {
    const composed = await compose(db, row, publicUrl, mailDomain);
    if ('skip' in composed) {
      await db.outboundEmail.update({ where: { id: row.id }, data: { skippedReason: composed.skip, secret: null } });
      delivery.skipped++;
      continue;
    }
    const outcome = await send(mailer, composed.mail);
    if (outcome === 'sent') {
      // A sign-in link's token is kept only until its e-mail has gone (or never can). The mark does not
      // wait for its flush to disk: lost in a crash, the e-mail is sent again with the same Message-ID,
      // as after a crash between the send and the mark, and receivers drop the copy.
      await db.$executeRaw`
        UPDATE outbound_emails SET recipient_email = ${composed.mail.to}, sent_at = ${new Date()}, secret = NULL
        FROM (SELECT set_config('synchronous_commit', 'off', true)) unflushed WHERE id = CAST(${row.id} AS uuid)`;
      delivery.sent++;
    } else if (outcome.permanent) {
      await db.outboundEmail.update({ where: { id: row.id }, data: { recipientEmail: composed.mail.to, skippedReason: outcome.reason, lastError: outcome.reason, secret: null } });
      delivery.skipped++;
    } else {
      await db.outboundEmail.update({ where: { id: row.id }, data: { failedAttempts: { increment: 1 }, lastError: outcome.reason } });
      transient = outcome.reason;
      // The server is unreachable: the other rows would fail the same way.
      if (outcome.unreachable) break;
    }
  }
  if (transient) throw new AppError('SERVICE_UNAVAILABLE', `E-mails wait for the SMTP server: ${transient}`);
  return delivery;
}

type OutboxRow = Prisma.OutboundEmailGetPayload<{ select: typeof rowSelect }>;

function compose(db: ActivityDependencies['db'], row: OutboxRow, publicUrl: string, mailDomain: string): Promise<Composed> | Composed {
  switch (row.kind) {
    case 'NOTIFICATION':
      return row.notification ? { mail: composeNotificationEmail(row.notification, publicUrl, mailDomain) } : { skip: 'the notification no longer exists' };
    case 'SIGN_IN_LINK':
      return composeSignInLinkEmail(db, row, publicUrl, mailDomain);
    case 'EVENT_EMAIL':
      return composeEventEmail(db, row, publicUrl, mailDomain);
    default:
      return composeRuleEmail(db, row, mailDomain);
  }
}

async function send(mailer: Mailer, mail: OutgoingMail): Promise<'sent' | { permanent: boolean; unreachable: boolean; reason: string }> {
  try {
    await mailer.send(mail);
    return 'sent';
  } catch (error) {
    const failure = classifySendFailure(error);
    return failure.kind === 'permanent'
      ? { permanent: true, unreachable: false, reason: failure.reason }
      : { permanent: false, unreachable: failure.connectionError, reason: failure.reason };
  }
}
