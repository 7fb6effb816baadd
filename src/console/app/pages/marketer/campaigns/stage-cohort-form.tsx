import type { ApiError } from '../../../api';
import { DurationField } from '../../../components/duration-field';
import { FieldError } from '../../../components/field-error';
import { Field } from '../../../components/field';
import { humanize } from '../../../format';
import { ACCOUNT_STATUSES } from '../../../lifecycle-terms';
import { exactStageDetail, MAILING_OUTCOMES, sourceOptions, stageOptions, type JourneyContext } from './journey-choices';
import type { CohortDraft } from './journey-draft';
import { stageDetail, type StageDraft } from './stage-draft';
import { t } from '../../../i18n/i18n';

interface Props {
  stage: StageDraft;
  index: number;
  journey: JourneyContext;
  error: ApiError | undefined;
  onChange(stage: StageDraft): void;
}

const uidOrNull = (value: string) => (value ? Number(value) : null);
const toggled = <T,>(list: readonly T[], item: T, on: boolean) => (on ? [...list, item] : list.filter((other) => other !== item));

/** "Who": the cell, responders or not (through a sub-source, from an earlier stage's start), account statuses reached, an earlier mailing's outcome. */
export function StageCohortForm({ stage, index, journey, error, onChange }: Props) {
  const number = index + 1;
  const cohort = stage.cohort;
  const set = (change: Partial<CohortDraft>) => onChange({ ...stage, cohort: { ...cohort, ...change } });
  const problem = (field: string) => stageDetail(error, index, `cohort.${field}`);
  const exact = (field: string) => exactStageDetail(error, index, field);
  const mailings = stageOptions(journey.stages, index, cohort.mailingStageUid, 'MAILING');
  return (
    <fieldset class="journey-who">
      <legend>{t('Who stage {number} works on', { number })}</legend>
      {exact('cohort') && <p class="group-error">{exact('cohort')}</p>}
      <div class="row">
        <Field label={t('Cell')} error={problem('cell')} hint={t('The list’s target cell, or the test cell kept apart to measure lift')}>
          {(props) => (
            <select {...props} value={cohort.cell} onChange={(event) => set({ cell: event.currentTarget.value as CohortDraft['cell'] })}>
              <option value="TARGET">{t('The target cell')}</option>
              <option value="TEST">{t('The test cell')}</option>
              <option value="ALL">{t('Both cells')}</option>
            </select>
          )}
        </Field>
        <Field label={t('Responders')} error={exact('cohort.response') ?? problem('response.responded')}>
          {(props) => (
            <select {...props} value={cohort.responders} onChange={(event) => set({ responders: event.currentTarget.value as CohortDraft['responders'] })}>
              <option value="any">{t('Everyone, responded or not')}</option>
              <option value="responded">{t('Those who responded')}</option>
              <option value="notResponded">{t('Those who did not respond')}</option>
            </select>
          )}
        </Field>
        {cohort.responders !== 'any' && (
          <>
            <Field label={t('Responses through')} error={problem('response.sourceCode')}>
              {(props) => (
                <select {...props} value={cohort.responseSource} onChange={(event) => set({ responseSource: event.currentTarget.value })}>
                  <option value="">{t('Any sub-source')}</option>
                  {sourceOptions(journey.sourceCodes, cohort.responseSource).map((code) => (
                    <option key={code} value={code}>
                      {code}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={t('Counting responses since')} error={exact('cohort.response.window') ?? problem('response.window.fromStage')}>
              {(props) => (
                <select {...props} value={cohort.windowStageUid ?? ''} onChange={(event) => set({ windowStageUid: uidOrNull(event.currentTarget.value) })}>
                  <option value="">{t('Any time')}</option>
                  {stageOptions(journey.stages, index, cohort.windowStageUid).map((option) => (
                    <option key={option.uid} value={option.uid}>
                      {t('The start of')}{' '}{option.label.charAt(0).toLowerCase() + option.label.slice(1)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            {cohort.windowStageUid !== null && (
              <DurationField label={t('Within')} error={problem('response.window.duration')} hint={t('Optional: only responses this long after that start')} value={cohort.windowDuration} onChange={(windowDuration) => set({ windowDuration })} />
            )}
          </>
        )}
      </div>
      <fieldset class={`choice-list${problem('accountStatus') ? ' field-invalid' : ''}`}>
        <legend>{t('Account reached')}</legend>
        {ACCOUNT_STATUSES.map((status) => (
          <label key={status}>
            <input type="checkbox" checked={cohort.accountStatus.includes(status)} onChange={(event) => set({ accountStatus: toggled(cohort.accountStatus, status, event.currentTarget.checked) })} />{' '}
            {humanize(status)}
          </label>
        ))}
        <small class="hint">{t('None ticked: any status. Ticked: contacts whose account reached one of them since it was listed')}</small>
        <FieldError label={t('Account reached')} error={problem('accountStatus')} />
      </fieldset>
      {mailings.length > 0 && (
        <div class="row">
          <Field label={t('Outcome of mailing')} error={exact('cohort.mailing') ?? problem('mailing.stage')} hint={t('Only contacts whose message of that earlier mailing had one of the outcomes')}>
            {(props) => (
              <select {...props} value={cohort.mailingStageUid ?? ''} onChange={(event) => set({ mailingStageUid: uidOrNull(event.currentTarget.value) })}>
                <option value="">{t('Any (no mailing filter)')}</option>
                {mailings.map((option) => (
                  <option key={option.uid} value={option.uid}>
                    {option.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
      )}
      {cohort.mailingStageUid !== null && (
        <fieldset class={`choice-list${problem('mailing.outcomes') ? ' field-invalid' : ''}`}>
          <legend>{t('Mailing outcomes')}</legend>
          {MAILING_OUTCOMES.map((outcome) => (
            <label key={outcome}>
              <input type="checkbox" checked={cohort.mailingOutcomes.includes(outcome)} onChange={(event) => set({ mailingOutcomes: toggled(cohort.mailingOutcomes, outcome, event.currentTarget.checked) })} />{' '}
              {humanize(outcome.toUpperCase())}
            </label>
          ))}
          <FieldError label={t('Mailing outcomes')} error={problem('mailing.outcomes')} />
        </fieldset>
      )}
    </fieldset>
  );
}
