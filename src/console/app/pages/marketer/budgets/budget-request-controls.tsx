import { useState } from 'preact/hooks';
import { post } from '../../../api';
import { Field } from '../../../components/field';
import { ErrorNotice } from '../../../components/notices';
import { useAction } from '../../../use-api';
import { ConfirmAction } from '../../account/confirm-action';
import { msg, t } from '../../../i18n/i18n';

// What asking for and withdrawing a budget request (a transfer or an overrun) look alike in.

const reminders: [string, string][] = [
  ['', msg('No reminder')],
  ['P1D', msg('After a day')],
  ['P3D', msg('After 3 days')],
  ['P7D', msg('After a week')],
];

/** When the approvers who have not answered are reminded, sent as an ISO duration ('' for none). */
export function ReminderField({ value, error, onChange }: { value: string; error: string | undefined; onChange(value: string): void }) {
  return (
    <Field label={t('Remind the approvers')} error={error}>
      {(props) => (
        <select {...props} value={value} onChange={(event) => onChange(event.currentTarget.value)}>
          {reminders.map(([duration, label]) => (
            <option key={duration} value={duration}>
              {t(label)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/**
 * Who asked (or an admin) withdraws a waiting request at `cancelPath`, asked first, with an optional
 * comment the approvers are sent; `onWithdrawn` gets the request as it is afterwards.
 */
export function WithdrawRequest<T>({ cancelPath, name, question, onWithdrawn }: { cancelPath: string; name: string; question: string; onWithdrawn(after: T): void }) {
  const [comment, setComment] = useState('');
  const withdraw = useAction(() => post<T>(cancelPath, comment.trim() ? { comment: comment.trim() } : {}));
  const confirm = async () => {
    const after = await withdraw.run();
    if (after) onWithdrawn(after);
    return !!after;
  };
  return (
    <>
      <ErrorNotice error={withdraw.error} title={t('Not withdrawn')} />
      <ConfirmAction label={t('Withdraw…')} name={name} question={question} confirmLabel={t('Withdraw the request')} busy={withdraw.busy} onConfirm={confirm}>
        <Field label={t('Comment (optional)')} hint={t('Sent to the approvers')} error={withdraw.error?.detailFor('body.comment')}>
          {(props) => <input {...props} maxLength={2000} value={comment} onInput={(event) => setComment(event.currentTarget.value)} />}
        </Field>
      </ConfirmAction>
    </>
  );
}
