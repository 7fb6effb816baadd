import { formatDate } from '../../../format';
import { msg, t, tp } from '../../../i18n/i18n';
import type { KeyContact } from './customer-view-types';
import { SectionCard, useAccountSection } from './section-card';

const unreachable: Record<NonNullable<KeyContact['unreachableReason']>, string> = {
  DO_NOT_CONTACT: msg('Do not contact'),
  UNSUBSCRIBED: msg('Unsubscribed'),
  BOUNCED: msg('Bounced'),
};

/** What the contact did with us, counted: "2 activities, 1 response, 1 event attended". */
function engagement(contact: KeyContact): string {
  const parts = [
    contact.activities > 0 && tp(contact.activities, '{count} activity', '{count} activities'),
    contact.responses > 0 && tp(contact.responses, '{count} response', '{count} responses'),
    contact.eventsAttended > 0 && tp(contact.eventsAttended, '{count} event attended', '{count} events attended'),
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : t('no interaction yet');
}

/** The people who matter at this account: the primary contact, then who engaged last and most. */
export function KeyContactsSection({ accountId }: { accountId: string }) {
  const list = useAccountSection<KeyContact>(accountId, 'key-contacts');
  return (
    <SectionCard id="account-key-contacts" title={t('Key contacts')} list={list} empty={t('No contact yet.')} errorTitle={t('Could not load the key contacts')}>
      <p class="muted">{t('The primary contact first, then who engaged with you last and most.')}</p>
      <ol class="plain-list">
        {list.items.map((contact) => (
          <li key={contact.contactId}>
            <strong>{contact.name}</strong>
            {contact.isPrimary && <span class="badge" style={{ marginLeft: '0.5rem' }}>{t('Primary')}</span>}
            {contact.unreachableReason && <span class="badge badge-refused" style={{ marginLeft: '0.5rem' }}>{t(unreachable[contact.unreachableReason])}</span>}
            {contact.title && <span class="muted"> — {contact.title}</span>}
            <div class="task-meta">
              <span>{engagement(contact)}</span>
              {contact.lastInteractionAt && <span>{t('last on {date}', { date: formatDate(contact.lastInteractionAt) })}</span>}
              {contact.phone && <a href={`tel:${contact.phone}`}>{contact.phone}</a>}
            </div>
          </li>
        ))}
      </ol>
    </SectionCard>
  );
}
