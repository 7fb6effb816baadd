import { useState } from 'preact/hooks';
import { post } from '../../../api';
import { Field } from '../../../components/field';
import { ErrorNotice } from '../../../components/notices';
import { useAction } from '../../../use-api';
import { ConfirmAction } from '../../account/confirm-action';

// What asking for and withdrawing a budget request (a transfer or an overrun) look alike in.

const reminders: [string, string][] = [
  ['', 'No reminder'],
  ['P1D', 'After a day'],
  ['P3D', 'After 3 days'],
  ['P7D', 'After a week'],
];

/** When the approvers who have not answered are reminded, sent as an ISO duration ('' for none). */
export function ReminderField({ value, error, onChange }: { value: string; error: string | undefined; onChange(value: string): void }) {
  return (
    <Field label="Remind the approvers" error={error}>
      {(props) => (
        <select {...props} value={value} onChange={(event) => onChange(event.currentTarget.value)}>
          {reminders.map(([duration, label]) => (
            <option key={duration} value={duration}>
              {label}
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
      <ErrorNotice error={withdraw.error} title="Not withdrawn" />
      <ConfirmAction label="Withdraw…" name={name} question={question} confirmLabel="Withdraw the request" busy={withdraw.busy} onConfirm={confirm}>
        <Field label="Comment (optional)" hint="Sent to the approvers" error={withdraw.error?.detailFor('body.comment')}>
          {(props) => <input {...props} maxLength={2000} value={comment} onInput={(event) => setComment(event.currentTarget.value)} />}
        </Field>
      </ConfirmAction>
    </>
  );
}
