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
        <h1>Resources{view ? `: ${view.name}` : ''}</h1>
        <div class="actions">
          <a href={href('/resources')}>Resource catalog</a>
        </div>
      </div>
      <EventTabs eventId={eventId} />
      <ErrorNotice error={event.error} title="The event could not be loaded" />
      {notice && <Notice kind="success">{notice}</Notice>}
      {view && <p class="muted">{view.startsAt ? `Booked for ${formatInZone(view.startsAt, view.timeZone)} – ${formatInZone(view.endsAt, view.timeZone)} (${view.timeZone}); bookings move with the event.` : 'Give the event its dates before booking resources.'}</p>}
      <ErrorNotice error={bookings.error} title="The bookings could not be loaded" />
      {bookings.loading && !bookings.data && <Loading />}
      {bookings.data && bookings.data.items.length === 0 && <Empty>Nothing booked yet.</Empty>}
      {bookings.data && bookings.data.items.length > 0 && (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Resource</th>
                <th scope="col">Kind</th>
                <th scope="col" class="number">
                  Quantity
                </th>
                <th scope="col">Note</th>
                {planner && (
                  <th scope="col">
                    <span class="visually-hidden">Action</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {bookings.data.items.map((booking) => (
                <BookingRow key={booking.id} booking={booking} planner={planner} onRemoved={() => changed(`“${booking.resourceName}” is no longer booked.`)} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {planner && view && <BookingForm event={view} onBooked={(booking) => changed(`“${booking.resourceName}” booked (${formatNumber(booking.quantity)}).`)} />}
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
            aria-label={`Remove the booking of ${booking.resourceName}`}
            onClick={async () => {
              if (await remove.run()) onRemoved();
            }}
          >
            Remove
          </button>
          <ErrorNotice error={remove.error} title="Not removed" />
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
      <h2 id="book-heading">Book from the catalog</h2>
      <ErrorNotice error={catalog.error} title="The catalog could not be loaded" />
      <ErrorNotice error={book.error} title="Not booked" />
      <div class="row">
        <Field label="Resource" error={book.error?.detailFor('body.resourceId')}>
          {(props) => (
            <select {...props} value={resourceId} onChange={(change) => setResourceId(change.currentTarget.value)}>
              <option value="">Choose…</option>
              {catalog.data?.items.map((resource) => (
                <option key={resource.id} value={resource.id}>
                  {resource.name} ({humanize(resource.kind).toLowerCase()}
                  {resource.kind === 'FIXED' ? '' : `, ${formatNumber(resource.quantity)} ${resource.kind === 'CONSUMABLE' ? 'in stock' : 'owned'}`})
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Quantity" error={book.error?.detailFor('body.quantity')}>
          {(props) => <input {...props} type="number" min={1} step={1} value={chosen?.kind === 'FIXED' ? '1' : quantity} disabled={chosen?.kind === 'FIXED'} onInput={(change) => setQuantity(change.currentTarget.value)} />}
        </Field>
        <Field label="Note" hint="For the people preparing the event" error={book.error?.detailFor('body.note')}>
          {(props) => <input {...props} value={note} maxLength={500} onInput={(change) => setNote(change.currentTarget.value)} />}
        </Field>
      </div>
      <button type="submit" class="primary" disabled={!resourceId || book.busy}>
        {book.busy ? 'Booking…' : 'Book'}
      </button>
    </form>
  );
}
