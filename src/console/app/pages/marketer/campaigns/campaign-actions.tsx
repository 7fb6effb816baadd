import { useEffect, useState } from 'preact/hooks';
import { api } from '../../../api';
import { Field } from '../../../components/field';
import { ErrorNotice } from '../../../components/notices';
import { href, navigate } from '../../../router';
import { useAction } from '../../../use-api';
import { endedStatuses } from './campaign-model';
import { CompleteCampaignForm, StopEnrollmentsForm } from './journey-actions';
import type { JourneyCampaignView as CampaignView } from './journey-view';
import { msg, t } from '../../../i18n/i18n';

type Command = 'schedule' | 'pause' | 'resume';

const commandLabels: Record<Command, string> = { schedule: msg('Schedule'), pause: msg('Pause'), resume: msg('Resume') };
const commandDone: Record<Command, string> = { schedule: msg('Scheduled'), pause: msg('Paused'), resume: msg('Resumed') };

/**
 * What a marketer can do with the campaign in its status: schedule, pause, resume, stop enrolling (evergreen), complete, cancel (with a reason), copy.
 * `onScheduleRefused` hears of a 409 to Schedule, as when the budget holds the campaign back over its funding.
 */
export function CampaignActions({ campaign, onChanged, onScheduleRefused }: { campaign: CampaignView; onChanged(view: CampaignView, what: string): void; onScheduleRefused?(): void }) {
  const [open, setOpen] = useState<'cancel' | 'copy' | 'stop' | 'complete' | null>(null);
  const [reason, setReason] = useState('');
  const [copyName, setCopyName] = useState(t('{name} (copy)', { name: campaign.name }));
  const command = useAction((name: Command) => api<CampaignView>('POST', `/campaigns/${campaign.id}/${name}`));
  const cancel = useAction(() => api<CampaignView>('POST', `/campaigns/${campaign.id}/cancel`, { reason }));
  const copy = useAction(() => api<CampaignView>('POST', `/campaigns/${campaign.id}/copy`, { name: copyName }));
  // A draft is offered Schedule alone: its command's 409 is a refusal to schedule.
  useEffect(() => {
    if (campaign.status === 'DRAFT' && command.error?.status === 409) onScheduleRefused?.();
  }, [command.error]);
  const ended = endedStatuses.includes(campaign.status);
  const commands: Command[] = campaign.status === 'DRAFT' ? ['schedule'] : campaign.status === 'PAUSED' ? ['resume'] : ended ? [] : ['pause'];
  const busy = command.busy || cancel.busy || copy.busy;
  const mayStop = !!campaign.evergreen && !campaign.evergreen.stoppedAt && !ended && campaign.status !== 'DRAFT';
  // The workflow refuses to complete while a stage runs: offered only when none does.
  const mayComplete = ['SCHEDULED', 'RUNNING', 'PAUSED'].includes(campaign.status) && !campaign.stages.some((stage) => stage.status === 'RUNNING');
  const toggle = (form: NonNullable<typeof open>) => setOpen(open === form ? null : form);
  const done = (answer: CampaignView, what: string) => {
    setOpen(null);
    onChanged(answer, what);
  };

  async function runCommand(name: Command) {
    const answer = await command.run(name);
    if (answer) onChanged(answer, t(commandDone[name]));
  }

  async function submitCancel(event: Event) {
    event.preventDefault();
    const answer = await cancel.run();
    if (answer) {
      setOpen(null);
      onChanged(answer, t('Cancelled'));
    }
  }

  async function submitCopy(event: Event) {
    event.preventDefault();
    const answer = await copy.run();
    if (answer) navigate(`/campaigns/${answer.id}?copied=1`);
  }

  return (
    <div>
      <div class="actions">
        {campaign.status === 'DRAFT' && <a href={href(`/campaigns/${campaign.id}/edit`)}>{t('Edit stages')}</a>}
        {commands.map((name) => (
          <button key={name} type="button" class={name === 'pause' ? undefined : 'primary'} disabled={busy} onClick={() => void runCommand(name)}>
            {t(commandLabels[name])}
          </button>
        ))}
        {mayStop && (
          <button type="button" aria-expanded={open === 'stop'} disabled={busy} onClick={() => toggle('stop')}>
            {t('Stop enrollments…')}</button>
        )}
        {mayComplete && (
          <button type="button" aria-expanded={open === 'complete'} disabled={busy} onClick={() => toggle('complete')}>
            {t('Complete campaign…')}</button>
        )}
        {!ended && (
          <button type="button" aria-expanded={open === 'cancel'} disabled={busy} onClick={() => setOpen(open === 'cancel' ? null : 'cancel')}>
            {t('Cancel campaign…')}</button>
        )}
        <button type="button" aria-expanded={open === 'copy'} disabled={busy} onClick={() => setOpen(open === 'copy' ? null : 'copy')}>
          {t('Copy…')}</button>
      </div>
      <ErrorNotice error={command.error} title={t('The campaign did not change')} />
      {open === 'stop' && <StopEnrollmentsForm campaign={campaign} onDone={done} onClose={() => setOpen(null)} />}
      {open === 'complete' && <CompleteCampaignForm campaign={campaign} onDone={done} onClose={() => setOpen(null)} />}
      {open === 'cancel' && (
        <form class="inline-form" onSubmit={submitCancel} noValidate>
          <ErrorNotice error={cancel.error} title={t('The campaign was not cancelled')} />
          <Field label={t('Reason for cancelling')} hint={t('Kept in the campaign’s history')} error={cancel.error?.detailFor('body.reason')}>
            {(props) => <input {...props} value={reason} maxLength={500} onInput={(event) => setReason(event.currentTarget.value)} />}
          </Field>
          <div class="actions">
            <button type="submit" class="danger" disabled={busy}>
              {cancel.busy ? t('Cancelling…') : t('Cancel the campaign')}
            </button>
            <button type="button" onClick={() => setOpen(null)}>
              {t('Keep it running')}</button>
          </div>
        </form>
      )}
      {open === 'copy' && (
        <form class="inline-form" onSubmit={submitCopy} noValidate>
          <ErrorNotice error={copy.error} title={t('The campaign was not copied')} />
          <Field label={t('Name of the copy')} hint={t('A new draft with the same fields, sources and stages')} error={copy.error?.detailFor('body.name')}>
            {(props) => <input {...props} value={copyName} maxLength={200} onInput={(event) => setCopyName(event.currentTarget.value)} />}
          </Field>
          <button type="submit" class="primary" disabled={busy}>
            {copy.busy ? t('Copying…') : t('Create the copy')}
          </button>
        </form>
      )}
    </div>
  );
}
