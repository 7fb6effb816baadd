import { useState } from 'preact/hooks';
import { post } from '../../../api';
import { Empty, ErrorNotice, Loading } from '../../../components/notices';
import { formatNumber } from '../../../format';
import type { PageProps } from '../../../page-route';
import { href } from '../../../router';
import { useAction, useApi } from '../../../use-api';
import { usePagedList } from '../../../use-paged-list';
import type { EventView, RegistrationView } from './event-model';
import './events.css';
import { useDebounced } from '../../../use-debounced';
import { formatInZone, knownZone } from './zoned-time';
import { intlLocale, t } from '../../../i18n/i18n';

/** The time of day on the event's clock, where the door is. */
const timeIn = (iso: string, timeZone: string) => new Intl.DateTimeFormat(intlLocale(), { timeStyle: 'short', timeZone: knownZone(timeZone) }).format(new Date(iso));


/**
 * /events/:id/check-in, made for a phone at the door: search by name or e-mail, one tap per person.
 * Only people with a seat are listed (a waiting or cancelled registration cannot check in).
 */
export function CheckInPage({ params }: PageProps) {
  const eventId = params.id!;
  const event = useApi<EventView>(`/events/${eventId}`);
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const list = usePagedList<RegistrationView>(`/events/${eventId}/registrations`, { status: 'REGISTERED', q: q || undefined, limit: 50 });
  // Check-ins made here, shown at once without reloading the list under the user's thumb.
  const [checkedIn, setCheckedIn] = useState<Record<string, string>>({});
  const view = event.data;
  return (
    <section class="check-in">
      <p>
        <a href={href(`/events/${eventId}`)}>← {view?.name ?? t('The event')}</a>
      </p>
      <h1>{t('Check-in')}{view ? `: ${view.name}` : ''}</h1>
      <ErrorNotice error={event.error} title={t('The event could not be loaded')} />
      {view && (
        <p class="muted" role="status">
          {view.startsAt ? `${formatInZone(view.startsAt, view.timeZone)}. ` : ''}
          {t('{attended} of {registered} checked in.', { attended: formatNumber(view.counts.attended), registered: formatNumber(view.counts.registered) })}</p>
      )}
      <form role="search" aria-label={t('Find a registered person')} onSubmit={(submit) => submit.preventDefault()}>
        <label for="check-in-search" class="visually-hidden">
          {t('Name or e-mail')}</label>
        <input id="check-in-search" class="check-in-search" type="search" placeholder={t('Name or e-mail')} autoComplete="off" value={search} onInput={(change) => setSearch(change.currentTarget.value)} />
      </form>
      <ErrorNotice error={list.first.error} title={t('The registrations could not be loaded')} />
      {list.first.loading && !list.first.data && <Loading />}
      {list.first.data && list.items.length === 0 && <Empty>{q ? t('Nobody registered matches “{q}”.', { q }) : t('Nobody is registered yet.')}</Empty>}
      <ul class="check-in-list" aria-label={t('Registered people')}>
        {list.items.map((registration) => (
          <CheckInRow
            key={registration.id}
            eventId={eventId}
            timeZone={view?.timeZone ?? 'UTC'}
            registration={registration}
            checkedInAt={checkedIn[registration.id] ?? registration.checkedInAt}
            onCheckedIn={(answer) => {
              setCheckedIn((done) => ({ ...done, [answer.id]: answer.checkedInAt ?? new Date().toISOString() }));
              void event.reload();
            }}
          />
        ))}
      </ul>
      {list.hasMore && (
        <button type="button" class="check-in-more" onClick={() => void list.loadMore()} disabled={list.loadingMore}>
          {list.loadingMore ? t('Loading…') : t('Show more people')}
        </button>
      )}
    </section>
  );
}

function CheckInRow({ eventId, timeZone, registration, checkedInAt, onCheckedIn }: { eventId: string; timeZone: string; registration: RegistrationView; checkedInAt: string | null; onCheckedIn(answer: RegistrationView): void }) {
  const checkIn = useAction(() => post<RegistrationView>(`/events/${eventId}/registrations/${registration.id}/check-in`));
  return (
    <li class={`check-in-row${checkedInAt ? ' checked-in' : ''}`}>
      <div class="check-in-who">
        <strong>{registration.name}</strong>
        {registration.email && <span class="muted">{registration.email}</span>}
        {registration.accountName !== registration.name && <span class="muted">{registration.accountName}</span>}
        <ErrorNotice error={checkIn.error} title={t('Not checked in')} />
      </div>
      {checkedInAt ? (
        <span class="check-in-done" role="status">
          {t('✓ Checked in')}{' '}<span class="check-in-time">{timeIn(checkedInAt, timeZone)}</span>
        </span>
      ) : (
        <button
          type="button"
          class="primary check-in-button"
          aria-label={t('Check in {name}', { name: registration.name })}
          disabled={checkIn.busy}
          onClick={async () => {
            const answer = await checkIn.run();
            if (answer) onCheckedIn(answer);
          }}
        >
          {checkIn.busy ? t('Checking in…') : t('Check in')}
        </button>
      )}
    </li>
  );
}
