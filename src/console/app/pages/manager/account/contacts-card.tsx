import { Empty } from '../../../components/notices';
import type { AccountPage } from './account-types';
import { t } from '../../../i18n/i18n';

export function ContactsCard({ contacts }: { contacts: AccountPage['contacts'] }) {
  return (
    <section class="card" aria-labelledby="contacts-heading">
      <h2 id="contacts-heading">{t('Contacts ({length})', { length: contacts.length })}</h2>
      {contacts.length === 0 ? (
        <Empty>{t('No contact yet.')}</Empty>
      ) : (
        <ul class="plain-list">
          {contacts.map((contact) => (
            <li key={contact.id}>
              <strong>{contact.name}</strong>
              {contact.isPrimary && <span class="badge" style={{ marginLeft: '0.5rem' }}>{t('Primary')}</span>}
              {contact.title && <span class="muted"> — {contact.title}</span>}
              <div class="task-meta">
                {contact.email && <a href={`mailto:${contact.email}`}>{contact.email}</a>}
                {contact.phone && <a href={`tel:${contact.phone}`}>{contact.phone}</a>}
                {(contact.doNotContact || contact.unsubscribedAt || contact.bouncedAt) && (
                  <span class="badge badge-refused">{contact.doNotContact ? t('Do not contact') : contact.unsubscribedAt ? t('Unsubscribed') : t('Bounced')}</span>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
