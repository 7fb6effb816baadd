import type { ApiError } from '../../../api';
import { Field } from '../../../components/field';
import { stageTypeHints, stageTypeLabels } from './campaign-model';
import type { JourneyContext } from './journey-choices';
import { evergreenStageTypes } from './evergreen-draft';
import { StageCohortForm } from './stage-cohort-form';
import { hasCohort, stageDetail, type StageDraft } from './stage-draft';
import { StageSettingsForm, type Choices } from './stage-settings-form';
import { StageStartForm } from './stage-start-form';
import { t } from '../../../i18n/i18n';

interface Props {
  stage: StageDraft;
  index: number;
  journey: JourneyContext;
  choices: Choices;
  error: ApiError | undefined;
  onChange(stage: StageDraft): void;
  onMove(offset: -1 | 1): void;
  onRemove(): void;
}

/** One stage of the builder: its name, when it starts, whom it works on, its settings, and its place in the order. */
export function StageCard({ stage, index, journey, choices, error, onChange, onMove, onRemove }: Props) {
  const number = index + 1;
  const count = journey.stages.length;
  const title = t('Stage {number}: {value}', { number, value: t(stageTypeLabels[stage.type]) });
  const typeProblem = stageDetail(error, index, 'type');
  const headingId = `stage-${stage.uid}-heading`;
  const misplaced = journey.evergreen && !evergreenStageTypes.includes(stage.type);
  return (
    <section class={`card stage-card stage-${stage.type.toLowerCase()}`} aria-labelledby={headingId}>
      <div class="page-head">
        <h3 id={headingId}>{title}</h3>
        <div class="actions">
          <button type="button" onClick={() => onMove(-1)} disabled={index === 0} aria-label={t('Move stage {number} earlier', { number })}>
            {t('↑ Earlier')}</button>
          <button type="button" onClick={() => onMove(1)} disabled={index === count - 1} aria-label={t('Move stage {number} later', { number })}>
            {t('↓ Later')}</button>
          <button type="button" class="danger" onClick={onRemove} aria-label={t('Remove stage {number}', { number })}>
            {t('Remove')}</button>
        </div>
      </div>
      <p class="hint">{t(stageTypeHints[stage.type])}</p>
      {misplaced && <p class="group-error">{t('An evergreen campaign has only mailing, call tasks and wait stages: its segment is enrolled on its schedule. Remove this stage.')}</p>}
      {typeProblem && <p class="group-error">{typeProblem}</p>}
      <Field label={t('Stage {number} name', { number })} error={stageDetail(error, index, 'name')}>
        {(props) => <input {...props} value={stage.name} maxLength={200} placeholder={t('Optional')} onInput={(event) => onChange({ ...stage, name: event.currentTarget.value })} />}
      </Field>
      <StageStartForm stage={stage} index={index} journey={journey} error={error} onChange={onChange} />
      {hasCohort(stage.type) && <StageCohortForm stage={stage} index={index} journey={journey} error={error} onChange={onChange} />}
      <StageSettingsForm stage={stage} index={index} choices={choices} error={error} onChange={onChange} />
    </section>
  );
}
