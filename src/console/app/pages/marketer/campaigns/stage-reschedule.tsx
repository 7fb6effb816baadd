import { useState } from 'preact/hooks';
import type { CampaignView, StageView } from '../../../../../campaigns/campaign-views.schemas';
import { api } from '../../../api';
import { Field } from '../../../components/field';
import { ErrorNotice } from '../../../components/notices';
import { useAction } from '../../../use-api';
import { startAtForApi, startAtInput } from './stage-draft';
import { t } from '../../../i18n/i18n';

/** A new date for a stage that has not started; the workflow re-arms its timer at once. */
export function StageReschedule({ campaignId, stage, onChanged }: { campaignId: string; stage: StageView; onChanged(view: CampaignView, what: string): void }) {
  const [open, setOpen] = useState(false);
  const [startAt, setStartAt] = useState(startAtInput(stage.startAt));
  const change = useAction(() => api<CampaignView>('PATCH', `/campaigns/${campaignId}/stages/${stage.id}`, { startAt: startAtForApi(startAt) }));
  const number = stage.position + 1;
  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)}>
        {t('Reschedule stage {number}…', { number })}</button>
    );
  }
  async function submit(event: Event) {
    event.preventDefault();
    const answer = await change.run();
    if (answer) {
      setOpen(false);
      onChanged(answer, t('Stage {number} rescheduled', { number }));
    }
  }
  return (
    <form class="inline-form" onSubmit={submit} noValidate>
      <ErrorNotice error={change.error} title={t('The stage was not rescheduled')} />
      <Field label={t('New start of stage {number}', { number })} hint={t('Empty: right after the previous stage')} error={change.error?.detailFor('body.startAt')}>
        {(props) => <input {...props} type="datetime-local" step={1} value={startAt} onInput={(event) => setStartAt(event.currentTarget.value)} />}
      </Field>
      <div class="actions">
        <button type="submit" class="primary" disabled={change.busy}>
          {t('Save the date')}</button>
        <button type="button" onClick={() => setOpen(false)}>
          {t('Keep the date')}</button>
      </div>
    </form>
  );
}
