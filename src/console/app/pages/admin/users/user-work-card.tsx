import { useState } from 'preact/hooks';
import { post } from '../../../api';
import { StatusBadge } from '../../../components/badge';
import { Field } from '../../../components/field';
import { Empty, ErrorNotice, Notice } from '../../../components/notices';
import { formatDateTime, formatNumber } from '../../../format';
import { href } from '../../../router';
import { useAction } from '../../../use-api';
import { ConfirmAction } from '../../account/confirm-action';
import type { ReassignmentResult, UserDetail, UserView } from '../admin-types';
import { userLabel } from './use-all-users';
import { t, tp } from '../../../i18n/i18n';


/**
 * What the user has in hand (accounts in work, open tasks, pending approvals) and "Reassign to…",
 * which moves all of it to one active user in one step; the accounts' workflows and timers keep running.
 */
export function UserWorkCard({ user, users, onMoved }: { user: UserDetail; users: UserView[]; onMoved(): void }) {
  const { work } = user;
  const [toUserId, setToUserId] = useState('');
  const [reason, setReason] = useState('');
  const [missingTarget, setMissingTarget] = useState(false);
  const [outcome, setOutcome] = useState<string>();
  const reassign = useAction(() => post<ReassignmentResult>(`/users/${user.id}/reassign`, { toUserId, ...(reason.trim() ? { reason: reason.trim() } : {}) }));
  const candidates = users.filter((other) => other.id !== user.id && !other.deactivatedAt);
  const accountName = new Map(work.accounts.map((account) => [account.id, account.name]));
  const nothing = work.accountsInWork + work.openTasks + work.pendingApprovals === 0;

  async function confirmReassign() {
    if (!toUserId) {
      setMissingTarget(true);
      return false;
    }
    const answer = await reassign.run();
    if (!answer) return false;
    const target = candidates.find((candidate) => candidate.id === toUserId)?.name ?? t('the new owner');
    setOutcome(
      t('Moved to {target}: {accounts}, {tasks}, {stages} and {plans}.', {
        target,
        accounts: tp(answer.accounts, '{count} account', '{count} accounts'),
        tasks: tp(answer.tasks, '{count} task', '{count} tasks'),
        stages: tp(answer.approvals.campaignStages, '{count} campaign stage approval', '{count} campaign stage approvals'),
        plans: tp(answer.approvals.plans, '{count} plan approval', '{count} plan approvals'),
      }),
    );
    setToUserId('');
    setReason('');
    onMoved();
    return true;
  }

  return (
    <section class="card" aria-labelledby="work-heading">
      <h2 id="work-heading">{t('Work in hand')}</h2>
      {outcome && <Notice kind="success">{outcome}</Notice>}
      <dl class="figures">
        <div>
          <dt>{t('Accounts in work')}</dt>
          <dd>{formatNumber(work.accountsInWork)}</dd>
        </div>
        <div>
          <dt>{t('Open tasks')}</dt>
          <dd>{formatNumber(work.openTasks)}</dd>
        </div>
        <div>
          <dt>{t('Pending approvals')}</dt>
          <dd>{formatNumber(work.pendingApprovals)}</dd>
        </div>
      </dl>
      {work.accounts.length > 0 && (
        <>
          <h3>{t('Accounts')}{work.accountsInWork > work.accounts.length ? (' ' + t('(first {length} by name)', { length: work.accounts.length })) : ''}</h3>
          <ul class="work-list">
            {work.accounts.map((account) => (
              <li key={account.id}>
                <a href={href(`/accounts/${account.id}`)}>{account.name}</a> <StatusBadge status={account.status} />
              </li>
            ))}
          </ul>
        </>
      )}
      {work.tasks.length > 0 && (
        <>
          <h3>{t('Open tasks')}{work.openTasks > work.tasks.length ? (' ' + t('(first {length} by due date)', { length: work.tasks.length })) : ''}</h3>
          <ul class="work-list">
            {work.tasks.map((task) => (
              <li key={task.id}>
                {task.title} <span class="muted">{t('due {dueAt}', { dueAt: formatDateTime(task.dueAt) })}</span>
                {task.accountId && (
                  <>
                    {' '}
                    · <a href={href(`/accounts/${task.accountId}`)}>{accountName.get(task.accountId) ?? t('account')}</a>
                  </>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      {nothing ? (
        <Empty>{t('Nothing to reassign.')}</Empty>
      ) : (
        <>
          <ErrorNotice error={reassign.error} title={t('Nothing was moved')} />
          <ConfirmAction
            label={t('Reassign to…')}
            name={t("Reassign {name}'s work to…", { name: user.name })}
            question={t('Move every account in work, open task and pending approval of {name} to:', { name: user.name })}
            confirmLabel={t('Reassign everything')}
            danger={false}
            busy={reassign.busy}
            onConfirm={confirmReassign}
          >
            <Field label={t('New owner')} error={(missingTarget && !toUserId ? t('Pick who takes over') : undefined) ?? reassign.error?.detailFor('body.toUserId')}>
              {(props) => (
                <select {...props} value={toUserId} onChange={(event) => (setToUserId(event.currentTarget.value), setMissingTarget(false))}>
                  <option value="">{t('Choose someone…')}</option>
                  {candidates.map((candidate) => (
                    <option key={candidate.id} value={candidate.id}>
                      {userLabel(candidate)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={t('Reason (optional)')} hint={t('Kept in each account\'s history and in the audit log')} error={reassign.error?.detailFor('body.reason')}>
              {(props) => <input {...props} maxLength={500} value={reason} onInput={(event) => setReason(event.currentTarget.value)} />}
            </Field>
          </ConfirmAction>
        </>
      )}
    </section>
  );
}
