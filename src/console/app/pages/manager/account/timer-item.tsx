import { useState } from 'preact/hooks';
import { patch, post } from '../../../api';
import { Field } from '../../../components/field';
import { ErrorNotice } from '../../../components/notices';
import { formatDateTime } from '../../../format';
import { useAction } from '../../../use-api';
import { fromLocalInput, toLocalInput } from '../../../date-input';
import { timerLabel } from '../../../lifecycle-terms';
import { WhyExplanation } from '../task-why';
import { When } from '../when';
import type { Timer } from './account-types';
import { t } from '../../../i18n/i18n';

export type TimerOutcome = { kind: 'rescheduled'; timer: Timer; from: string } | { kind: 'cancelled'; timer: Timer };

/** A pending timer: when it fires and why, and the two things a manager may do to it, each with a reason. */
export function TimerItem({ timer, mayChange, onChanged }: { timer: Timer; mayChange: boolean; onChanged: (outcome: TimerOutcome) => void }) {
  const [open, setOpen] = useState<'reschedule' | 'cancel' | null>(null);
  const name = timerLabel(timer.kind);
  return (
    <li>
      <div class="task-head">
        <h3>{name}</h3>
        {mayChange && (
          <div class="actions">
            <button type="button" aria-expanded={open === 'reschedule'} onClick={() => setOpen(open === 'reschedule' ? null : 'reschedule')}>
              {t('Reschedule')}</button>
            <button type="button" aria-expanded={open === 'cancel'} onClick={() => setOpen(open === 'cancel' ? null : 'cancel')}>
              {t('Cancel timer')}</button>
          </div>
        )}
      </div>
      <div class="task-meta">
        <When iso={timer.fireAt} prefix={t('Fires')} />
      </div>
      <WhyExplanation why={timer.why} />
      {open === 'reschedule' && <RescheduleForm timer={timer} onDone={(moved) => (setOpen(null), onChanged({ kind: 'rescheduled', timer: moved, from: timer.fireAt }))} />}
      {open === 'cancel' && <CancelForm timer={timer} onDone={(cancelled) => (setOpen(null), onChanged({ kind: 'cancelled', timer: cancelled }))} />}
    </li>
  );
}

function RescheduleForm({ timer, onDone }: { timer: Timer; onDone: (timer: Timer) => void }) {
  const [fireAt, setFireAt] = useState(toLocalInput(timer.fireAt));
  const [reason, setReason] = useState('');
  const save = useAction(() => patch<Timer>(`/accounts/${timer.accountId}/timers/${timer.id}`, { fireAt: fromLocalInput(fireAt), reason }));
  return (
    <form
      class="inline-form"
      aria-label={t('Reschedule the timer')}
      onSubmit={async (event) => {
        event.preventDefault();
        const moved = await save.run();
        if (moved) onDone(moved);
      }}
    >
      <ErrorNotice error={save.error} title={t('The timer was not moved')} />
      <div class="row">
        <Field label={t('New time')} hint={t('Now {fireAt}', { fireAt: formatDateTime(timer.fireAt) })} error={save.error?.detailFor('body.fireAt')}>
          {(props) => <input {...props} type="datetime-local" value={fireAt} onInput={(event) => setFireAt(event.currentTarget.value)} />}
        </Field>
        <Field label={t('Reason')} error={save.error?.detailFor('body.reason')}>
          {(props) => <input {...props} type="text" value={reason} maxLength={500} onInput={(event) => setReason(event.currentTarget.value)} />}
        </Field>
      </div>
      <button type="submit" class="primary" disabled={save.busy}>
        {save.busy ? t('Saving…') : t('Save new time')}
      </button>
    </form>
  );
}

function CancelForm({ timer, onDone }: { timer: Timer; onDone: (timer: Timer) => void }) {
  const [reason, setReason] = useState('');
  const cancel = useAction(() => post<Timer>(`/accounts/${timer.accountId}/timers/${timer.id}/cancel`, { reason }));
  return (
    <form
      class="inline-form"
      aria-label={t('Cancel the timer')}
      onSubmit={async (event) => {
        event.preventDefault();
        const cancelled = await cancel.run();
        if (cancelled) onDone(cancelled);
      }}
    >
      <ErrorNotice error={cancel.error} title={t('The timer was not cancelled')} />
      <Field label={t('Reason for cancelling')} error={cancel.error?.detailFor('body.reason')}>
        {(props) => <input {...props} type="text" value={reason} maxLength={500} onInput={(event) => setReason(event.currentTarget.value)} />}
      </Field>
      <button type="submit" class="danger" disabled={cancel.busy}>
        {cancel.busy ? t('Cancelling…') : t('Confirm cancel')}
      </button>
    </form>
  );
}
