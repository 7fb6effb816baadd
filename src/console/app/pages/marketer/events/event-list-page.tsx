import { StatusBadge } from '../../../components/badge';
import { LoadMore } from '../../../components/load-more';
import { Empty, ErrorNotice, Loading } from '../../../components/notices';
import { StatusTextFilter, useStatusTextFilter } from '../../../components/status-text-filter';
import { formatNumber } from '../../../format';
import { href } from '../../../router';
import { currentUser } from '../../../session';
import { useSignal } from '../../../signal';
import { usePagedList } from '../../../use-paged-list';
import '../marketer.css';
import { eventStatuses, mayPlanEvents, type EventSummary } from './event-model';
import './events.css';
import { formatInZone } from './zoned-time';
import { t } from '../../../i18n/i18n';

/** /events: every event, soonest first as the API lists them, filtered by status and text. */
export function EventListPage() {
  const me = useSignal(currentUser);
  const filter = useStatusTextFilter();
  const list = usePagedList<EventSummary>('/events', { status: filter.status || undefined, q: filter.q || undefined, limit: 50 });
  const { first, items } = list;
  return (
    <section>
      <div class="page-head">
        <h1>{t('Events')}</h1>
        <div class="actions">
          <a href={href('/resources')}>{t('Resource catalog')}</a>
          <a href={href('/event-measures')}>{t('Event measures')}</a>
          {mayPlanEvents(me?.role) && (
            <a class="button-link" href={href('/events/new')}>
              {t('New event')}</a>
          )}
        </div>
      </div>
      <StatusTextFilter label={t('Filter events')} statuses={eventStatuses} textLabel={t('Name, kind or venue contains')} filter={filter} />
      <ErrorNotice error={first.error} title={t('The events could not be loaded')} />
      {first.loading && !first.data && <Loading />}
      {first.data && items.length === 0 && <Empty>{t('No event matches.')}</Empty>}
      {items.length > 0 && (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('Event')}</th>
                <th scope="col">{t('Status')}</th>
                <th scope="col">{t('Starts')}</th>
                <th scope="col" class="number">
                  {t('Registered')}</th>
                <th scope="col" class="number">
                  {t('Waiting')}</th>
                <th scope="col" class="number">
                  {t('Attended')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((event) => (
                <tr key={event.id}>
                  <td>
                    <a href={href(`/events/${event.id}`)}>{event.name}</a>
                    <div class="muted">
                      {event.kind}
                      {event.venue ? ` · ${event.venue}` : ''}
                      {event.campaignName ? ` · ${event.campaignName}` : ''}
                    </div>
                  </td>
                  <td>
                    <StatusBadge status={event.status} />
                  </td>
                  <td>{event.startsAt ? `${formatInZone(event.startsAt, event.timeZone)} (${event.timeZone})` : '—'}</td>
                  <td class="number">
                    {formatNumber(event.counts.registered)}
                    {event.capacity !== null && <span class="muted"> / {formatNumber(event.capacity)}</span>}
                  </td>
                  <td class="number">{formatNumber(event.counts.waiting)}</td>
                  <td class="number">{formatNumber(event.counts.attended)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <LoadMore list={list} label={t('Show more events')} errorTitle={t('More events could not be loaded')} />
    </section>
  );
}
