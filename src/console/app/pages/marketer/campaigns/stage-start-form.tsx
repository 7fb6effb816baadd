import type { ApiError } from '../../../api';
import { DurationField } from '../../../components/duration-field';
import { Field } from '../../../components/field';
import { exactStageDetail, sourceOptions, stageOptions, type JourneyContext } from './journey-choices';
import type { StartDraft, StartKind } from './journey-draft';
import { stageDetail, type StageDraft } from './stage-draft';
import { msg, t } from '../../../i18n/i18n';

interface Props {
  stage: StageDraft;
  index: number;
  journey: JourneyContext;
  error: ApiError | undefined;
  onChange(stage: StageDraft): void;
}

const kindLabels: Record<StartKind, string> = {
  previous: msg('After the previous stage'),
  date: msg('On a date'),
  stageEnded: msg('When a stage ends'),
  afterStage: msg('Some time after a stage ends'),
  responses: msg('When enough responses have arrived'),
  approved: msg('When an approval stage is approved'),
};

/**
 * The kinds offered to stage `index`: conditions on a stage only when there is an earlier one (an
 * approval, for `approved`). An evergreen campaign's stages run per enrollment, timed from it: no
 * dates, and nothing that counts the whole campaign's responses.
 */
function offeredKinds(index: number, journey: JourneyContext): StartKind[] {
  if (journey.evergreen) return index === 0 ? ['previous'] : ['previous', 'stageEnded', 'afterStage'];
  if (index === 0) return ['date', 'responses'];
  const approvals = journey.stages.slice(0, index).some((stage) => stage.type === 'APPROVAL');
  return ['previous', 'date', 'stageEnded', 'afterStage', 'responses', ...(approvals ? (['approved'] as const) : [])];
}

/** The kind as shown: the first stage has no previous one (it starts on its date, or at enrollment), and an evergreen stage no date. */
export function shownKind(kind: StartKind, index: number, evergreen: boolean): StartKind {
  if (evergreen && kind === 'date') return 'previous';
  if (!evergreen && index === 0 && kind === 'previous') return 'date';
  return kind;
}

/** "Starts": after the previous stage, on a date, or on a condition on an earlier stage or on responses, with a "not before" date beside a condition. */
export function StageStartForm({ stage, index, journey, error, onChange }: Props) {
  const number = index + 1;
  const start = stage.start;
  const kind = shownKind(start.kind, index, journey.evergreen);
  const kinds = offeredKinds(index, journey);
  if (!kinds.includes(kind)) kinds.push(kind);
  const set = (change: Partial<StartDraft>) => onChange({ ...stage, start: { ...start, kind, ...change } });
  const problem = (field: string) => stageDetail(error, index, `startWhen.${field}`);
  const onStage = kind === 'stageEnded' || kind === 'afterStage' || kind === 'approved';
  const dated = !journey.evergreen && kind !== 'previous';
  const label = (text: string) => (text === kindLabels.previous && index === 0 ? t('At enrollment') : text);
  return (
    <div class="row journey-start">
      <Field label={t('Start of stage {number}', { number })} error={exactStageDetail(error, index, 'startWhen') ?? problem('kind')}>
        {(props) => (
          <select {...props} value={kind} onChange={(event) => set({ kind: event.currentTarget.value as StartKind })}>
            {kinds.map((option) => (
              <option key={option} value={option}>
                {t(label(kindLabels[option]))}
              </option>
            ))}
          </select>
        )}
      </Field>
      {onStage && (
        <Field label={t('Stage {number} depends on', { number })} error={problem('stage')} hint={kind === 'approved' ? t('An earlier approval stage') : t('An earlier stage')}>
          {(props) => (
            <select {...props} value={start.stageUid ?? ''} onChange={(event) => set({ stageUid: event.currentTarget.value ? Number(event.currentTarget.value) : null })}>
              <option value="">{t('Choose a stage…')}</option>
              {stageOptions(journey.stages, index, start.stageUid, kind === 'approved' ? 'APPROVAL' : undefined).map((option) => (
                <option key={option.uid} value={option.uid}>
                  {option.label}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      {kind === 'afterStage' && (
        <DurationField label={t('Stage {number} delay', { number })} error={problem('duration')} hint={t('How long after that stage ends')} value={start.duration} onChange={(duration) => set({ duration })} />
      )}
      {kind === 'responses' && (
        <>
          <Field label={t('Responses before stage {number}', { number })} error={problem('count')} hint={t('The campaign’s responses so far, at least 1')}>
            {(props) => <input {...props} type="number" min={1} value={start.count} onInput={(event) => set({ count: event.currentTarget.value })} />}
          </Field>
          <Field label={t('Stage {number} counts responses through', { number })} error={problem('sourceCode')}>
            {(props) => (
              <select {...props} value={start.sourceCode} onChange={(event) => set({ sourceCode: event.currentTarget.value })}>
                <option value="">{t('Any sub-source')}</option>
                {sourceOptions(journey.sourceCodes, start.sourceCode).map((code) => (
                  <option key={code} value={code}>
                    {code}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </>
      )}
      {dated && (
        <Field
          label={kind === 'date' ? t('Stage {number} starts', { number }) : t('Stage {number} not before', { number })}
          error={stageDetail(error, index, 'startAt')}
          hint={kind !== 'date' ? t('Optional: the stage starts once both hold') : index === 0 ? t('The first stage needs a date to be scheduled') : t('And once the previous stage has ended')}
        >
          {(props) => <input {...props} type="datetime-local" step={1} value={stage.startAt} onInput={(event) => onChange({ ...stage, startAt: event.currentTarget.value, start: { ...start, kind } })} />}
        </Field>
      )}
    </div>
  );
}
