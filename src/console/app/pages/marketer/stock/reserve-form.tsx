import { useState } from 'preact/hooks';
import { post } from '../../../api';
import { Field } from '../../../components/field';
import { ErrorNotice } from '../../../components/notices';
import { useAction, useApi } from '../../../use-api';
import { itemLabel, typedCount, type ItemChoice, type ReservationView, type StockLocationView } from './stock-model';
import { t } from '../../../i18n/i18n';

interface Choice {
  id: string;
  name: string;
}

/** Copies of an APPROVED item set aside for a campaign or an event; what does not fit may wait. */
export function ReserveForm({ items, locations, onSaved }: { items: ItemChoice[]; locations: StockLocationView[]; onSaved(reservation: ReservationView): void }) {
  const [draft, setDraft] = useState({ itemId: '', locationId: '', kind: 'event' as 'campaign' | 'event', workId: '', quantity: '', neededBy: '', waitlist: false });
  const set = (change: Partial<typeof draft>) => setDraft((current) => ({ ...current, ...change }));
  const campaigns = useApi<{ items: Choice[] }>('/campaigns', { limit: 200 });
  const events = useApi<{ items: Choice[] }>('/events', { limit: 200 });
  const work = (draft.kind === 'campaign' ? campaigns.data?.items : events.data?.items) ?? [];
  const reserve = useAction(() =>
    post<ReservationView>('/collateral-reservations', {
      itemId: draft.itemId || undefined, locationId: draft.locationId || undefined, [`${draft.kind}Id`]: draft.workId || undefined,
      quantity: typedCount(draft.quantity), neededBy: draft.neededBy || undefined, waitlist: draft.waitlist,
    }),
  );
  const at = (path: string) => reserve.error?.detailFor(path);
  async function submit(submitted: Event) {
    submitted.preventDefault();
    const reservation = await reserve.run();
    if (reservation) {
      set({ quantity: '', neededBy: '' });
      onSaved(reservation);
    }
  }
  return (
    <form class="card" onSubmit={submit} noValidate aria-labelledby="reserve-heading">
      <h2 id="reserve-heading">{t('Reserve copies')}</h2>
      <ErrorNotice error={reserve.error} title={t('Not reserved')} />
      <div class="row">
        <Field label={t('Item to reserve')} error={at('body.itemId')}>
          {(props) => (
            <select {...props} value={draft.itemId} onChange={(event) => set({ itemId: event.currentTarget.value })}>
              <option value="">{t('Choose…')}</option>
              {items.filter((item) => item.status === 'APPROVED').map((item) => (
                <option key={item.id} value={item.id}>
                  {itemLabel(item)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('From location')} error={at('body.locationId')}>
          {(props) => (
            <select {...props} value={draft.locationId} onChange={(event) => set({ locationId: event.currentTarget.value })}>
              <option value="">{t('Choose…')}</option>
              {locations.map((location) => (
                <option key={location.id} value={location.id}>
                  {location.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('For a')}>
          {(props) => (
            <select {...props} value={draft.kind} onChange={(event) => set({ kind: event.currentTarget.value as 'campaign' | 'event', workId: '' })}>
              <option value="event">{t('Event')}</option>
              <option value="campaign">{t('Campaign')}</option>
            </select>
          )}
        </Field>
        <Field label={draft.kind === 'campaign' ? t('Campaign') : t('Event')} error={at(`body.${draft.kind}Id`)}>
          {(props) => (
            <select {...props} value={draft.workId} onChange={(event) => set({ workId: event.currentTarget.value })}>
              <option value="">{t('Choose…')}</option>
              {work.map((choice) => (
                <option key={choice.id} value={choice.id}>
                  {choice.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <div class="row">
        <Field label={t('Copies')} error={at('body.quantity')}>
          {(props) => <input {...props} inputMode="numeric" value={draft.quantity} onInput={(event) => set({ quantity: event.currentTarget.value })} />}
        </Field>
        <Field label={t('Needed by')} error={at('body.neededBy')}>
          {(props) => <input {...props} type="date" value={draft.neededBy} onInput={(event) => set({ neededBy: event.currentTarget.value })} />}
        </Field>
        <label class="checkbox">
          <input type="checkbox" checked={draft.waitlist} onChange={(event) => set({ waitlist: event.currentTarget.checked })} />{' '}{t('Wait for stock if not enough is available')}</label>
      </div>
      <button type="submit" class="primary" disabled={reserve.busy}>
        {reserve.busy ? t('Reserving…') : t('Reserve')}
      </button>
    </form>
  );
}
