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

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

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
    const target = candidates.find((candidate) => candidate.id === toUserId)?.name ?? 'the new owner';
    setOutcome(
      `Moved to ${target}: ${plural(answer.accounts, 'account')}, ${plural(answer.tasks, 'task')}, ` +
        `${plural(answer.approvals.campaignStages, 'campaign stage approval')} and ${plural(answer.approvals.plans, 'plan approval')}.`,
    );
    setToUserId('');
    setReason('');
    onMoved();
    return true;
  }

  return (
    <section class="card" aria-labelledby="work-heading">
      <h2 id="work-heading">Work in hand</h2>
      {outcome && <Notice kind="success">{outcome}</Notice>}
      <dl class="figures">
        <div>
          <dt>Accounts in work</dt>
          <dd>{formatNumber(work.accountsInWork)}</dd>
        </div>
        <div>
          <dt>Open tasks</dt>
          <dd>{formatNumber(work.openTasks)}</dd>
        </div>
        <div>
          <dt>Pending approvals</dt>
          <dd>{formatNumber(work.pendingApprovals)}</dd>
        </div>
      </dl>
      {work.accounts.length > 0 && (
        <>
          <h3>Accounts{work.accountsInWork > work.accounts.length ? ` (first ${work.accounts.length} by name)` : ''}</h3>
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
          <h3>Open tasks{work.openTasks > work.tasks.length ? ` (first ${work.tasks.length} by due date)` : ''}</h3>
          <ul class="work-list">
            {work.tasks.map((task) => (
              <li key={task.id}>
                {task.title} <span class="muted">due {formatDateTime(task.dueAt)}</span>
                {task.accountId && (
                  <>
                    {' '}
                    · <a href={href(`/accounts/${task.accountId}`)}>{accountName.get(task.accountId) ?? 'account'}</a>
                  </>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      {nothing ? (
        <Empty>Nothing to reassign.</Empty>
      ) : (
        <>
          <ErrorNotice error={reassign.error} title="Nothing was moved" />
          <ConfirmAction
            label="Reassign to…"
            name={`Reassign ${user.name}'s work to…`}
            question={<>Move every account in work, open task and pending approval of {user.name} to:</>}
            confirmLabel="Reassign everything"
            danger={false}
            busy={reassign.busy}
            onConfirm={confirmReassign}
          >
            <Field label="New owner" error={(missingTarget && !toUserId ? 'Pick who takes over' : undefined) ?? reassign.error?.detailFor('body.toUserId')}>
              {(props) => (
                <select {...props} value={toUserId} onChange={(event) => (setToUserId(event.currentTarget.value), setMissingTarget(false))}>
                  <option value="">Choose someone…</option>
                  {candidates.map((candidate) => (
                    <option key={candidate.id} value={candidate.id}>
                      {userLabel(candidate)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label="Reason (optional)" hint="Kept in each account's history and in the audit log" error={reassign.error?.detailFor('body.reason')}>
              {(props) => <input {...props} maxLength={500} value={reason} onInput={(event) => setReason(event.currentTarget.value)} />}
            </Field>
          </ConfirmAction>
        </>
      )}
    </section>
  );
}
