import { WorkflowLink } from '../../components/workflow-link';
import { useState } from 'preact/hooks';
import type { PlanReport } from '../../../../plan-progress/progress.schemas';
import type { PlanView } from '../../../../plans/plans.schemas';
import { StatusBadge } from '../../components/badge';
import { Empty, ErrorNotice, Loading, Notice } from '../../components/notices';
import type { PageProps } from '../../page-route';
import { href } from '../../router';
import { currentUser } from '../../session';
import { useSignal } from '../../signal';
import { useApi } from '../../use-api';
import { useUsers } from '../../use-users';
import { ApplyPanel } from './apply-panel';
import { ObjectiveForm } from './objective-form';
import { ObjectiveProgressView } from './objective-progress';
import { PlanDecision } from './plan-decision';
import { PlanFacts } from './plan-facts';
import { PlanHistory } from './plan-history';
import { planPermissions } from './plan-permissions';
import { ChildPlans, PlanProgress } from './plan-progress';
import './executive.css';
import { t } from '../../i18n/i18n';

export function PlanPage({ params, query }: PageProps) {
  const me = useSignal(currentUser)!;
  const plan = useApi<PlanView>(`/plans/${params.id}`);
  const report = useApi<PlanReport>(`/reports/plans/${params.id}`);
  const { nameOf } = useUsers();
  // Bumped after an apply: the objectives' account counts are read again.
  const [version, setVersion] = useState(0);
  const refresh = () => {
    void plan.reload();
    void report.reload();
    setVersion((value) => value + 1);
  };
  const created = query.get('created');

  if (plan.error && !plan.data) {
    return (
      <section>
        <p>
          <a href={href('/plans')}>{t('← All plans')}</a>
        </p>
        <h1>{t('Plan')}</h1>
        <ErrorNotice error={plan.error} title={t('The plan could not be loaded')} />
      </section>
    );
  }
  if (!plan.data) return <Loading label={t('Loading the plan…')} />;
  const data = plan.data;
  const may = planPermissions(data, me);
  return (
    <section>
      <p>
        <a href={href(data.parent ? `/plans/${data.parent.id}` : '/plans')}>← {data.parent ? data.parent.name : t('All plans')}</a>
      </p>
      <div class="page-head">
        <h1>{data.name}</h1>
        <StatusBadge status={data.status} />
        <WorkflowLink workflowId={data.workflowId} />
      </div>
      {created !== null && (
        <Notice kind="success">
          {t('Plan created as a draft')}{Number(created) > 0 ? t(', with {created} quarterly plans', { created }) : ''}{t('. Add objectives, then submit it for approval.')}</Notice>
      )}
      <ErrorNotice error={plan.error} title={t('The plan could not be refreshed')} />
      <div class="grid">
        <section class="card" aria-labelledby="plan-facts-heading">
          <h2 id="plan-facts-heading">{t('Plan')}</h2>
          {data.description && <p>{data.description}</p>}
          <PlanFacts plan={data} nameOf={nameOf} />
        </section>
        <PlanDecision plan={data} me={me} onChanged={refresh} />
      </div>

      <section class="card" aria-labelledby="plan-progress-heading">
        <h2 id="plan-progress-heading">{t('Progress')}</h2>
        <PlanProgress report={report} />
      </section>

      <section class="card" aria-labelledby="plan-children-heading">
        <h2 id="plan-children-heading">{t('Quarterly plans')}</h2>
        {report.data && report.data.children.length > 0 ? <ChildPlans children={report.data.children} /> : <Empty>{report.data ? t('This plan has no child plans.') : t('Loading…')}</Empty>}
      </section>

      <section class="card" aria-labelledby="plan-objectives-heading">
        <h2 id="plan-objectives-heading">{t('Objectives')}</h2>
        {data.objectives.items.length === 0 && <Empty>{t('No objectives yet.')}</Empty>}
        {data.objectives.items.map((objective) => (
          <ObjectiveProgressView key={objective.id} objectiveId={objective.id} version={version} />
        ))}
        {may.change && (
          <div class="objective">
            <ObjectiveForm planId={data.id} onAdded={refresh} />
          </div>
        )}
      </section>

      {may.change && (
        <section class="card">
          <ApplyPanel plan={data} onApplied={refresh} />
        </section>
      )}

      <section class="card" aria-labelledby="plan-history-heading">
        <h2 id="plan-history-heading">{t('History')}</h2>
        <PlanHistory history={data.history} nameOf={nameOf} />
      </section>
    </section>
  );
}
