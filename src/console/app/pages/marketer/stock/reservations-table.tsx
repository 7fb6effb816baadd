import { useState } from 'preact/hooks';
import { post } from '../../../api';
import { Field } from '../../../components/field';
import { ErrorNotice } from '../../../components/notices';
import { formatDate, humanize } from '../../../format';
import { href } from '../../../router';
import { useAction } from '../../../use-api';
import { money } from '../budgets/budget-model';
import type { ReservationView } from './stock-model';
import { t } from '../../../i18n/i18n';

const workLink = (reservation: ReservationView) => href(reservation.campaignId ? `/campaigns/${reservation.campaignId}` : `/events/${reservation.eventId}`);

/** Reservations with their state; a keeper ships or releases the open ones. */
export function ReservationsTable({ reservations, keeper, caption, onChanged }: { reservations: ReservationView[]; keeper: boolean; caption: string; onChanged(message: string): void }) {
  const [shipping, setShipping] = useState<string>();
  const release = useAction((reservation: ReservationView) => post<ReservationView>(`/collateral-reservations/${reservation.id}/release`, {}));
  return (
    <div class="table-wrap">
      <ErrorNotice error={release.error} title={t('Not released')} />
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('For')}</th>
            <th scope="col">{t('Item')}</th>
            <th scope="col">{t('Location')}</th>
            <th scope="col" class="number">{t('Copies')}</th>
            <th scope="col">{t('Needed by')}</th>
            <th scope="col">{t('State')}</th>
            <th scope="col" class="number">{t('Cost')}</th>
            {keeper && <th scope="col">{t('Actions')}</th>}
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
                {reservation.waitingPosition !== null && (' ' + t('(#{waitingPosition} in line)', { waitingPosition: reservation.waitingPosition }))}
                {reservation.shippedOn && (' ' + t('{shippedOn} to {destination}', { shippedOn: formatDate(reservation.shippedOn), destination: reservation.destination ?? '' }))}
                {reservation.returnedQuantity > 0 && t(', {returnedQuantity} returned', { returnedQuantity: reservation.returnedQuantity })}
              </td>
              <td class="number">{reservation.usedCost && reservation.costCurrency ? money(reservation.usedCost, reservation.costCurrency) : '—'}</td>
              {keeper && (
                <td>
                  {reservation.status === 'RESERVED' && (
                    <button type="button" aria-label={t('Ship {quantity} {itemName} for {workName}', { quantity: reservation.quantity, itemName: reservation.itemName, workName: reservation.workName })} onClick={() => setShipping(shipping === reservation.id ? undefined : reservation.id)}>
                      {t('Ship…')}</button>
                  )}{' '}
                  {(reservation.status === 'RESERVED' || reservation.status === 'WAITING') && (
                    <button
                      type="button"
                      disabled={release.busy}
                      aria-label={t('Release {quantity} {itemName} for {workName}', { quantity: reservation.quantity, itemName: reservation.itemName, workName: reservation.workName })}
                      onClick={async () => (await release.run(reservation)) && onChanged(t('Released: {quantity} × {itemName} for {workName}.', { quantity: reservation.quantity, itemName: reservation.itemName, workName: reservation.workName }))}
                    >
                      {t('Release')}</button>
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
    if (shipped) onShipped(
        shipped.shippedCost && shipped.costCurrency
          ? t('Shipped {quantity} × {itemName} to {destination} ({cost}).', { quantity: shipped.quantity, itemName: shipped.itemName, destination: shipped.destination ?? '', cost: money(shipped.shippedCost, shipped.costCurrency) })
          : t('Shipped {quantity} × {itemName} to {destination}.', { quantity: shipped.quantity, itemName: shipped.itemName, destination: shipped.destination ?? '' }),
      );
  }
  return (
    <form class="inline-form" onSubmit={submit} noValidate aria-label={t('Ship the reservation for {workName}', { workName: reservation.workName })}>
      <ErrorNotice error={ship.error} title={t('Not shipped')} />
      <Field label={t('Ship to')} hint={reservation.eventId ? t('The event\'s venue when left empty') : undefined} error={ship.error?.detailFor('body.destination')}>
        {(props) => <input {...props} value={destination} maxLength={500} onInput={(event) => setDestination(event.currentTarget.value)} />}
      </Field>
      <Field label={t('Shipped on')} error={ship.error?.detailFor('body.date')}>
        {(props) => <input {...props} type="date" value={date} onInput={(event) => setDate(event.currentTarget.value)} />}
      </Field>
      <button type="submit" class="primary" disabled={ship.busy}>
        {t('Ship it')}</button>
    </form>
  );
}
