import { StatusBadge } from '../../../components/badge';
import { formatDateTime } from '../../../format';
import { href } from '../../../router';
import type { Me } from '../../../session';
import { useAction } from '../../../use-api';
import { approvalCount } from '../../executive/approval-count';
import { DecisionForm } from '../../executive/decision-form';
import { money } from './budget-model';
import { WithdrawRequest } from './budget-request-controls';
import { decideTransfer, decisionOf, eitherOf, mayWithdraw, outcomeOf, sideLabel, titleOf, type BudgetTransferView, type SideName } from './transfer-model';
import { t } from '../../../i18n/i18n';

/** One transfer seen from `budgetId`'s page: where the funds go or come from, each side's approval, and what the caller may do. */
export function TransferItem({ transfer, budgetId, me, onChanged }: { transfer: BudgetTransferView; budgetId: string; me: Me | null; onChanged(message: string): void }) {
  const outgoing = transfer.from.budgetId === budgetId;
  const other = outgoing ? transfer.to : transfer.from;
  const title = titleOf(transfer);
  const headingId = `transfer-${transfer.id}-heading`;
  const decision = decisionOf(transfer, me);
  const decide = useAction(decideTransfer);
  const run = async (verb: 'approve' | 'reject', text: string | undefined) => {
    const after = await decide.run(transfer.id, verb, text);
    if (!after) return;
    onChanged(`${verb === 'approve' ? t('Approved') : t('Rejected')} ${title}: ${outcomeOf(after)}`);
    void approvalCount.refresh();
  };
  return (
    <article class="transfer-item" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {outgoing ? t('To ') : t('From ')}
        <a href={href(`/budgets/${other.budgetId}`)}>{other.budgetName}</a>: {money(transfer.amount, transfer.currency)}
      </h3>
      <dl class="facts">
        <dt>{t('Status')}</dt>
        <dd>
          <StatusBadge status={transfer.status} /> <Decided transfer={transfer} />
        </dd>
        <dt>{t('Asked by')}</dt>
        <dd>
          {transfer.requestedBy.name}, {formatDateTime(transfer.requestedAt)}
        </dd>
        <dt>{t('Reason')}</dt>
        <dd>{transfer.reason}</dd>
        <SideApproval transfer={transfer} side="from" />
        <SideApproval transfer={transfer} side="to" />
        {transfer.comment && (
          <>
            <dt>{transfer.status === 'REJECTED' ? t('Why rejected') : t('Comment')}</dt>
            <dd>{transfer.comment}</dd>
          </>
        )}
      </dl>
      {decision && (
        <>
          <p class="muted">
            {decision.onBehalf ? t('As an admin you decide on behalf of the approvers, for ') : t('Your approval covers ')}
            {decision.sides.map((side) => sideLabel(side, transfer[side].budgetName)).join(' and ')}.
          </p>
          <DecisionForm subject={title} busy={decide.busy} error={decide.error} onApprove={(comment) => void run('approve', comment)} onReject={(reason) => void run('reject', reason)} />
        </>
      )}
      {mayWithdraw(transfer, me) && <Withdraw transfer={transfer} title={title} onWithdrawn={onChanged} />}
    </article>
  );
}

/** "by Theo Other, 3 Mar 2027, 10:00": who ended the transfer (for an applied one, the last approval), and when. */
function Decided({ transfer }: { transfer: BudgetTransferView }) {
  if (transfer.status === 'PENDING' || !transfer.decidedBy) return null;
  return (
    <>
      {t('by {name}', { name: transfer.decidedBy.name })}
      {transfer.decidedOnBehalf && t(' (an admin, on behalf of the approvers)')}, {formatDateTime(transfer.decidedAt)}
    </>
  );
}

/** One side's approval: who approved and when, or who may still approve it. */
function SideApproval({ transfer, side }: { transfer: BudgetTransferView; side: SideName }) {
  const { budgetName, approvedBy, approvedAt, approvers } = transfer[side];
  return (
    <>
      <dt>
        {side === 'from' ? t('Giving') : t('Receiving')} “{budgetName}”
      </dt>
      <dd>
        {approvedBy ? t('Approved by {name}, {approvedAt}', { name: approvedBy.name, approvedAt: formatDateTime(approvedAt) }) : transfer.status === 'PENDING' ? t('Waits for {approvers}', { approvers: eitherOf(approvers) }) : t('Not approved')}
      </dd>
    </>
  );
}

/** Who asked (or an admin) withdraws a waiting transfer. */
function Withdraw({ transfer, title, onWithdrawn }: { transfer: BudgetTransferView; title: string; onWithdrawn(message: string): void }) {
  return (
    <WithdrawRequest<BudgetTransferView>
      cancelPath={`/budget-transfers/${transfer.id}/cancel`}
      name={t('Withdraw the {title}', { title })}
      question={t('Withdraw this request? Nothing moves, and the approvers who have not answered are told.')}
      onWithdrawn={(after) => {
        onWithdrawn(t('Withdrew the {title}: {after}', { title, after: outcomeOf(after) }));
        void approvalCount.refresh();
      }}
    />
  );
}
