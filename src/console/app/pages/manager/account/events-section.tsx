import { formatDate, formatDateTime } from '../../../format';
import { t } from '../../../i18n/i18n';
import { href } from '../../../router';
import type { AccountEventRegistration } from './customer-view-types';
import { SectionCard, useAccountSection } from './section-card';

/** Where the registration stands, in words: attended, did not come, waiting, cancelled, or registered. */
function standing(registration: AccountEventRegistration): { text: string; badge: string } {
  if (registration.attended) return { text: t('Attended'), badge: 'delivered' };
  if (registration.noShow) return { text: t('Did not come'), badge: 'failed' };
  if (registration.status === 'CANCELLED') return { text: t('Registration cancelled'), badge: 'cancelled' };
  if (registration.status === 'WAITING') return { text: t('On the waiting list'), badge: 'paused' };
  return { text: t('Registered'), badge: 'scheduled' };
}

/** Events the account's contacts registered for, and whether they came. */
export function EventsSection({ accountId }: { accountId: string }) {
  const list = useAccountSection<AccountEventRegistration>(accountId, 'events');
  return (
    <SectionCard id="account-events" title={t('Events')} list={list} empty={t('Nobody of this account registered for an event yet.')} errorTitle={t('Could not load the events')}>
      <ul class="plain-list">
        {list.items.map((registration) => {
          const { text, badge } = standing(registration);
          return (
            <li key={registration.registrationId}>
              <a href={href(`/events/${registration.eventId}`)}>
                <strong>{registration.eventName}</strong>
              </a>{' '}
              <span class={`badge badge-${badge}`}>{text}</span>
              <div class="task-meta">
                {registration.startsAt && <span>{t('On {date}', { date: formatDate(registration.startsAt) })}</span>}
                <span>{registration.contactName ?? t('a contact no longer on file')}</span>
                <span>{t('registered {when}', { when: formatDateTime(registration.registeredAt) })}</span>
                {registration.checkedInAt && <span>{t('checked in {when}', { when: formatDateTime(registration.checkedInAt) })}</span>}
                {registration.invited && <span>{t('invited')}</span>}
              </div>
            </li>
          );
        })}
      </ul>
    </SectionCard>
  );
}
