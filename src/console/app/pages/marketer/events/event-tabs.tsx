import { href, useLocation } from '../../../router';
import { msg, t } from '../../../i18n/i18n';

const tabs = [
  ['', msg('Plan')],
  ['/resources', msg('Resources')],
  ['/registrations', msg('Registrations')],
  ['/check-in', 'Check-in'],
  ['/report', msg('Report')],
] as const;

/** The pages of one event, linked from each of them. */
export function EventTabs({ eventId }: { eventId: string }) {
  const { path } = useLocation();
  return (
    <nav class="event-tabs" aria-label={t('Event pages')}>
      <ul>
        {tabs.map(([suffix, label]) => {
          const target = `/events/${eventId}${suffix}`;
          return (
            <li key={label}>
              <a href={href(target)} aria-current={path === target ? 'page' : undefined}>
                {t(label)}
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
