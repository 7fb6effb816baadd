import { href, useLocation } from '../../../router';

const tabs = [
  ['', 'Plan'],
  ['/resources', 'Resources'],
  ['/registrations', 'Registrations'],
  ['/check-in', 'Check-in'],
  ['/report', 'Report'],
] as const;

/** The pages of one event, linked from each of them. */
export function EventTabs({ eventId }: { eventId: string }) {
  const { path } = useLocation();
  return (
    <nav class="event-tabs" aria-label="Event pages">
      <ul>
        {tabs.map(([suffix, label]) => {
          const target = `/events/${eventId}${suffix}`;
          return (
            <li key={label}>
              <a href={href(target)} aria-current={path === target ? 'page' : undefined}>
                {label}
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
