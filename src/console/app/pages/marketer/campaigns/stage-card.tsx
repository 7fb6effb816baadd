import type { ApiError } from '../../../api';
import { Field } from '../../../components/field';
import { stageTypeHints, stageTypeLabels } from './campaign-model';
import { stageDetail, type StageDraft } from './stage-draft';
import { StageSettingsForm, type Choices } from './stage-settings-form';

interface Props {
  stage: StageDraft;
  index: number;
  count: number;
  choices: Choices;
  error: ApiError | undefined;
  onChange(stage: StageDraft): void;
  onMove(offset: -1 | 1): void;
  onRemove(): void;
}

/** One stage of the builder: its name, start date and settings, and its place in the order. */
export function StageCard({ stage, index, count, choices, error, onChange, onMove, onRemove }: Props) {
  const number = index + 1;
  const title = `Stage ${number}: ${stageTypeLabels[stage.type]}`;
  const typeProblem = stageDetail(error, index, 'type');
  const headingId = `stage-${stage.uid}-heading`;
  return (
    <section class={`card stage-card stage-${stage.type.toLowerCase()}`} aria-labelledby={headingId}>
      <div class="page-head">
        <h3 id={headingId}>{title}</h3>
        <div class="actions">
          <button type="button" onClick={() => onMove(-1)} disabled={index === 0} aria-label={`Move stage ${number} earlier`}>
            ↑ Earlier
          </button>
          <button type="button" onClick={() => onMove(1)} disabled={index === count - 1} aria-label={`Move stage ${number} later`}>
            ↓ Later
          </button>
          <button type="button" class="danger" onClick={onRemove} aria-label={`Remove stage ${number}`}>
            Remove
          </button>
        </div>
      </div>
      <p class="hint">{stageTypeHints[stage.type]}</p>
      {typeProblem && <p class="group-error">{typeProblem}</p>}
      <div class="row">
        <Field label={`Stage ${number} name`} error={stageDetail(error, index, 'name')}>
          {(props) => <input {...props} value={stage.name} maxLength={200} placeholder="Optional" onInput={(event) => onChange({ ...stage, name: event.currentTarget.value })} />}
        </Field>
        <Field
          label={`Stage ${number} starts`}
          error={stageDetail(error, index, 'startAt')}
          hint={index === 0 ? 'The first stage needs a date to be scheduled' : 'Empty: right after the previous stage ends'}
        >
          {(props) => <input {...props} type="datetime-local" step={1} value={stage.startAt} onInput={(event) => onChange({ ...stage, startAt: event.currentTarget.value })} />}
        </Field>
      </div>
      <StageSettingsForm stage={stage} index={index} choices={choices} error={error} onChange={onChange} />
    </section>
  );
}
