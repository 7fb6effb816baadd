import { useEffect, useState } from 'preact/hooks';
import { api } from '../../../api';
import { Field } from '../../../components/field';
import { ErrorNotice } from '../../../components/notices';
import { href, navigate } from '../../../router';
import { useAction } from '../../../use-api';
import { isChangeable, type EventView } from './event-model';
import { fromZonedInput } from './zoned-time';
import { t } from '../../../i18n/i18n';

/**
 * What a marketer can do with the event in its status: edit, schedule, cancel (with a reason), copy as a template.
 * `onScheduleRefused` hears of a 409 to Schedule, as when the budget holds the event back over its funding.
 */
export function EventActions({ event, onChanged, onScheduleRefused }: { event: EventView; onChanged(view: EventView, what: string): void; onScheduleRefused?(): void }) {
  const [open, setOpen] = useState<'cancel' | 'copy' | null>(null);
  const [reason, setReason] = useState('');
  const [copyName, setCopyName] = useState(t('{name} (copy)', { name: event.name }));
  const [copyStart, setCopyStart] = useState('');
  const [copyEnd, setCopyEnd] = useState('');
  const schedule = useAction(() => api<EventView>('POST', `/events/${event.id}/schedule`));
  const cancel = useAction(() => api<EventView>('POST', `/events/${event.id}/cancel`, { reason }));
  const copy = useAction(() =>
    api<EventView>('POST', `/events/${event.id}/copy`, {
      name: copyName.trim() || undefined,
      startsAt: copyStart ? fromZonedInput(copyStart, event.timeZone) : undefined,
      endsAt: copyEnd ? fromZonedInput(copyEnd, event.timeZone) : undefined,
    }),
  );
  useEffect(() => {
    if (schedule.error?.status === 409) onScheduleRefused?.();
  }, [schedule.error]);
  const busy = schedule.busy || cancel.busy || copy.busy;
  const toggle = (form: NonNullable<typeof open>) => setOpen(open === form ? null : form);

  async function runSchedule() {
    const answer = await schedule.run();
    if (answer) onChanged(answer, t('Scheduled'));
  }

  async function submitCancel(submit: Event) {
    submit.preventDefault();
    const answer = await cancel.run();
    if (answer) {
      setOpen(null);
      onChanged(answer, t('Cancelled'));
    }
  }

  async function submitCopy(submit: Event) {
    submit.preventDefault();
    const answer = await copy.run();
    if (answer) navigate(`/events/${answer.id}?copied=1`);
  }

  return (
    <div>
      <div class="actions event-actions">
        {isChangeable(event.status) && <a href={href(`/events/${event.id}/edit`)}>{t('Edit plan')}</a>}
        {event.status === 'DRAFT' && (
          <button type="button" class="primary" disabled={busy} onClick={() => void runSchedule()}>
            {schedule.busy ? t('Scheduling…') : t('Schedule')}
          </button>
        )}
        {isChangeable(event.status) && (
          <button type="button" aria-expanded={open === 'cancel'} disabled={busy} onClick={() => toggle('cancel')}>
            {t('Cancel event…')}</button>
        )}
        <button type="button" aria-expanded={open === 'copy'} disabled={busy} onClick={() => toggle('copy')}>
          {t('Copy as template…')}</button>
      </div>
      <ErrorNotice error={schedule.error} title={t('The event was not scheduled')} />
      {open === 'cancel' && (
        <form class="inline-form" onSubmit={submitCancel} noValidate>
          <ErrorNotice error={cancel.error} title={t('The event was not cancelled')} />
          <p class="hint">{t('Registered and waiting people are told by e-mail; booked resources are released and open tasks cancelled.')}</p>
          <Field label={t('Reason for cancelling')} error={cancel.error?.detailFor('body.reason')}>
            {(props) => <input {...props} value={reason} maxLength={500} onInput={(change) => setReason(change.currentTarget.value)} />}
          </Field>
          <div class="actions">
            <button type="submit" class="danger" disabled={busy}>
              {cancel.busy ? t('Cancelling…') : t('Cancel the event')}
            </button>
            <button type="button" onClick={() => setOpen(null)}>
              {t('Keep it')}</button>
          </div>
        </form>
      )}
      {open === 'copy' && (
        <form class="inline-form" onSubmit={submitCopy} noValidate>
          <ErrorNotice error={copy.error} title={t('The event was not copied')} />
          <p class="hint">{t('A new draft with everything but the dates (unless given here), registrations, bookings and actual costs; its tasks wait for the new dates.')}</p>
          <Field label={t('Name of the copy')} error={copy.error?.detailFor('body.name')}>
            {(props) => <input {...props} value={copyName} maxLength={200} onInput={(change) => setCopyName(change.currentTarget.value)} />}
          </Field>
          <div class="row">
            <Field label={t('Copy starts')} hint={t('On the {timeZone} clock; empty: to plan later', { timeZone: event.timeZone })} error={copy.error?.detailFor('body.startsAt')}>
              {(props) => <input {...props} type="datetime-local" value={copyStart} onInput={(change) => setCopyStart(change.currentTarget.value)} />}
            </Field>
            <Field label={t('Copy ends')} error={copy.error?.detailFor('body.endsAt')}>
              {(props) => <input {...props} type="datetime-local" value={copyEnd} onInput={(change) => setCopyEnd(change.currentTarget.value)} />}
            </Field>
          </div>
          <button type="submit" class="primary" disabled={busy}>
            {copy.busy ? t('Copying…') : t('Create the copy')}
          </button>
        </form>
      )}
    </div>
  );
}
