import { useState } from 'preact/hooks';
import { api } from '../../../api';
import { Field } from '../../../components/field';
import { FieldError } from '../../../components/field-error';
import { ErrorNotice } from '../../../components/notices';
import { useAction } from '../../../use-api';
import type { JourneyCampaignView } from './journey-view';
import { t, tp } from '../../../i18n/i18n';

type Done = (view: JourneyCampaignView, what: string) => void;
const reasonBody = (reason: string) => (reason.trim() ? { reason: reason.trim() } : {});

/** Stops an evergreen campaign's enrollments: the enrolled cohorts finish (then it completes) or are cancelled now. */
export function StopEnrollmentsForm({ campaign, onDone, onClose }: { campaign: JourneyCampaignView; onDone: Done; onClose(): void }) {
  const [enrolled, setEnrolled] = useState<'finish' | 'cancel' | ''>('');
  const [reason, setReason] = useState('');
  const stop = useAction(() => api<JourneyCampaignView>('POST', `/campaigns/${campaign.id}/stop`, { enrolled: enrolled || undefined, ...reasonBody(reason) }));
  const running = (campaign.enrollments ?? []).filter((enrollment) => enrollment.status === 'RUNNING').length;
  async function submit(event: Event) {
    event.preventDefault();
    const answer = await stop.run();
    if (answer) onDone(answer, enrolled === 'cancel' ? t('Stopped, enrolled contacts cancelled') : t('Stopped, enrolled contacts finishing'));
  }
  const problem = stop.error?.detailFor('body.enrolled');
  return (
    <form class="inline-form" onSubmit={submit} noValidate>
      <ErrorNotice error={stop.error} title={t('The enrollments were not stopped')} />
      <p>{t('No contact is enrolled any more.')}{' '}{tp(running, 'One enrollment is still running through the stages:', '{count} enrollments are still running through the stages:')}</p>
      <fieldset class={`choice-list stacked${problem ? ' field-invalid' : ''}`}>
        <legend>{t('The enrolled contacts')}</legend>
        <label>
          <input type="radio" name="enrolled" value="finish" checked={enrolled === 'finish'} onChange={() => setEnrolled('finish')} />{' '}{t('Let them finish their stages, then complete the campaign')}</label>
        <label>
          <input type="radio" name="enrolled" value="cancel" checked={enrolled === 'cancel'} onChange={() => setEnrolled('cancel')} />{' '}{t('Cancel their stages now and cancel the campaign')}</label>
        <FieldError label={t('The enrolled contacts')} error={problem} />
      </fieldset>
      <Field label={t('Reason for stopping')} hint={t('Optional; kept in the campaign’s history')} error={stop.error?.detailFor('body.reason')}>
        {(props) => <input {...props} value={reason} maxLength={500} onInput={(event) => setReason(event.currentTarget.value)} />}
      </Field>
      <div class="actions">
        <button type="submit" class="danger" disabled={stop.busy}>
          {stop.busy ? t('Stopping…') : t('Stop enrollments')}
        </button>
        <button type="button" onClick={onClose}>
          {t('Keep enrolling')}</button>
      </div>
    </form>
  );
}

/** Ends a running campaign as completed: its stages that have not started are cancelled. */
export function CompleteCampaignForm({ campaign, onDone, onClose }: { campaign: JourneyCampaignView; onDone: Done; onClose(): void }) {
  const [reason, setReason] = useState('');
  const complete = useAction(() => api<JourneyCampaignView>('POST', `/campaigns/${campaign.id}/complete`, reasonBody(reason)));
  const waiting = campaign.stages.filter((stage) => stage.status === 'PENDING').length;
  async function submit(event: Event) {
    event.preventDefault();
    const answer = await complete.run();
    if (answer) onDone(answer, t('Completed'));
  }
  return (
    <form class="inline-form" onSubmit={submit} noValidate>
      <ErrorNotice error={complete.error} title={t('The campaign was not completed')} />
      <p>
        {t('The campaign ends as completed; it keeps its responses and costs.')}{waiting > 0 && ` ${tp(waiting, 'The stage that has not started will be cancelled.', 'The {count} stages that have not started will be cancelled.')}`}
      </p>
      <Field label={t('Reason for completing')} hint={t('Optional; kept in the campaign’s history')} error={complete.error?.detailFor('body.reason')}>
        {(props) => <input {...props} value={reason} maxLength={500} onInput={(event) => setReason(event.currentTarget.value)} />}
      </Field>
      <div class="actions">
        <button type="submit" class="primary" disabled={complete.busy}>
          {complete.busy ? t('Completing…') : t('Complete the campaign')}
        </button>
        <button type="button" onClick={onClose}>
          {t('Keep it running')}</button>
      </div>
    </form>
  );
}
