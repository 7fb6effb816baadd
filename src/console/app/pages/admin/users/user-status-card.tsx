import { useState } from 'preact/hooks';
import { post } from '../../../api';
import { Field } from '../../../components/field';
import { ErrorNotice, Notice } from '../../../components/notices';
import { formatDateTime } from '../../../format';
import { useAction } from '../../../use-api';
import { ConfirmAction } from '../../account/confirm-action';
import type { DeactivationResult, UserView } from '../admin-types';
import { t, tp } from '../../../i18n/i18n';


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
      t('{name} is deactivated: their keys stopped working, {sessions} ended, {stages} and {plans} went to their escalation targets.', {
        name: user.name,
        sessions: tp(answer.sessionsEnded, '{count} session', '{count} sessions'),
        stages: tp(campaignStages, '{count} campaign stage approval', '{count} campaign stage approvals'),
        plans: tp(plans, '{count} plan approval', '{count} plan approvals'),
      }),
    );
    setReason('');
    onChanged();
    return true;
  }

  return (
    <section class="card" aria-labelledby="status-heading">
      <h2 id="status-heading">{t('Access')}</h2>
      {outcome && <Notice kind="success">{outcome}</Notice>}
      {user.deactivatedAt ? (
        <>
          <p>
            {t('Deactivated {deactivatedAt}. {name} cannot sign in and none of their keys work.', { deactivatedAt: formatDateTime(user.deactivatedAt), name: user.name })}</p>
          <ErrorNotice error={reactivate.error} title={t('{name} was not reactivated', { name: user.name })} />
          <button
            type="button"
            class="primary"
            disabled={reactivate.busy}
            onClick={async () => {
              if (!(await reactivate.run())) return;
              setOutcome(t('{name} is active again. Keys revoked before stay revoked: issue a new one if needed.', { name: user.name }));
              onChanged();
            }}
          >
            {reactivate.busy ? t('Reactivating…') : t('Reactivate')}
          </button>
        </>
      ) : (
        <>
          <p>{t('Active. Deactivating someone who left stops their keys and sessions at once; their accounts, tasks and approvals can then be reassigned below.')}</p>
          <ErrorNotice error={deactivate.error} title={t('{name} was not deactivated', { name: user.name })} />
          <ConfirmAction
            label={t('Deactivate…')}
            question={t('Deactivate {name}? Their keys and sessions stop working now, and approvals waiting for them go to each stage\'s escalation target.', { name: user.name })}
            confirmLabel={t('Deactivate {name}', { name: user.name })}
            busy={deactivate.busy}
            onConfirm={confirmDeactivation}
          >
            <Field label={t('Reason (optional)')} hint={t('Kept in the audit log')} error={deactivate.error?.detailFor('body.reason')}>
              {(props) => <input {...props} maxLength={500} value={reason} onInput={(event) => setReason(event.currentTarget.value)} />}
            </Field>
          </ConfirmAction>
        </>
      )}
    </section>
  );
}
