import type { Db } from '../../src/db/prisma';
import type { Mailer } from '../../src/mail/mailer';

/**
 * E-mails notifications after their transaction committed. Each one is marked once sent; a
 * crash between the send and the mark resends it with the same Message-ID, which receivers drop.
 */
export async function deliverNotifications(db: Db, mailer: Mailer, publicUrl: string, notificationIds: string[]): Promise<void> {
  if (!notificationIds.length) return;
  const pending = await db.notification.findMany({
    where: { id: { in: notificationIds }, emailedAt: null },
    select: { id: true, message: true, accountId: true, why: true, recipient: { select: { email: true, name: true } } },
  });
  const domain = new URL(publicUrl).hostname;
  for (const notification of pending) {
    const why = notification.why as { trigger?: string; ruleKey?: string; ruleVersion?: number; campaignId?: string };
    await mailer.send({
      to: notification.recipient.email,
      subject: `CRM: ${notification.message}`,
      messageId: `<notification-${notification.id}@${domain}>`,
      text: [
        `Hello ${notification.recipient.name},`,
        '',
        notification.message,
        '',
        why.ruleKey ? `Why: ${why.trigger ?? ''} (rule ${why.ruleKey} v${why.ruleVersion})` : `Why: ${why.trigger ?? ''}`,
        notification.accountId ? `Account: ${publicUrl}/api/v1/accounts/${notification.accountId}` : '',
        why.campaignId ? `Campaign: ${publicUrl}/api/v1/campaigns/${why.campaignId}` : '',
      ].join('\n'),
    });
    await db.notification.update({ where: { id: notification.id }, data: { emailedAt: new Date() } });
  }
}
