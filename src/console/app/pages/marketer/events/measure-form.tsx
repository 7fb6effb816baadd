import { useState } from 'preact/hooks';
import { patch, post } from '../../../api';
import { Field } from '../../../components/field';
import { FieldError } from '../../../components/field-error';
import { ErrorNotice } from '../../../components/notices';
import { humanize } from '../../../format';
import { ACCOUNT_STATUSES, ACTIVITY_TYPES, OUTCOMES, activityLabel } from '../../../lifecycle-terms';
import { useAction } from '../../../use-api';
import {
  cohortLabels,
  cohorts,
  figureLabels,
  measureKindLabels,
  measureKinds,
  reportFigures,
  windowStartLabels,
  windowStarts,
  type MeasureKind,
  type MeasureView,
} from './measure-model';
import { t } from '../../../i18n/i18n';

interface MeasureDraft {
  key: string;
  name: string;
  description: string;
  kind: MeasureKind;
  cohort: string;
  types: string[];
  outcomes: string[];
  statuses: string[];
  from: string;
  days: string;
  count: string;
  numerator: string;
  denominator: string;
  percent: boolean;
  eventKinds: string;
}

const emptyDraft: MeasureDraft = {
  key: '', name: '', description: '', kind: 'activities', cohort: 'attendees', types: [], outcomes: [], statuses: [], from: 'eventEnd', days: '30',
  count: 'accounts', numerator: '', denominator: 'attended', percent: true, eventKinds: '',
};

function draftOf(measure: MeasureView): MeasureDraft {
  const { definition } = measure;
  const shared = { ...emptyDraft, key: measure.key, name: measure.name, description: measure.description ?? '', kind: definition.kind, eventKinds: measure.eventKinds.join(', ') };
  if (definition.kind === 'ratio') return { ...shared, numerator: definition.numerator, denominator: definition.denominator, percent: definition.percent };
  const window = { cohort: definition.cohort, from: definition.window.from, days: String(definition.window.days) };
  if (definition.kind === 'statusReached') return { ...shared, ...window, statuses: definition.statuses };
  return { ...shared, ...window, types: definition.types ?? [], outcomes: definition.outcomes ?? [], count: definition.count };
}

/** The definition as the API takes it; what is not a whole number of days is sent as typed, for the API to name. */
function definitionOf(draft: MeasureDraft): unknown {
  if (draft.kind === 'ratio') return { kind: 'ratio', numerator: draft.numerator, denominator: draft.denominator, percent: draft.percent };
  const window = { from: draft.from, days: /^\d+$/.test(draft.days.trim()) ? Number(draft.days) : draft.days };
  if (draft.kind === 'statusReached') return { kind: 'statusReached', cohort: draft.cohort, statuses: draft.statuses, window };
  return {
    kind: 'activities', cohort: draft.cohort, window, count: draft.count,
    types: draft.types.length > 0 ? draft.types : undefined, outcomes: draft.outcomes.length > 0 ? draft.outcomes : undefined,
  };
}

const eventKindsOf = (text: string) => text.split(',').map((kind) => kind.trim()).filter(Boolean);

/**
 * Defines a measure, or changes one (`measure`): what it counts, whose accounts, over which window, or
 * which two figures it divides (the report's own, or other counts of the catalog: `countMeasures`).
 */
export function MeasureForm({ measure, countMeasures, onSaved, onCancel }: {
  measure?: MeasureView;
  countMeasures: MeasureView[];
  onSaved(measure: MeasureView): void;
  onCancel?(): void;
}) {
  const [draft, setDraft] = useState<MeasureDraft>(() => (measure ? draftOf(measure) : emptyDraft));
  const set = (change: Partial<MeasureDraft>) => setDraft((current) => ({ ...current, ...change }));
  const save = useAction(() => {
    const shared = { name: draft.name.trim(), definition: definitionOf(draft), eventKinds: eventKindsOf(draft.eventKinds) };
    return measure
      ? patch<MeasureView>(`/event-measures/${measure.id}`, { ...shared, description: draft.description.trim() || null })
      : post<MeasureView>('/event-measures', { ...shared, key: draft.key.trim(), description: draft.description.trim() || undefined });
  });
  const at = (field: string) => save.error?.detailFor(`body.${field}`);
  async function submit(submitted: Event) {
    submitted.preventDefault();
    const saved = await save.run();
    if (saved) {
      if (!measure) setDraft(emptyDraft);
      onSaved(saved);
    }
  }
  const headingId = measure ? `edit-measure-${measure.id}` : 'new-measure-heading';
  const divisible = countMeasures.filter((each) => each.key !== measure?.key);
  return (
    <form class="card" onSubmit={submit} noValidate aria-labelledby={headingId}>
      <h2 id={headingId}>{measure ? t('Change “{name}”', { name: measure.name }) : t('New measure')}</h2>
      <ErrorNotice error={save.error} title={measure ? t('The measure was not changed') : t('The measure was not defined')} />
      <div class="row">
        <Field label={t('Measure name')} error={at('name')}>
          {(props) => <input {...props} value={draft.name} maxLength={200} onInput={(event) => set({ name: event.currentTarget.value })} />}
        </Field>
        {!measure && (
          <Field label={t('Key')} hint={t('Lower-case letters, digits and hyphens; names it in CSV and ratios, never changes')} error={at('key')}>
            {(props) => <input {...props} value={draft.key} maxLength={64} onInput={(event) => set({ key: event.currentTarget.value })} />}
          </Field>
        )}
      </div>
      <Field label={t('Description')} error={at('description')}>
        {(props) => <input {...props} value={draft.description} maxLength={2000} onInput={(event) => set({ description: event.currentTarget.value })} />}
      </Field>
      <Field label={t('What it measures')} error={at('definition.kind')}>
        {(props) => (
          <select {...props} value={draft.kind} onChange={(event) => set({ kind: event.currentTarget.value as MeasureKind })}>
            {measureKinds.map((kind) => (
              <option key={kind} value={kind}>
                {t(measureKindLabels[kind])}
              </option>
            ))}
          </select>
        )}
      </Field>
      {draft.kind === 'ratio' ? (
        <div class="row">
          {(['numerator', 'denominator'] as const).map((side) => (
            <Field key={side} label={side === 'numerator' ? t('Divide') : t('By')} error={at(`definition.${side}`)}>
              {(props) => (
                <select {...props} value={draft[side]} onChange={(event) => set({ [side]: event.currentTarget.value })}>
                  <option value="">{t('Choose a figure')}</option>
                  <optgroup label={t('Report figures')}>
                    {reportFigures.map((figure) => (
                      <option key={figure} value={figure}>
                        {t(figureLabels[figure])}
                      </option>
                    ))}
                  </optgroup>
                  {divisible.length > 0 && (
                    <optgroup label={t('Measures')}>
                      {divisible.map((each) => (
                        <option key={each.key} value={each.key}>
                          {each.name}
                        </option>
                      ))}
                    </optgroup>
                  )}
                </select>
              )}
            </Field>
          ))}
          <label class="checkbox">
            <input type="checkbox" checked={draft.percent} onChange={(event) => set({ percent: event.currentTarget.checked })} />{' '}{t('As a percentage')}</label>
        </div>
      ) : (
        <>
          <div class="row">
            <Field label={t('Whose accounts')} error={at('definition.cohort')}>
              {(props) => (
                <select {...props} value={draft.cohort} onChange={(event) => set({ cohort: event.currentTarget.value })}>
                  {cohorts.map((cohort) => (
                    <option key={cohort} value={cohort}>
                      {t(cohortLabels[cohort])}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={t('Within days')} error={at('definition.window.days')}>
              {(props) => <input {...props} type="number" min={1} max={730} value={draft.days} onInput={(event) => set({ days: event.currentTarget.value })} />}
            </Field>
            <Field label={t('After')} error={at('definition.window.from')}>
              {(props) => (
                <select {...props} value={draft.from} onChange={(event) => set({ from: event.currentTarget.value })}>
                  {windowStarts.map((from) => (
                    <option key={from} value={from}>
                      {t(windowStartLabels[from])}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
          {draft.kind === 'statusReached' ? (
            <Choices legend={t('Statuses reached (any of)')} values={ACCOUNT_STATUSES} label={humanize} picked={draft.statuses} error={at('definition.statuses')} onChange={(statuses) => set({ statuses })} />
          ) : (
            <>
              <Choices legend={t('Activity types (none: all)')} values={ACTIVITY_TYPES} label={activityLabel} picked={draft.types} error={at('definition.types')} onChange={(types) => set({ types })} />
              <Choices legend={t('Outcomes (none: all)')} values={OUTCOMES} label={humanize} picked={draft.outcomes} error={at('definition.outcomes')} onChange={(outcomes) => set({ outcomes })} />
              <Field label={t('Count')} error={at('definition.count')}>
                {(props) => (
                  <select {...props} value={draft.count} onChange={(event) => set({ count: event.currentTarget.value })}>
                    <option value="accounts">{t('Accounts with at least one')}</option>
                    <option value="activities">{t('Every activity')}</option>
                  </select>
                )}
              </Field>
            </>
          )}
        </>
      )}
      <Field label={t('Event kinds')} hint={t('Comma-separated, as events name them (seminar, webinar); empty: every event')} error={at('eventKinds')}>
        {(props) => <input {...props} value={draft.eventKinds} onInput={(event) => set({ eventKinds: event.currentTarget.value })} />}
      </Field>
      <div class="actions">
        <button type="submit" class="primary" disabled={save.busy}>
          {save.busy ? t('Saving…') : measure ? t('Save the measure') : t('Define the measure')}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            {t('Cancel')}</button>
        )}
      </div>
    </form>
  );
}

function Choices({ legend, values, label, picked, error, onChange }: {
  legend: string;
  values: readonly string[];
  label(value: string): string;
  picked: string[];
  error?: string;
  onChange(picked: string[]): void;
}) {
  return (
    <fieldset class={`choice-list${error ? ' field-invalid' : ''}`}>
      <legend>{legend}</legend>
      {values.map((value) => (
        <label key={value}>
          <input
            type="checkbox"
            checked={picked.includes(value)}
            onChange={(event) => onChange(event.currentTarget.checked ? [...picked, value] : picked.filter((each) => each !== value))}
          />{' '}
          {t(label(value))}
        </label>
      ))}
      <FieldError label={legend} error={error} />
    </fieldset>
  );
}
