import { useState } from 'preact/hooks';
import type { PlanView } from '../../../../plans/plans.schemas';
import { post } from '../../api';
import { ErrorNotice, Notice } from '../../components/notices';
import { humanize } from '../../format';
import { useAction } from '../../use-api';
import { DecisionForm } from './decision-form';
import { planPermissions } from './plan-permissions';
import type { Me } from '../../session';
import { approvalCount } from './approval-count';
import { t } from '../../i18n/i18n';

/** Submit (its author) or approve / reject (its approvers), with what happened shown afterwards. */
export function PlanDecision({ plan, me, onChanged }: { plan: PlanView; me: Me; onChanged(plan: PlanView): void }) {
  const may = planPermissions(plan, me);
  const [outcome, setOutcome] = useState<string>();
  const submit = useAction(() => post<PlanView>(`/plans/${plan.id}/submit`));
  const decide = useAction((decision: 'approve' | 'reject', body: object) => post<PlanView>(`/plans/${plan.id}/${decision}`, body));
  const done = (after: PlanView | undefined, message: (after: PlanView) => string) => {
    if (!after) return;
    setOutcome(message(after));
    onChanged(after);
    void approvalCount.refresh();
  };
  if (!may.submit && !may.decide && !outcome) return null;
  return (
    <section class="card" aria-labelledby="plan-decision-heading">
      <h2 id="plan-decision-heading">{t('Approval')}</h2>
      {outcome && <Notice kind="success">{outcome}</Notice>}
      {may.submit && (
        <>
          <p>{plan.status === 'REJECTED' ? t('Rework the plan and submit it again.') : t('Submit the plan: its approvers are notified.')}</p>
          <ErrorNotice error={submit.error} title={t('Not submitted')} />
          <button type="button" class="primary" disabled={submit.busy} onClick={async () => done(await submit.run(), (after) => t('Submitted for approval: the plan is {status}.', { status: humanize(after.status) }))}>
            {submit.busy ? t('Submitting…') : t('Submit for approval')}
          </button>
        </>
      )}
      {may.decide && (
        <DecisionForm
          subject={t('plan "{name}"', { name: plan.name })}
          busy={decide.busy}
          error={decide.error}
          onApprove={async (comment) => done(await decide.run('approve', comment ? { comment } : {}), (after) => t('Approved: the plan is {status}.', { status: humanize(after.status) }))}
          onReject={async (reason) => done(await decide.run('reject', { reason }), (after) => t('Rejected: the plan is {status} and goes back to its author.', { status: humanize(after.status) }))}
        />
      )}
    </section>
  );
}
