import { useState } from 'preact/hooks';
import { post } from '../../../api';
import { Field } from '../../../components/field';
import { ErrorNotice, Notice } from '../../../components/notices';
import { formatDateTime } from '../../../format';
import { useAction } from '../../../use-api';
import { ConfirmAction } from '../../account/confirm-action';
import type { DeactivationResult, UserView } from '../admin-types';

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

/** Deactivate (asked first, with an optional reason) or reactivate, and what deactivating did. */
export function UserStatusCard({ user, onChanged }: { user: UserView; onChanged(): void }) {
  const [reason, setReason] = useState('');
  const [outcome, setOutcome] = useState<string>();
  const deactivate = useAction(() => post<DeactivationResult>(`/users/${user.id}/deactivate`, reason.trim() ? { reason: reason.trim() } : {}));
  const reactivate = useAction(() => post<{ user: UserView }>(`/users/${user.id}/reactivate`, {}));

  async function confirmDeactivation() {
    const answer = await deactivate.run();
    if (!answer) return false;
    const { campaignStages, plans } = answer.approvalsRerouted;
    setOutcome(
      `${user.name} is deactivated: their keys stopped working, ${plural(answer.sessionsEnded, 'session')} ended, ` +
        `${plural(campaignStages, 'campaign stage approval')} and ${plural(plans, 'plan approval')} went to their escalation targets.`,
    );
    setReason('');
    onChanged();
    return true;
  }

  return (
    <section class="card" aria-labelledby="status-heading">
      <h2 id="status-heading">Access</h2>
      {outcome && <Notice kind="success">{outcome}</Notice>}
      {user.deactivatedAt ? (
        <>
          <p>
            Deactivated {formatDateTime(user.deactivatedAt)}. {user.name} cannot sign in and none of their keys work.
          </p>
          <ErrorNotice error={reactivate.error} title={`${user.name} was not reactivated`} />
          <button
            type="button"
            class="primary"
            disabled={reactivate.busy}
            onClick={async () => {
              if (!(await reactivate.run())) return;
              setOutcome(`${user.name} is active again. Keys revoked before stay revoked: issue a new one if needed.`);
              onChanged();
            }}
          >
            {reactivate.busy ? 'Reactivating…' : 'Reactivate'}
          </button>
        </>
      ) : (
        <>
          <p>Active. Deactivating someone who left stops their keys and sessions at once; their accounts, tasks and approvals can then be reassigned below.</p>
          <ErrorNotice error={deactivate.error} title={`${user.name} was not deactivated`} />
          <ConfirmAction
            label="Deactivate…"
            question={<>Deactivate {user.name}? Their keys and sessions stop working now, and approvals waiting for them go to each stage's escalation target.</>}
            confirmLabel={`Deactivate ${user.name}`}
            busy={deactivate.busy}
            onConfirm={confirmDeactivation}
          >
            <Field label="Reason (optional)" hint="Kept in the audit log" error={deactivate.error?.detailFor('body.reason')}>
              {(props) => <input {...props} maxLength={500} value={reason} onInput={(event) => setReason(event.currentTarget.value)} />}
            </Field>
          </ConfirmAction>
        </>
      )}
    </section>
  );
}
