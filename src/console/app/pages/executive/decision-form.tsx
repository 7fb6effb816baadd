import { useState } from 'preact/hooks';
import type { ApiError } from '../../api';
import { ErrorNotice } from '../../components/notices';
import { Field } from '../../components/field';
import { t } from '../../i18n/i18n';

/**
 * Approve (with an optional comment) or reject (with a required reason) one request. The reason is
 * required here as well as by the API so the approver is told before anything is sent.
 */
export function DecisionForm({ subject, busy, error, onApprove, onReject }: {
  /** What is decided, for the accessible names of the buttons, e.g. `plan "Key accounts 2027"`. */
  subject: string;
  busy: boolean;
  error: ApiError | undefined;
  onApprove(comment: string | undefined): void;
  onReject(reason: string): void;
}) {
  const [text, setText] = useState('');
  const [reasonMissing, setReasonMissing] = useState(false);
  const trimmed = text.trim();
  const reject = () => {
    if (!trimmed) return setReasonMissing(true);
    onReject(trimmed);
  };
  const fieldError = (reasonMissing && !trimmed ? t('Give a reason to reject: it is sent back with the rejection') : undefined) ?? error?.detailFor('body.reason') ?? error?.detailFor('body.comment');
  return (
    <form class="decision" onSubmit={(event) => (event.preventDefault(), onApprove(trimmed || undefined))}>
      <ErrorNotice error={error} title={t('Not recorded')} />
      <Field label={t('Comment or reason')} hint={t('Optional when approving; required when rejecting')} error={fieldError}>
        {(props) => <textarea {...props} maxLength={500} value={text} onInput={(event) => (setText(event.currentTarget.value), setReasonMissing(false))} />}
      </Field>
      <div class="actions">
        <button type="submit" class="primary" disabled={busy} aria-label={t('Approve {subject}', { subject })}>
          {t('Approve')}</button>
        <button type="button" class="danger" disabled={busy} onClick={reject} aria-label={t('Reject {subject}', { subject })}>
          {t('Reject')}</button>
      </div>
    </form>
  );
}
