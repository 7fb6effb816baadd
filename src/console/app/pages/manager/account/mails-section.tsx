import { formatDateTime } from '../../../format';
import { msg, t } from '../../../i18n/i18n';
import { href } from '../../../router';
import type { AccountMail } from './customer-view-types';
import { SectionCard, useAccountSection } from './section-card';

const statusWords: Record<AccountMail['status'], { label: string; badge: string }> = {
  QUEUED: { label: msg('Waiting to be sent'), badge: 'pending' },
  SENT: { label: msg('Sent'), badge: 'delivered' },
  SKIPPED: { label: msg('Not sent'), badge: 'paused' },
  BOUNCED: { label: msg('Bounced'), badge: 'failed' },
  FAILED: { label: msg('Sending failed'), badge: 'failed' },
  CANCELLED: { label: msg('Cancelled before sending'), badge: 'cancelled' },
};

/** The mailing's own reasons for not sending (activities/campaign/mailing/delivery-queries.ts), in words. */
const skipReasons: Record<string, string> = {
  unsubscribed: msg('the contact had unsubscribed'),
  bounced: msg('an earlier mail to this address bounced'),
  'do-not-contact': msg('the contact is marked do-not-contact'),
  'no e-mail address': msg('the contact has no e-mail address'),
  'not a valid e-mail address': msg('the e-mail address is not valid'),
  'the account is archived': msg('the account is archived'),
  'the contact no longer exists': msg('the contact no longer exists'),
  'the campaign was cancelled': msg('the campaign was cancelled'),
};

/** The event messages' own keys (activities/outbox/compose-event-email.ts) when no template of that key names them. */
const eventMessages: Record<string, string> = {
  'event.confirmation': msg('Registration confirmed'),
  'event.waiting': msg('On the waiting list'),
  'event.promoted': msg('A seat became free'),
  'event.reminder': msg('Reminder before the event'),
  'event.cancelled': msg('The event is cancelled'),
};

function reasonInWords(mail: AccountMail): string | null {
  if (!mail.reason) return null;
  if (skipReasons[mail.reason]) return t(skipReasons[mail.reason]);
  if (mail.reason.startsWith('frequency cap')) return t('the contact already got as many campaign mails as the frequency cap allows');
  if (mail.status === 'BOUNCED') return t('the mail server refused the address ({answer})', { answer: mail.reason.replace(/^refused by the SMTP server: /, '') });
  return mail.reason;
}

/** Mails meant for the account's contacts, latest first, each with what became of it. */
export function MailsSection({ accountId }: { accountId: string }) {
  const list = useAccountSection<AccountMail>(accountId, 'mails');
  return (
    <SectionCard id="account-mails" title={t('Mails')} list={list} empty={t('No mail was sent to the contacts yet.')} errorTitle={t('Could not load the mails')}>
      <ul class="plain-list">
        {list.items.map((mail) => (
          <MailItem key={mail.id} mail={mail} />
        ))}
      </ul>
    </SectionCard>
  );
}

function MailItem({ mail }: { mail: AccountMail }) {
  const status = statusWords[mail.status];
  const reason = reasonInWords(mail);
  return (
    <li>
      <span class={`badge badge-${status.badge}`}>{t(status.label)}</span>{' '}
      <strong>{mail.template && eventMessages[mail.template] ? t(eventMessages[mail.template]) : (mail.template ?? t('A mail'))}</strong>
      {mail.contactName && <> {t('to {name}', { name: mail.contactName })}</>}
      <div class="task-meta">
        <time dateTime={mail.at}>{formatDateTime(mail.at)}</time>
        <MailOrigin mail={mail} />
      </div>
      {reason && <p class="muted">{t('Why: {reason}', { reason })}</p>}
      {mail.unsubscribedAt && <p class="muted">{t('Unsubscribed with this campaign’s link on {date}', { date: formatDateTime(mail.unsubscribedAt) })}</p>}
    </li>
  );
}

function MailOrigin({ mail }: { mail: AccountMail }) {
  if (mail.kind === 'CAMPAIGN' && mail.campaignId) {
    return (
      <span>
        {t('Campaign')} <a href={href(`/campaigns/${mail.campaignId}`)}>{mail.campaignName}</a>
        {mail.stageName && `, ${mail.stageName}`}
      </span>
    );
  }
  if (mail.kind === 'EVENT' && mail.eventId) {
    return (
      <span>
        {t('Event')} <a href={href(`/events/${mail.eventId}`)}>{mail.eventName}</a>
      </span>
    );
  }
  return <span>{t('Sent by a rule')}</span>;
}
