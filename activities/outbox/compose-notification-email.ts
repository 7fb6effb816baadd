import type { OutgoingMail } from '../../src/mail/mailer';

export interface NotificationToEmail {
  id: string;
  message: string;
  accountId: string | null;
  why: unknown;
  recipient: { email: string; name: string };
}

/** A notification's e-mail to its recipient, with why it was sent and links to what it is about. */
export function composeNotificationEmail(notification: NotificationToEmail, publicUrl: string, mailDomain: string): OutgoingMail {
  const why = (notification.why ?? {}) as { trigger?: string; ruleKey?: string; ruleVersion?: number; campaignId?: string };
  return {
    to: notification.recipient.email,
    subject: `CRM: ${notification.message}`,
    messageId: `<notification-${notification.id}@${mailDomain}>`,
    text: [
      `Hello ${notification.recipient.name},`,
      '',
      notification.message,
      '',
      why.ruleKey ? `Why: ${why.trigger ?? ''} (rule ${why.ruleKey} v${why.ruleVersion})` : `Why: ${why.trigger ?? ''}`,
      notification.accountId ? `Account: ${publicUrl}/api/v1/accounts/${notification.accountId}` : '',
      why.campaignId ? `Campaign: ${publicUrl}/api/v1/campaigns/${why.campaignId}` : '',
    ].join('\n'),
  };
}
