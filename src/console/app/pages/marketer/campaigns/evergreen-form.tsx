import type { ApiError } from '../../../api';
import { Field } from '../../../components/field';
import { FieldError } from '../../../components/field-error';
import type { SegmentChoice } from '../directory';
import { exactDetail } from '../segments/criteria-model';
import type { EvergreenDraft } from './evergreen-draft';
import { ListSettingsForm } from './stage-settings-form';
import { msg, t } from '../../../i18n/i18n';

const weekdays = [msg('Mon'), msg('Tue'), msg('Wed'), msg('Thu'), msg('Fri'), msg('Sat'), msg('Sun')];

/** Makes the campaign evergreen: its segment's new contacts enrolled daily at a local time (on some weekdays) or every N hours. */
export function EvergreenForm({ draft, segments, error, onSwitch, onChange }: { draft: EvergreenDraft; segments: SegmentChoice[]; error: ApiError | undefined; onSwitch(on: boolean): void; onChange(draft: EvergreenDraft): void }) {
  const set = (change: Partial<EvergreenDraft>) => onChange({ ...draft, ...change });
  // A create or PATCH names `body.evergreen…`; scheduling (or a PATCH checking the stored settings) `evergreen…`.
  const problem = (field: string) => error?.detailFor(`body.evergreen.${field}`) ?? error?.detailFor(`evergreen.${field}`);
  const whole = exactDetail(error, 'body.evergreen') ?? exactDetail(error, 'evergreen');
  return (
    <section class="card" aria-labelledby="evergreen-heading">
      <h2 id="evergreen-heading">{t('Evergreen')}</h2>
      <label class="checkbox">
        <input type="checkbox" checked={draft.on} onChange={(event) => onSwitch(event.currentTarget.checked)} />{' '}{t('Evergreen: enroll a segment’s new contacts on a schedule')}</label>
      <p class="hint">
        {t('Each enrollment runs its new contacts (never twice) through the stages, timed from its own start: mailings, call tasks and waits, without dates. Stop it from the campaign’s page.')}</p>
      {whole && <p class="group-error">{whole}</p>}
      {draft.on && (
        <>
          <ListSettingsForm settings={draft} segments={segments} problem={problem} put={(list) => set(list)} segmentHint={t('Re-evaluated at each enrollment')} />
          <div class="row">
            <Field label={t('Enrollment schedule')} error={exactDetail(error, 'body.evergreen.schedule') ?? exactDetail(error, 'evergreen.schedule')}>
              {(props) => (
                <select {...props} value={draft.schedule} onChange={(event) => set({ schedule: event.currentTarget.value as EvergreenDraft['schedule'] })}>
                  <option value="daily">{t('Daily at a time')}</option>
                  <option value="interval">{t('Every few hours')}</option>
                </select>
              )}
            </Field>
            {draft.schedule === 'daily' ? (
              <>
                <Field label={t('Enrollment time')} error={problem('schedule.time')}>
                  {(props) => <input {...props} type="time" value={draft.time} onInput={(event) => set({ time: event.currentTarget.value })} />}
                </Field>
                <Field label={t('Time zone')} hint={t('IANA name, e.g. Europe/Paris')} error={problem('schedule.timeZone')}>
                  {(props) => <input {...props} value={draft.timeZone} onInput={(event) => set({ timeZone: event.currentTarget.value })} />}
                </Field>
              </>
            ) : (
              <Field label={t('Every (hours)')} hint={t('At least 1')} error={problem('schedule.every')}>
                {(props) => <input {...props} type="number" min={1} value={draft.everyHours} onInput={(event) => set({ everyHours: event.currentTarget.value })} />}
              </Field>
            )}
          </div>
          {draft.schedule === 'daily' && (
            <fieldset class={`choice-list${problem('schedule.days') ? ' field-invalid' : ''}`}>
              <legend>{t('Enroll on')}</legend>
              {weekdays.map((label, position) => {
                const day = position + 1;
                return (
                  <label key={day}>
                    <input
                      type="checkbox"
                      checked={draft.days.includes(day)}
                      onChange={(event) => set({ days: event.currentTarget.checked ? [...draft.days, day] : draft.days.filter((picked) => picked !== day) })}
                    />{' '}
                    {t(label)}
                  </label>
                );
              })}
              <FieldError label={t('Enroll on')} error={problem('schedule.days')} />
            </fieldset>
          )}
        </>
      )}
    </section>
  );
}
