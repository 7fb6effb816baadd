import { useState } from 'preact/hooks';
import { api } from '../../../api';
import { Field } from '../../../components/field';
import { ErrorNotice } from '../../../components/notices';
import { useAction } from '../../../use-api';
import type { JourneyCampaignView } from './journey-view';

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
    if (answer) onDone(answer, enrolled === 'cancel' ? 'Stopped, enrolled contacts cancelled' : 'Stopped, enrolled contacts finishing');
  }
  const problem = stop.error?.detailFor('body.enrolled');
  return (
    <form class="inline-form" onSubmit={submit} noValidate>
      <ErrorNotice error={stop.error} title="The enrollments were not stopped" />
      <p>No contact is enrolled any more. {running === 1 ? 'One enrollment is' : `${running} enrollments are`} still running through the stages:</p>
      <fieldset class={`choice-list stacked${problem ? ' field-invalid' : ''}`}>
        <legend>The enrolled contacts</legend>
        <label>
          <input type="radio" name="enrolled" value="finish" checked={enrolled === 'finish'} onChange={() => setEnrolled('finish')} /> Let them finish their stages, then complete the campaign
        </label>
        <label>
          <input type="radio" name="enrolled" value="cancel" checked={enrolled === 'cancel'} onChange={() => setEnrolled('cancel')} /> Cancel their stages now and cancel the campaign
        </label>
        {problem && <small class="field-error">{problem}</small>}
      </fieldset>
      <Field label="Reason for stopping" hint="Optional; kept in the campaign’s history" error={stop.error?.detailFor('body.reason')}>
        {(props) => <input {...props} value={reason} maxLength={500} onInput={(event) => setReason(event.currentTarget.value)} />}
      </Field>
      <div class="actions">
        <button type="submit" class="danger" disabled={stop.busy}>
          {stop.busy ? 'Stopping…' : 'Stop enrollments'}
        </button>
        <button type="button" onClick={onClose}>
          Keep enrolling
        </button>
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
    if (answer) onDone(answer, 'Completed');
  }
  return (
    <form class="inline-form" onSubmit={submit} noValidate>
      <ErrorNotice error={complete.error} title="The campaign was not completed" />
      <p>
        The campaign ends as completed; it keeps its responses and costs.
        {waiting > 0 && ` ${waiting === 1 ? 'The stage that has' : `The ${waiting} stages that have`} not started will be cancelled.`}
      </p>
      <Field label="Reason for completing" hint="Optional; kept in the campaign’s history" error={complete.error?.detailFor('body.reason')}>
        {(props) => <input {...props} value={reason} maxLength={500} onInput={(event) => setReason(event.currentTarget.value)} />}
      </Field>
      <div class="actions">
        <button type="submit" class="primary" disabled={complete.busy}>
          {complete.busy ? 'Completing…' : 'Complete the campaign'}
        </button>
        <button type="button" onClick={onClose}>
          Keep it running
        </button>
      </div>
    </form>
  );
}
