import { useState } from 'preact/hooks';
import type { BudgetOverrunView, WorkFundingView } from '../../../../../budgets/budget-overruns.schemas';
import { post } from '../../../api';
import { Field } from '../../../components/field';
import { ErrorNotice, Notice } from '../../../components/notices';
import { WorkflowLink } from '../../../components/workflow-link';
import { formatDateTime } from '../../../format';
import { href } from '../../../router';
import { currentUser, type Me } from '../../../session';
import { useSignal } from '../../../signal';
import { useAction, useApi } from '../../../use-api';
import '../../account/account.css';
import { approvalCount } from '../../executive/approval-count';
import '../../executive/executive.css';
import { useReloadOn } from '../../executive/use-reload-on';
import { durationWords } from '../campaigns/journey-words';
import '../marketer.css';
import { money } from './budget-model';
import { ReminderField, WithdrawRequest } from './budget-request-controls';
import { eitherOf } from './transfer-model';
import './work-funding.css';
import { t } from '../../../i18n/i18n';

export type { WorkFundingView };

/** The campaign or the event whose funding is shown. */
export type FundedWork = { campaignId: string } | { eventId: string };

/** Marketers and admins ask for an overrun (the API's roles); anyone reads the funding. */
const mayAsk = (me: Me | null) => me?.role === 'marketer' || me?.role === 'admin';
/** Who asked, or an admin, withdraws a waiting request. */
const mayWithdraw = (overrun: BudgetOverrunView, me: Me | null) => !!me && (overrun.requestedBy.id === me.id || me.role === 'admin');
const isOver = (amount: string | null) => amount !== null && Number(amount) > 0;

/**
 * The Budget card of a campaign or an event: the budget that funds it, its planned cost, the funds
 * given and the amount over, whether the budget lets it be scheduled and why, the overrun request
 * that waits, and (for marketers and admins, when one may be asked) the form asking the budget's
 * owner to approve the overrun. Work no budget funds shows nothing: the budget never holds it back.
 * `version` moving on reloads it (a save changed the costs, scheduling was refused).
 */
export function WorkFundingCard({ work, version = 0 }: { work: FundedWork; version?: number }) {
  const me = useSignal(currentUser);
  const funding = useApi<WorkFundingView>('/budget-funding', work);
  useReloadOn(version, funding.reload);
  const [notice, setNotice] = useState<string>();
  const changed = (message: string) => {
    setNotice(message);
    void funding.reload();
    void approvalCount.refresh();
  };
  const view = funding.data;
  if (!view) return <ErrorNotice error={funding.error} title={t('The budget funding could not be loaded')} />;
  if (!view.budget) return null;
  const currency = view.currency ?? '';
  const over = isOver(view.over);
  return (
    <section class="card work-funding" aria-labelledby="work-funding-heading">
      <h2 id="work-funding-heading">{t('Budget funding')}</h2>
      <ErrorNotice error={funding.error} title={t('The latest funding could not be loaded')} />
      {notice && <Notice kind="success">{notice}</Notice>}
      <p>
        {t('Funded by budget')}{' '}<a href={href(`/budgets/${view.budget.id}`)}>{view.budget.name}</a>.
      </p>
      <dl class="figures" aria-label={t('Budget funding figures')}>
        <div>
          <dt>{t('Planned cost')}</dt>
          <dd>{money(view.planned ?? '0.00', currency)}</dd>
        </div>
        <div>
          <dt>{t('Funds given')}</dt>
          <dd>{money(view.allocated ?? '0.00', currency)}</dd>
        </div>
        <div class={over ? 'funding-over' : undefined}>
          <dt>{t('Over its funding')}</dt>
          <dd>{money(view.over ?? '0.00', currency)}</dd>
        </div>
        {view.approvedUpTo !== null && (
          <div>
            <dt>{t('Approved up to')}</dt>
            <dd>{money(view.approvedUpTo, currency)}</dd>
          </div>
        )}
      </dl>
      <p class={view.schedulable ? 'muted' : 'funding-held'}>{view.explanation}</p>
      {view.pending && <WaitingOverrun overrun={view.pending} me={me} onWithdrawn={changed} />}
      {view.canAsk && mayAsk(me) && <AskOverrunForm work={work} over={money(view.over ?? '0.00', currency)} onAsked={changed} />}
    </section>
  );
}

/** The request waiting for the budget's owner: who asked, when, why, and who may approve it. */
function WaitingOverrun({ overrun, me, onWithdrawn }: { overrun: BudgetOverrunView; me: Me | null; onWithdrawn(message: string): void }) {
  return (
    <article class="waiting-overrun" aria-labelledby="waiting-overrun-heading">
      <h3 id="waiting-overrun-heading">{t('Waiting for approval: {over} over', { over: money(overrun.over, overrun.currency) })}</h3>
      <dl class="facts">
        <dt>{t('Asked by')}</dt>
        <dd>
          {overrun.requestedBy.name}, {formatDateTime(overrun.requestedAt)}
        </dd>
        <dt>{t('Reason')}</dt>
        <dd>{overrun.reason}</dd>
        <dt>{t('May approve')}</dt>
        <dd>{eitherOf(overrun.approvers)}</dd>
        {overrun.remindAfter && (
          <>
            <dt>{t('Reminder')}</dt>
            <dd>{t('After {remindAfter} without an answer', { remindAfter: durationWords(overrun.remindAfter) })}</dd>
          </>
        )}
      </dl>
      <WorkflowLink workflowId={overrun.workflowId} />
      {mayWithdraw(overrun, me) && <WithdrawOverrun overrun={overrun} onWithdrawn={onWithdrawn} />}
    </article>
  );
}

/** Withdraws the waiting request. */
function WithdrawOverrun({ overrun, onWithdrawn }: { overrun: BudgetOverrunView; onWithdrawn(message: string): void }) {
  return (
    <WithdrawRequest<BudgetOverrunView>
      cancelPath={`/budget-overruns/${overrun.id}/cancel`}
      name={t('Withdraw the overrun request')}
      question={t('Withdraw this request? It can no longer be approved, and the approvers who have not answered are told.')}
      onWithdrawn={() => onWithdrawn(t('Request withdrawn: the approvers are told.'))}
    />
  );
}

/**
 * Asks the budget's owner to let the work be scheduled over its funding. The reason is required here
 * as well as by the API, so the user is told before anything is sent. Who answers for the budget is
 * approved at once.
 */
function AskOverrunForm({ work, over, onAsked }: { work: FundedWork; over: string; onAsked(message: string): void }) {
  const [reason, setReason] = useState('');
  const [remindAfter, setRemindAfter] = useState('');
  const [reasonMissing, setReasonMissing] = useState(false);
  const ask = useAction(() => post<BudgetOverrunView>('/budget-overruns', { ...work, reason: reason.trim(), remindAfter: remindAfter || undefined }));
  async function submit(submitted: Event) {
    submitted.preventDefault();
    if (!reason.trim()) return setReasonMissing(true);
    const overrun = await ask.run();
    if (!overrun) return;
    setReason('');
    setRemindAfter('');
    onAsked(
      overrun.status === 'APPROVED'
        ? t('Approved at once, as you answer for budget “{name}”: it may be scheduled now.', { name: overrun.budget.name })
        : t('Approval asked: it waits for {approvers}.', { approvers: eitherOf(overrun.approvers) }),
    );
  }
  const reasonError = (reasonMissing && !reason.trim() ? t('Give a reason: the approvers read it') : undefined) ?? ask.error?.detailFor('body.reason');
  return (
    <form class="inline-form" onSubmit={submit} noValidate aria-label={t('Ask to go over budget')}>
      <h3>{t('Ask for approval')}</h3>
      <p class="muted">{t('The budget’s owner, or the owner’s manager, may let it be scheduled {over} over its funding.', { over })}</p>
      <ErrorNotice error={ask.error} title={t('Approval was not asked')} />
      <Field label={t('Reason')} hint={t('Required: the approvers read it')} error={reasonError}>
        {(props) => <textarea {...props} maxLength={2000} value={reason} onInput={(event) => (setReason(event.currentTarget.value), setReasonMissing(false))} />}
      </Field>
      <ReminderField value={remindAfter} error={ask.error?.detailFor('body.remindAfter')} onChange={setRemindAfter} />
      <button type="submit" class="primary" disabled={ask.busy}>
        {ask.busy ? t('Asking…') : t('Ask for approval')}
      </button>
    </form>
  );
}
