import type { ApiError } from '../../../api';
import { Field } from '../../../components/field';
import { newSource, type DetailsDraft, type SourceDraft } from './campaign-details-draft';
import { t } from '../../../i18n/i18n';

/** Name, description, channels, budget and sub-sources of a campaign. */
export function CampaignDetailsForm({ draft, error, onChange }: { draft: DetailsDraft; error: ApiError | undefined; onChange(draft: DetailsDraft): void }) {
  const set = (change: Partial<DetailsDraft>) => onChange({ ...draft, ...change });
  const setSource = (uid: number, change: Partial<SourceDraft> | null) =>
    set({ sources: change === null ? draft.sources.filter((source) => source.uid !== uid) : draft.sources.map((source) => (source.uid === uid ? { ...source, ...change } : source)) });
  return (
    <section class="card" aria-labelledby="details-heading">
      <h2 id="details-heading">{t('Campaign')}</h2>
      <Field label={t('Campaign name')} error={error?.detailFor('body.name')}>
        {(props) => <input {...props} value={draft.name} maxLength={200} required onInput={(event) => set({ name: event.currentTarget.value })} />}
      </Field>
      <Field label={t('Description')} error={error?.detailFor('body.description')}>
        {(props) => <textarea {...props} value={draft.description} maxLength={5000} onInput={(event) => set({ description: event.currentTarget.value })} />}
      </Field>
      <div class="row">
        <Field label={t('Channels')} hint={t('Comma-separated, e.g. email, press, web')} error={error?.detailFor('body.channels')}>
          {(props) => <input {...props} value={draft.channels} onInput={(event) => set({ channels: event.currentTarget.value })} />}
        </Field>
        <Field label={t('Budget')} hint={t('Empty: no budget')} error={error?.detailFor('body.budget.amount') ?? error?.detailFor('body.budget')}>
          {(props) => <input {...props} type="number" min={0} step="0.01" value={draft.budgetAmount} onInput={(event) => set({ budgetAmount: event.currentTarget.value })} />}
        </Field>
        <Field label={t('Currency')} hint={t('ISO 4217, e.g. EUR')} error={error?.detailFor('body.budget.currency')}>
          {(props) => <input {...props} value={draft.budgetCurrency} maxLength={3} autoCapitalize="characters" onInput={(event) => set({ budgetCurrency: event.currentTarget.value })} />}
        </Field>
      </div>
      <h3>{t('Sub-sources')}</h3>
      <p class="hint">{t('Each publication or web site with its own code, which responses quote; the return report shows each one.')}</p>
      {draft.sources.map((source, index) => {
        const at = (field: string) => error?.detailFor(`body.sources.${index}.${field}`);
        const number = index + 1;
        return (
          <fieldset key={source.uid} class="source-row criteria-group">
            <legend>{t('Sub-source {number}', { number })}</legend>
            <div class="row">
              <Field label={t('Code')} error={at('code')}>
                {(props) => <input {...props} value={source.code} onInput={(event) => setSource(source.uid, { code: event.currentTarget.value })} />}
              </Field>
              <Field label={t('Source name')} error={at('name')}>
                {(props) => <input {...props} value={source.name} onInput={(event) => setSource(source.uid, { name: event.currentTarget.value })} />}
              </Field>
              <Field label={t('Source channel')} error={at('channel')}>
                {(props) => <input {...props} value={source.channel} onInput={(event) => setSource(source.uid, { channel: event.currentTarget.value })} />}
              </Field>
              <Field label={t('Cost')} error={at('cost')}>
                {(props) => <input {...props} type="number" min={0} step="0.01" value={source.cost} onInput={(event) => setSource(source.uid, { cost: event.currentTarget.value })} />}
              </Field>
              <button type="button" onClick={() => setSource(source.uid, null)}>
                {t('Remove')}{' '}<span class="visually-hidden">{t('sub-source {number}', { number })}</span>
              </button>
            </div>
          </fieldset>
        );
      })}
      <button type="button" onClick={() => set({ sources: [...draft.sources, newSource()] })}>
        {t('Add sub-source')}</button>
    </section>
  );
}
