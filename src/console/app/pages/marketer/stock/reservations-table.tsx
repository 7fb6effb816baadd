import { useState } from 'preact/hooks';
import { post } from '../../../api';
import { Field } from '../../../components/field';
import { ErrorNotice } from '../../../components/notices';
import { formatDate, humanize } from '../../../format';
import { href } from '../../../router';
import { useAction } from '../../../use-api';
import { money } from '../budgets/budget-model';
import type { ReservationView } from './stock-model';

const workLink = (reservation: ReservationView) => href(reservation.campaignId ? `/campaigns/${reservation.campaignId}` : `/events/${reservation.eventId}`);

/** Reservations with their state; a keeper ships or releases the open ones. */
export function ReservationsTable({ reservations, keeper, caption, onChanged }: { reservations: ReservationView[]; keeper: boolean; caption: string; onChanged(message: string): void }) {
  const [shipping, setShipping] = useState<string>();
  const release = useAction((reservation: ReservationView) => post<ReservationView>(`/collateral-reservations/${reservation.id}/release`, {}));
  return (
    <div class="table-wrap">
      <ErrorNotice error={release.error} title="Not released" />
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">For</th>
            <th scope="col">Item</th>
            <th scope="col">Location</th>
            <th scope="col" class="number">Copies</th>
            <th scope="col">Needed by</th>
            <th scope="col">State</th>
            <th scope="col" class="number">Cost</th>
            {keeper && <th scope="col">Actions</th>}
          </tr>
        </thead>
        <tbody>
          {reservations.map((reservation) => (
            <tr key={reservation.id}>
              <th scope="row">
                <a href={workLink(reservation)}>{reservation.workName}</a>
              </th>
              <td>{reservation.itemName}</td>
              <td>{reservation.locationName}</td>
              <td class="number">{reservation.quantity}</td>
              <td>{formatDate(reservation.neededBy)}</td>
              <td>
                {humanize(reservation.status)}
                {reservation.waitingPosition !== null && ` (#${reservation.waitingPosition} in line)`}
                {reservation.shippedOn && ` ${formatDate(reservation.shippedOn)} to ${reservation.destination}`}
                {reservation.returnedQuantity > 0 && `, ${reservation.returnedQuantity} returned`}
              </td>
              <td class="number">{reservation.usedCost && reservation.costCurrency ? money(reservation.usedCost, reservation.costCurrency) : '—'}</td>
              {keeper && (
                <td>
                  {reservation.status === 'RESERVED' && (
                    <button type="button" aria-label={`Ship ${reservation.quantity} ${reservation.itemName} for ${reservation.workName}`} onClick={() => setShipping(shipping === reservation.id ? undefined : reservation.id)}>
                      Ship…
                    </button>
                  )}{' '}
                  {(reservation.status === 'RESERVED' || reservation.status === 'WAITING') && (
                    <button
                      type="button"
                      disabled={release.busy}
                      aria-label={`Release ${reservation.quantity} ${reservation.itemName} for ${reservation.workName}`}
                      onClick={async () => (await release.run(reservation)) && onChanged(`Released: ${reservation.quantity} × ${reservation.itemName} for ${reservation.workName}.`)}
                    >
                      Release
                    </button>
                  )}
                  {shipping === reservation.id && <ShipForm reservation={reservation} onShipped={(message) => (setShipping(undefined), onChanged(message))} />}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Where the copies go (an event's venue unless told otherwise) and when they left. */
function ShipForm({ reservation, onShipped }: { reservation: ReservationView; onShipped(message: string): void }) {
  const [destination, setDestination] = useState('');
  const [date, setDate] = useState('');
  const ship = useAction(() => post<ReservationView>(`/collateral-reservations/${reservation.id}/ship`, { destination: destination.trim() || undefined, date: date || undefined }));
  async function submit(submitted: Event) {
    submitted.preventDefault();
    const shipped = await ship.run();
    if (shipped) onShipped(`Shipped ${shipped.quantity} × ${shipped.itemName} to ${shipped.destination}${shipped.shippedCost && shipped.costCurrency ? ` (${money(shipped.shippedCost, shipped.costCurrency)})` : ''}.`);
  }
  return (
    <form class="inline-form" onSubmit={submit} noValidate aria-label={`Ship the reservation for ${reservation.workName}`}>
      <ErrorNotice error={ship.error} title="Not shipped" />
      <Field label="Ship to" hint={reservation.eventId ? "The event's venue when left empty" : undefined} error={ship.error?.detailFor('body.destination')}>
        {(props) => <input {...props} value={destination} maxLength={500} onInput={(event) => setDestination(event.currentTarget.value)} />}
      </Field>
      <Field label="Shipped on" error={ship.error?.detailFor('body.date')}>
        {(props) => <input {...props} type="date" value={date} onInput={(event) => setDate(event.currentTarget.value)} />}
      </Field>
      <button type="submit" class="primary" disabled={ship.busy}>
        Ship it
      </button>
    </form>
  );
}
