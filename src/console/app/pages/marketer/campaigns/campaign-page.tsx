import { WorkflowLink } from '../../../components/workflow-link';
import { useEffect, useState } from 'preact/hooks';
import { StatusBadge } from '../../../components/badge';
import { ErrorNotice, Loading, Notice } from '../../../components/notices';
import { formatDateTime, formatMoney, formatNumber, humanize } from '../../../format';
import type { PageProps } from '../../../page-route';
import { href } from '../../../router';
import { currentUser } from '../../../session';
import { useSignal } from '../../../signal';
import { useApi } from '../../../use-api';
import { WorkFundingCard } from '../budgets/work-funding-card';
import { CollateralUsageCard } from '../stock/collateral-usage-card';
import '../marketer.css';
import { CampaignActions } from './campaign-actions';
import { CampaignHistory } from './campaign-history';
import { isLive, mayWriteCampaigns } from './campaign-model';
import { CampaignStageSection } from './campaign-stage-section';
import { EvergreenSection } from './evergreen-section';
import { durationMs } from './iso-duration';
import type { JourneyCampaignView as CampaignView, JourneyStageView as StageView } from './journey-view';
import { StageTimeline, type TimelineStage } from './stage-timeline';
import { t } from '../../../i18n/i18n';

export const POLL_MS = 2000;

const date = (iso: string | null) => (iso ? new Date(iso) : null);

function timelineOf(stages: StageView[]): TimelineStage[] {
  return stages.map((stage) => ({
    key: stage.id,
    type: stage.type,
    name: stage.name,
    startAt: date(stage.startAt),
    startWhen: stage.startWhen ?? null,
    cohort: stage.cohort ?? null,
    startedAt: date(stage.startedAt),
    completedAt: date(stage.completedAt),
    status: stage.status,
    durationMs: stage.type === 'WAIT' ? durationMs(String(stage.settings.duration ?? '')) : null,
  }));
}

/** /campaigns/:id: the campaign's stages with their counts, followed live while it is scheduled or running. */
export function CampaignPage({ params, query }: PageProps) {
  const me = useSignal(currentUser);
  const [live, setLive] = useState(true);
  const campaign = useApi<CampaignView>(`/campaigns/${params.id}`, undefined, { pollMs: live ? POLL_MS : undefined });
  const [notice, setNotice] = useState<string>();
  // Moves on when scheduling is refused: the Budget funding card reloads to say why and offer to ask.
  const [fundingVersion, setFundingVersion] = useState(0);
  const status = campaign.data?.status;
  useEffect(() => {
    if (status) setLive(isLive(status));
  }, [status]);
  useEffect(() => {
    if (query.get('scheduled') === '1') setNotice(t('Scheduled: each stage starts on its date, or when what it waits for holds.'));
    else if (query.get('copied') === '1') setNotice(t('Copied into this new draft.'));
  }, [params.id]);

  if (!campaign.data) return campaign.error ? <ErrorNotice error={campaign.error} title={t('The campaign could not be loaded')} /> : <Loading />;
  const view = campaign.data;
  const writer = mayWriteCampaigns(me?.role);
  const onChanged = (answer: CampaignView, what: string) => {
    setNotice(t('{what}: the campaign is now {value}.', { what, value: humanize(answer.status).toLowerCase() }));
    void campaign.reload();
  };
  return (
    <section>
      <div class="page-head">
        <h1>
          {view.name} <StatusBadge status={view.status} />
        </h1>
        <div class="actions">
          <a href={href('/campaigns')}>{t('All campaigns')}</a>
          <a href={href(`/campaigns/${view.id}/report`)}>{t('Return report')}</a>
          <WorkflowLink workflowId={view.workflowId} />
        </div>
      </div>
      {notice && <Notice kind="success">{notice}</Notice>}
      {/* A failed poll keeps the last answer on screen and says so. */}
      <ErrorNotice error={campaign.error} title={t('The latest figures could not be loaded')} />
      {live && <p class="muted">{t('Following the campaign: figures update every {seconds} seconds.', { seconds: POLL_MS / 1000 })}</p>}
      {writer && <CampaignActions key={view.status} campaign={view} onChanged={onChanged} onScheduleRefused={() => setFundingVersion((version) => version + 1)} />}
      {view.status === 'DRAFT' && <WorkFundingCard work={{ campaignId: view.id }} version={fundingVersion} />}
      <CampaignSummary view={view} />
      <CollateralUsageCard path={`/campaigns/${view.id}/collateral-usage`} />
      <section class="card" aria-labelledby="run-timeline">
        <h2 id="run-timeline">{t('Timeline')}</h2>
        <StageTimeline stages={timelineOf(view.stages)} relative={!!view.evergreen} label={t('Journey timeline')} />
      </section>
      <EvergreenSection view={view} />
      <h2>{t('Stages')}</h2>
      {view.stages.length === 0 && <p class="muted">{t('No stages: this tracking-only campaign collects responses and costs through its sub-sources until it is completed.')}</p>}
      <ol class="stage-list-view">
        {view.stages.map((stage) => (
          <li key={stage.id}>
            <CampaignStageSection view={view} stage={stage} me={me} writer={writer} onChanged={onChanged} />
          </li>
        ))}
      </ol>
      <section class="card" aria-labelledby="history-heading">
        <h2 id="history-heading">{t('History')}</h2>
        <CampaignHistory events={view.history} />
      </section>
    </section>
  );
}

function CampaignSummary({ view }: { view: CampaignView }) {
  const { totals } = view;
  return (
    <section class="card" aria-labelledby="summary-heading">
      <h2 id="summary-heading">{t('Summary')}</h2>
      {view.description && <p>{view.description}</p>}
      {view.endReason && <Notice kind="warning">{t('Ended: {endReason}', { endReason: view.endReason })}</Notice>}
      <p class="muted">
        {view.channels.length > 0 ? (t('Channels: {value}.', { value: view.channels.join(', ') }) + ' ') : ''}
        {view.budget ? (t('Budget {amount}.', { amount: formatMoney(view.budget.amount, view.budget.currency) }) + ' ') : ''}
        {view.sources.length > 0 ? (t('Sub-sources: {value}.', { value: view.sources.map((source) => source.code).join(', ') }) + ' ') : ''}
        {view.parent && (
          <>
            {t('Part of')}{' '}<a href={href(`/campaigns/${view.parent.id}`)}>{view.parent.name}</a>.{' '}
          </>
        )}
        {view.copiedFromId && (
          <>
            {t('Copied from')}{' '}<a href={href(`/campaigns/${view.copiedFromId}`)}>{t('another campaign')}</a>.{' '}
          </>
        )}
        {t('Created {createdAt}', { createdAt: formatDateTime(view.createdAt) })}
        {view.endedAt ? t(', ended {endedAt}', { endedAt: formatDateTime(view.endedAt) }) : ''}.
      </p>
      <dl class="figures" aria-label={t('Campaign totals')}>
        {(
          [
            [t('Listed'), totals.listed],
            [t('Mails sent'), totals.sent],
            [t('Mails failed'), totals.failed],
            [t('Mails skipped'), totals.skipped],
            [t('Mails pending'), totals.pendingMail],
            [t('Tasks created'), totals.tasksCreated],
            [t('Approvals pending'), totals.pendingApprovals],
          ] as const
        ).map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{formatNumber(value)}</dd>
          </div>
        ))}
      </dl>
      {view.children.length > 0 && (
        <p>
          {t('Child campaigns:')}{' '}
          {view.children.map((child, index) => (
            <span key={child.id}>
              {index > 0 && ', '}
              <a href={href(`/campaigns/${child.id}`)}>{child.name}</a>
            </span>
          ))}
        </p>
      )}
    </section>
  );
}
