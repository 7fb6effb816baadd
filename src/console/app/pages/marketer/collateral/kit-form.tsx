import { useState } from 'preact/hooks';
import { patch, post } from '../../../api';
import { Field } from '../../../components/field';
import { FieldError } from '../../../components/field-error';
import { ErrorNotice, Notice } from '../../../components/notices';
import { useAction } from '../../../use-api';
import { useCollateralChoices, useSegmentChoices } from '../directory';
import { fileSize, kitChannels, type KitView } from './collateral-model';
import { t } from '../../../i18n/i18n';

interface KitDraft {
  name: string;
  description: string;
  segmentId: string;
  channel: string;
  itemIds: string[];
}

const draftOf = (kit: KitView | undefined): KitDraft =>
  kit
    ? { name: kit.name, description: kit.description ?? '', segmentId: kit.segmentId ?? '', channel: kit.channel ?? '', itemIds: kit.items.map((item) => item.itemId) }
    : { name: '', description: '', segmentId: '', channel: '', itemIds: [] };

/** Makes a kit, or changes `kit`: its target and its APPROVED items, in the order the picker sets. */
export function KitForm({ kit, onSaved, onCancel }: { kit?: KitView; onSaved(kit: KitView): void; onCancel?(): void }) {
  const [draft, setDraft] = useState<KitDraft>(() => draftOf(kit));
  const [picked, setPicked] = useState('');
  const [saved, setSaved] = useState('');
  const segments = useSegmentChoices();
  const items = useCollateralChoices();
  const approved = items.data?.items ?? [];
  // Items of the kit that are no longer APPROVED are not in the picker's list: they keep their name from the kit.
  const nameOf = (id: string) => approved.find((item) => item.id === id)?.name ?? kit?.items.find((item) => item.itemId === id)?.name ?? t('An item');
  const set = (change: Partial<KitDraft>) => setDraft((current) => ({ ...current, ...change }));
  const move = (index: number, by: number) => {
    const itemIds = [...draft.itemIds];
    const [moved] = itemIds.splice(index, 1);
    itemIds.splice(index + by, 0, moved!);
    set({ itemIds });
  };
  const save = useAction(() => {
    const body = {
      name: draft.name,
      description: draft.description.trim() || (kit ? null : undefined),
      segmentId: draft.segmentId || (kit ? null : undefined),
      channel: draft.channel || (kit ? null : undefined),
      itemIds: draft.itemIds,
    };
    return kit ? patch<KitView>(`/collateral-kits/${kit.id}`, body) : post<KitView>('/collateral-kits', body);
  });
  const at = (field: string) => save.error?.detailFor(`body.${field}`);
  async function submit(submitted: Event) {
    submitted.preventDefault();
    const answer = await save.run();
    if (answer) {
      setSaved(t('“{name}” saved.', { name: answer.name }));
      if (!kit) setDraft(draftOf(undefined));
      onSaved(answer);
    }
  }
  const heading = kit ? t('Edit “{name}”', { name: kit.name }) : t('New kit');
  return (
    <form class="card" onSubmit={submit} noValidate aria-label={heading}>
      <h2>{heading}</h2>
      <ErrorNotice error={save.error} title={t('The kit was not saved')} />
      {saved && <Notice kind="success">{saved}</Notice>}
      <div class="row">
        <Field label={t('Kit name')} error={at('name')}>
          {(props) => <input {...props} value={draft.name} maxLength={200} onInput={(event) => set({ name: event.currentTarget.value })} />}
        </Field>
        <Field label={t('Segment')} error={at('segmentId')} hint={t('A segment, a channel or both')}>
          {(props) => (
            <select {...props} value={draft.segmentId} onChange={(event) => set({ segmentId: event.currentTarget.value })}>
              <option value="">{t('Any segment')}</option>
              {(segments.data?.items ?? []).map((segment) => (
                <option key={segment.id} value={segment.id}>
                  {segment.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('Channel')} error={at('channel')}>
          {(props) => (
            <select {...props} value={draft.channel} onChange={(event) => set({ channel: event.currentTarget.value })}>
              <option value="">{t('Any channel')}</option>
              {kitChannels.map((channel) => (
                <option key={channel} value={channel}>
                  {channel}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <Field label={t('Kit description')} error={at('description')}>
        {(props) => <textarea {...props} value={draft.description} maxLength={2000} rows={2} onInput={(event) => set({ description: event.currentTarget.value })} />}
      </Field>
      <fieldset class={at('itemIds') ? 'field-invalid' : ''}>
        <legend>{t('Items, in order')}</legend>
        <ol aria-label={t('Items of the kit')}>
          {draft.itemIds.map((id, index) => (
            <li key={id}>
              {nameOf(id)} <FieldError label={nameOf(id)} error={at(`itemIds.${index}`)} />{' '}
              <button type="button" class="link" disabled={index === 0} onClick={() => move(index, -1)} aria-label={t('Move {id} up', { id: nameOf(id) })}>
                {t('Up')}</button>{' '}
              <button type="button" class="link" disabled={index === draft.itemIds.length - 1} onClick={() => move(index, 1)} aria-label={t('Move {id} down', { id: nameOf(id) })}>
                {t('Down')}</button>{' '}
              <button type="button" class="link" onClick={() => set({ itemIds: draft.itemIds.filter((other) => other !== id) })} aria-label={t('Remove {id}', { id: nameOf(id) })}>
                {t('Remove')}</button>
            </li>
          ))}
        </ol>
        <FieldError label={t('Items, in order')} error={at('itemIds')} />
        <div class="row">
          <Field label={t('Approved item')} hint={t('Only approved items can be in a kit')}>
            {(props) => (
              <select {...props} value={picked} onChange={(event) => setPicked(event.currentTarget.value)}>
                <option value="">{t('Choose an item…')}</option>
                {approved
                  .filter((item) => !draft.itemIds.includes(item.id))
                  .map((item) => (
                    <option key={item.id} value={item.id}>
                      {item.name} ({item.kind}{item.currentVersion ? `, ${fileSize(item.currentVersion.sizeBytes)}` : ''})
                    </option>
                  ))}
              </select>
            )}
          </Field>
          <button
            type="button"
            disabled={!picked}
            onClick={() => {
              set({ itemIds: [...draft.itemIds, picked] });
              setPicked('');
            }}
          >
            {t('Add the item')}</button>
        </div>
      </fieldset>
      <div class="actions">
        <button type="submit" class="primary" disabled={save.busy}>
          {save.busy ? t('Saving…') : t('Save the kit')}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            {t('Cancel')}</button>
        )}
      </div>
    </form>
  );
}
