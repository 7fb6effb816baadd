import { useState } from 'preact/hooks';
import { Empty, ErrorNotice, Loading, Notice } from '../../../components/notices';
import { currentUser } from '../../../session';
import { useSignal } from '../../../signal';
import { useApi } from '../../../use-api';
import '../marketer.css';
import { ReservationsTable } from './reservations-table';
import { ReserveForm } from './reserve-form';
import { CountForm, LocationForm, ReceiveForm } from './stock-forms';
import { mayKeepStock, type ItemChoice, type ReservationView, type StockChange, type StockLineView, type StockLocationView } from './stock-model';
import { StockTable } from './stock-table';
import { t, tp } from '../../../i18n/i18n';

/** /stock: printed collateral by item and location, receipts and counts, and the open reservations to ship or release. */
export function StockPage() {
  const me = useSignal(currentUser);
  const keeper = mayKeepStock(me?.role);
  const [locationId, setLocationId] = useState('');
  const stock = useApi<{ items: StockLineView[] }>('/collateral-stock', { locationId: locationId || undefined });
  const locations = useApi<{ items: StockLocationView[] }>('/stock-locations');
  const open = useApi<{ items: ReservationView[] }>('/collateral-reservations', { limit: 500 });
  const items = useApi<{ items: ItemChoice[] }>(keeper ? '/collateral' : null, { limit: 200 });
  const [notice, setNotice] = useState<string>();
  const changed = (message: string) => {
    setNotice(message);
    void stock.reload();
    void open.reload();
  };
  const stockChanged = (what: string) => (change: StockChange) => {
    const promoted = change.promotedReservationIds.length;
    const demoted = change.demotedReservationIds.length;
    changed(
      t('{what}: {itemName} at {locationName} has {onHand} on hand.', { what, itemName: change.stock.itemName, locationName: change.stock.locationName, onHand: change.stock.onHand }) +
        (promoted ? ' ' + tp(promoted, '{count} waiting reservation now reserved.', '{count} waiting reservations now reserved.') : '') +
        (demoted ? ' ' + tp(demoted, '{count} reservation back to waiting.', '{count} reservations back to waiting.') : ''),
    );
  };
  const choices = { items: items.data?.items ?? [], locations: locations.data?.items ?? [] };
  const openReservations = (open.data?.items ?? []).filter((reservation) => reservation.status === 'RESERVED' || reservation.status === 'WAITING').reverse();
  return (
    <section>
      <div class="page-head">
        <h1>{t('Stock')}</h1>
      </div>
      {notice && <Notice kind="success">{notice}</Notice>}
      <ErrorNotice error={stock.error} title={t('The stock could not be loaded')} />
      <div class="row">
        <label>
          {t('Location')}{' '}
          <select value={locationId} onChange={(event) => setLocationId(event.currentTarget.value)}>
            <option value="">{t('All locations')}</option>
            {choices.locations.map((location) => (
              <option key={location.id} value={location.id}>
                {location.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      {stock.loading && !stock.data && <Loading />}
      {stock.data && stock.data.items.length === 0 && <Empty>{t('No stock yet: receive copies of an item at a location.')}</Empty>}
      {stock.data && stock.data.items.length > 0 && <StockTable lines={stock.data.items} />}
      <section class="card" aria-labelledby="reservations-heading">
        <h2 id="reservations-heading">{t('Open reservations')}</h2>
        <ErrorNotice error={open.error} title={t('The reservations could not be loaded')} />
        {open.data && openReservations.length === 0 && <Empty>{t('No copies reserved or waiting.')}</Empty>}
        {openReservations.length > 0 && <ReservationsTable reservations={openReservations} keeper={keeper} caption={t('Reserved and waiting, in the order made')} onChanged={changed} />}
      </section>
      {keeper && (
        <>
          <ReserveForm items={choices.items} locations={choices.locations} onSaved={(reservation) => changed(reservation.status === 'WAITING' ? t('Waiting for stock: #{waitingPosition} in line.', { waitingPosition: reservation.waitingPosition ?? '' }) : t('Reserved {quantity} × {itemName} for {workName}.', { quantity: reservation.quantity, itemName: reservation.itemName, workName: reservation.workName }))} />
          <ReceiveForm choices={choices} onSaved={stockChanged(t('Received'))} />
          <CountForm choices={choices} onSaved={stockChanged(t('Counted'))} />
          <section class="card" aria-labelledby="locations-heading">
            <h2 id="locations-heading">{t('Locations')}</h2>
            <p class="muted">{choices.locations.map((location) => location.name).join(', ') || t('None yet.')}</p>
            <LocationForm onSaved={(location) => (setNotice(t('Location “{name}” added.', { name: location.name })), void locations.reload())} />
          </section>
        </>
      )}
    </section>
  );
}
