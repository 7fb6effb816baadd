import { useState } from 'preact/hooks';
import { api, post } from '../../../api';
import { Field } from '../../../components/field';
import { Empty, ErrorNotice, Loading, Notice } from '../../../components/notices';
import { formatNumber, humanize } from '../../../format';
import type { PageProps } from '../../../page-route';
import { href } from '../../../router';
import { currentUser } from '../../../session';
import { useSignal } from '../../../signal';
import { useAction, useApi } from '../../../use-api';
import '../marketer.css';
import { isChangeable, mayPlanEvents, type BookingView, type EventView, type ResourceView } from './event-model';
import { EventTabs } from './event-tabs';
import './events.css';
import { formatInZone } from './zoned-time';
import { t } from '../../../i18n/i18n';

/** /events/:id/resources: what the event has booked from the catalog for its time span; book more, or give one back. */
export function EventBookingsPage({ params }: PageProps) {
  const eventId = params.id!;
  const me = useSignal(currentUser);
  const event = useApi<EventView>(`/events/${eventId}`);
  const bookings = useApi<{ items: BookingView[] }>(`/events/${eventId}/bookings`);
  const [notice, setNotice] = useState<string>();
  const view = event.data;
  const planner = mayPlanEvents(me?.role) && !!view && isChangeable(view.status);
  const changed = (message: string) => {
    setNotice(message);
    void bookings.reload();
  };
  return (
    <section>
      <div class="page-head">
        <h1>{t('Resources')}{view ? `: ${view.name}` : ''}</h1>
        <div class="actions">
          <a href={href('/resources')}>{t('Resource catalog')}</a>
        </div>
      </div>
      <EventTabs eventId={eventId} />
      <ErrorNotice error={event.error} title={t('The event could not be loaded')} />
      {notice && <Notice kind="success">{notice}</Notice>}
      {view && <p class="muted">{view.startsAt ? t('Booked for {startsAt} – {endsAt} ({timeZone}); bookings move with the event.', { startsAt: formatInZone(view.startsAt, view.timeZone), endsAt: formatInZone(view.endsAt, view.timeZone), timeZone: view.timeZone }) : t('Give the event its dates before booking resources.')}</p>}
      <ErrorNotice error={bookings.error} title={t('The bookings could not be loaded')} />
      {bookings.loading && !bookings.data && <Loading />}
      {bookings.data && bookings.data.items.length === 0 && <Empty>{t('Nothing booked yet.')}</Empty>}
      {bookings.data && bookings.data.items.length > 0 && (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('Resource')}</th>
                <th scope="col">{t('Kind')}</th>
                <th scope="col" class="number">
                  {t('Quantity')}</th>
                <th scope="col">{t('Note')}</th>
                {planner && (
                  <th scope="col">
                    <span class="visually-hidden">{t('Action')}</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {bookings.data.items.map((booking) => (
                <BookingRow key={booking.id} booking={booking} planner={planner} onRemoved={() => changed(t('“{resourceName}” is no longer booked.', { resourceName: booking.resourceName }))} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {planner && view && <BookingForm event={view} onBooked={(booking) => changed(t('“{resourceName}” booked ({quantity}).', { resourceName: booking.resourceName, quantity: formatNumber(booking.quantity) }))} />}
    </section>
  );
}

function BookingRow({ booking, planner, onRemoved }: { booking: BookingView; planner: boolean; onRemoved(): void }) {
  const remove = useAction(async () => {
    await api<void>('DELETE', `/events/${booking.eventId}/bookings/${booking.id}`);
    return true;
  });
  return (
    <tr>
      <td>{booking.resourceName}</td>
      <td>{humanize(booking.kind)}</td>
      <td class="number">{formatNumber(booking.quantity)}</td>
      <td>{booking.note ?? '—'}</td>
      {planner && (
        <td>
          <button
            type="button"
            disabled={remove.busy}
            aria-label={t('Remove the booking of {resourceName}', { resourceName: booking.resourceName })}
            onClick={async () => {
              if (await remove.run()) onRemoved();
            }}
          >
            {t('Remove')}</button>
          <ErrorNotice error={remove.error} title={t('Not removed')} />
        </td>
      )}
    </tr>
  );
}

function BookingForm({ event, onBooked }: { event: EventView; onBooked(booking: BookingView): void }) {
  const catalog = useApi<{ items: ResourceView[] }>('/resources');
  const [resourceId, setResourceId] = useState('');
  const [quantity, setQuantity] = useState('1');
  const [note, setNote] = useState('');
  const chosen = catalog.data?.items.find((resource) => resource.id === resourceId);
  const units = chosen?.kind === 'FIXED' ? 1 : /^\d+$/.test(quantity) ? Number(quantity) : quantity;
  const book = useAction(() => post<BookingView>(`/events/${event.id}/bookings`, { resourceId, quantity: units, note: note.trim() || undefined }));
  async function submit(submitted: Event) {
    submitted.preventDefault();
    const booking = await book.run();
    if (booking) {
      setNote('');
      onBooked(booking);
      void catalog.reload();
    }
  }
  return (
    <form class="card booking-form" onSubmit={submit} noValidate aria-labelledby="book-heading">
      <h2 id="book-heading">{t('Book from the catalog')}</h2>
      <ErrorNotice error={catalog.error} title={t('The catalog could not be loaded')} />
      <ErrorNotice error={book.error} title={t('Not booked')} />
      <div class="row">
        <Field label={t('Resource')} error={book.error?.detailFor('body.resourceId')}>
          {(props) => (
            <select {...props} value={resourceId} onChange={(change) => setResourceId(change.currentTarget.value)}>
              <option value="">{t('Choose…')}</option>
              {catalog.data?.items.map((resource) => (
                <option key={resource.id} value={resource.id}>
                  {resource.name} ({humanize(resource.kind).toLowerCase()}
                  {resource.kind === 'FIXED' ? '' : resource.kind === 'CONSUMABLE' ? t(', {quantity} in stock', { quantity: formatNumber(resource.quantity) }) : t(', {quantity} owned', { quantity: formatNumber(resource.quantity) })})
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('Quantity')} error={book.error?.detailFor('body.quantity')}>
          {(props) => <input {...props} type="number" min={1} step={1} value={chosen?.kind === 'FIXED' ? '1' : quantity} disabled={chosen?.kind === 'FIXED'} onInput={(change) => setQuantity(change.currentTarget.value)} />}
        </Field>
        <Field label={t('Note')} hint={t('For the people preparing the event')} error={book.error?.detailFor('body.note')}>
          {(props) => <input {...props} value={note} maxLength={500} onInput={(change) => setNote(change.currentTarget.value)} />}
        </Field>
      </div>
      <button type="submit" class="primary" disabled={!resourceId || book.busy}>
        {book.busy ? t('Booking…') : t('Book')}
      </button>
    </form>
  );
}
