import { StatusBadge } from '../../../components/badge';
import { formatDateTime } from '../../../format';
import type { Me } from '../../../session';
import { endedStatuses, stageTypeLabels } from './campaign-model';
import type { JourneyCampaignView, JourneyStageView } from './journey-view';
import { cohortWords, startWords, withLocalTimes } from './journey-words';
import { CohortCounts, StageCounts } from './stage-counts';
import { StageDecision } from './stage-decision';
import { hasCohort } from './stage-draft';
import { StageReschedule } from './stage-reschedule';
import { t } from '../../../i18n/i18n';

interface Props {
  view: JourneyCampaignView;
  stage: JourneyStageView;
  me: Me | null | undefined;
  writer: boolean;
  onChanged(view: JourneyCampaignView, what: string): void;
}

/** One stage on the campaign page: when it starts and whom it works on in words, what it waits for, its counts and what can be done with it. */
export function CampaignStageSection({ view, stage, me, writer, onChanged }: Props) {
  // The console's own words, as on the builder: the same journey reads the same before and after it is saved.
  const who = hasCohort(stage.type) ? cohortWords(stage.cohort, view.stages) : null;
  return (
    <section class={`card stage-card stage-${stage.type.toLowerCase()}`} aria-labelledby={`stage-${stage.id}`}>
      <h3 id={`stage-${stage.id}`}>
        {t('Stage')}{' '}{stage.position + 1}: {t(stageTypeLabels[stage.type])}
        {stage.name ? ` · ${stage.name}` : ''} <StatusBadge status={stage.status} />
      </h3>
      <p class="journey-words">
        {t('Starts {stage}', { stage: startWords(stage, stage.position, view.stages, !!view.evergreen) })}
        {who && `, ${who}`}.
      </p>
      {stage.status === 'PENDING' && stage.waitsFor && (
        <p class="waits-for">
          <strong>{t('Waits for')}</strong> {withLocalTimes(stage.waitsFor)}
        </p>
      )}
      {(stage.startedAt || stage.completedAt || stage.endReason) && (
        <p class="muted">
          {stage.startedAt ? t('Started {startedAt}', { startedAt: formatDateTime(stage.startedAt) }) : t('Did not start')}
          {stage.completedAt && (' ' + t('· finished {completedAt}', { completedAt: formatDateTime(stage.completedAt) }))}
          {stage.endReason && ` · ${stage.endReason}`}
        </p>
      )}
      <CohortCounts stage={stage} />
      <StageCounts stage={stage} />
      {me && <StageDecision campaignId={view.id} stage={stage} meId={me.id} onChanged={onChanged} />}
      {/* A draft's stages are edited in the builder; a scheduled campaign's pending ones here. */}
      {writer && stage.status === 'PENDING' && view.status !== 'DRAFT' && !view.evergreen && !endedStatuses.includes(view.status) && (
        <StageReschedule campaignId={view.id} stage={stage} onChanged={onChanged} />
      )}
    </section>
  );
}
