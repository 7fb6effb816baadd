import { useState } from 'preact/hooks';
import { post } from '../../../api';
import { Field } from '../../../components/field';
import { ErrorNotice } from '../../../components/notices';
import { useAction } from '../../../use-api';
import { itemLabel, typedCount, typedUnitCost, type ItemChoice, type StockChange, type StockLocationView } from './stock-model';
import { t } from '../../../i18n/i18n';

interface LineChoices {
  items: ItemChoice[];
  locations: StockLocationView[];
}

/** The item and location pickers every stock form starts with. */
function LinePicker({ choices, draft, set, error }: { choices: LineChoices; draft: { itemId: string; locationId: string }; set(change: Partial<{ itemId: string; locationId: string }>): void; error?: (path: string) => string | undefined }) {
  return (
    <>
      <Field label={t('Item')} error={error?.('body.itemId')}>
        {(props) => (
          <select {...props} value={draft.itemId} onChange={(event) => set({ itemId: event.currentTarget.value })}>
            <option value="">{t('Choose…')}</option>
            {choices.items.map((item) => (
              <option key={item.id} value={item.id}>
                {itemLabel(item)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('Location')} error={error?.('body.locationId')}>
        {(props) => (
          <select {...props} value={draft.locationId} onChange={(event) => set({ locationId: event.currentTarget.value })}>
            <option value="">{t('Choose…')}</option>
            {choices.locations.map((location) => (
              <option key={location.id} value={location.id}>
                {location.name}
              </option>
            ))}
          </select>
        )}
      </Field>
    </>
  );
}

/** Copies in from the printer, at a unit cost. */
export function ReceiveForm({ choices, onSaved }: { choices: LineChoices; onSaved(change: StockChange): void }) {
  const [draft, setDraft] = useState({ itemId: '', locationId: '', quantity: '', unitCost: '', currency: 'EUR', reference: '' });
  const set = (change: Partial<typeof draft>) => setDraft((current) => ({ ...current, ...change }));
  const receive = useAction(() =>
    post<StockChange>('/collateral-stock/receipts', {
      itemId: draft.itemId || undefined, locationId: draft.locationId || undefined, quantity: typedCount(draft.quantity), unitCost: typedUnitCost(draft.unitCost),
      currency: draft.currency.trim().toUpperCase(), reference: draft.reference.trim() || undefined,
    }),
  );
  const at = (path: string) => receive.error?.detailFor(path);
  async function submit(submitted: Event) {
    submitted.preventDefault();
    const change = await receive.run();
    if (change) {
      set({ quantity: '', reference: '' });
      onSaved(change);
    }
  }
  return (
    <form class="card" onSubmit={submit} noValidate aria-labelledby="receive-heading">
      <h2 id="receive-heading">{t('Receive copies')}</h2>
      <ErrorNotice error={receive.error} title={t('Not received')} />
      <div class="row">
        <LinePicker choices={choices} draft={draft} set={set} error={at} />
        <Field label={t('Copies received')} error={at('body.quantity')}>
          {(props) => <input {...props} inputMode="numeric" value={draft.quantity} onInput={(event) => set({ quantity: event.currentTarget.value })} />}
        </Field>
        <Field label={t('Unit cost')} hint={t('Per copy, up to four decimals')} error={at('body.unitCost')}>
          {(props) => <input {...props} inputMode="decimal" value={draft.unitCost} onInput={(event) => set({ unitCost: event.currentTarget.value })} />}
        </Field>
        <Field label={t('Currency')} error={at('body.currency')}>
          {(props) => <input {...props} value={draft.currency} maxLength={3} onInput={(event) => set({ currency: event.currentTarget.value })} />}
        </Field>
        <Field label={t('Delivery note')} error={at('body.reference')}>
          {(props) => <input {...props} value={draft.reference} maxLength={100} onInput={(event) => set({ reference: event.currentTarget.value })} />}
        </Field>
      </div>
      <button type="submit" class="primary" disabled={receive.busy}>
        {receive.busy ? t('Receiving…') : t('Receive')}
      </button>
    </form>
  );
}

/** What is on the shelf: becomes the quantity on hand. */
export function CountForm({ choices, onSaved }: { choices: LineChoices; onSaved(change: StockChange): void }) {
  const [draft, setDraft] = useState({ itemId: '', locationId: '', counted: '', note: '' });
  const set = (change: Partial<typeof draft>) => setDraft((current) => ({ ...current, ...change }));
  const count = useAction(() =>
    post<StockChange>('/collateral-stock/counts', { itemId: draft.itemId || undefined, locationId: draft.locationId || undefined, countedQuantity: typedCount(draft.counted), note: draft.note.trim() || undefined }),
  );
  const at = (path: string) => count.error?.detailFor(path);
  async function submit(submitted: Event) {
    submitted.preventDefault();
    const change = await count.run();
    if (change) {
      set({ counted: '', note: '' });
      onSaved(change);
    }
  }
  return (
    <form class="card" onSubmit={submit} noValidate aria-labelledby="count-heading">
      <h2 id="count-heading">{t('Record a count')}</h2>
      <ErrorNotice error={count.error} title={t('Not recorded')} />
      <div class="row">
        <LinePicker choices={choices} draft={draft} set={set} error={at} />
        <Field label={t('Copies counted')} error={at('body.countedQuantity')}>
          {(props) => <input {...props} inputMode="numeric" value={draft.counted} onInput={(event) => set({ counted: event.currentTarget.value })} />}
        </Field>
        <Field label={t('Count note')} error={at('body.note')}>
          {(props) => <input {...props} value={draft.note} onInput={(event) => set({ note: event.currentTarget.value })} />}
        </Field>
      </div>
      <button type="submit" class="primary" disabled={count.busy}>
        {count.busy ? t('Recording…') : t('Record the count')}
      </button>
    </form>
  );
}

/** A new place to keep stock. */
export function LocationForm({ onSaved }: { onSaved(location: StockLocationView): void }) {
  const [name, setName] = useState('');
  const create = useAction(() => post<StockLocationView>('/stock-locations', { name: name.trim() }));
  async function submit(submitted: Event) {
    submitted.preventDefault();
    const location = await create.run();
    if (location) {
      setName('');
      onSaved(location);
    }
  }
  return (
    <form class="inline-form" onSubmit={submit} noValidate aria-label={t('New location')}>
      <ErrorNotice error={create.error} title={t('Not added')} />
      <div class="row">
        <Field label={t('Location name')} error={create.error?.detailFor('body.name')}>
          {(props) => <input {...props} value={name} maxLength={200} onInput={(event) => setName(event.currentTarget.value)} />}
        </Field>
      </div>
      <button type="submit" disabled={create.busy}>
        {t('Add the location')}</button>
    </form>
  );
}
