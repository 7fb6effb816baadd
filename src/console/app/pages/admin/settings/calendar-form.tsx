import { useEffect, useState } from 'preact/hooks';
import type { CalendarView } from '../../../../../rule-store/calendar-store';
import { put } from '../../../api';
import { Field } from '../../../components/field';
import { Empty, ErrorNotice, Loading, Notice } from '../../../components/notices';
import { formatDate, formatDateTime } from '../../../format';
import { useAction, useApi } from '../../../use-api';
import { msg, t } from '../../../i18n/i18n';

const weekdays = [msg('Monday'), msg('Tuesday'), msg('Wednesday'), msg('Thursday'), msg('Friday'), msg('Saturday'), msg('Sunday')];

/**
 * The business calendar: weekend days and holidays, which business-day durations skip. Changes are
 * gathered here and sent as one PUT (the API replaces the whole calendar), whose messages are shown
 * at the weekday boxes and at each holiday.
 */
export function CalendarForm() {
  const loaded = useApi<CalendarView>('/calendar');
  const [weekendDays, setWeekendDays] = useState<number[]>([]);
  const [holidays, setHolidays] = useState<string[]>([]);
  const [newHoliday, setNewHoliday] = useState('');
  const [addProblem, setAddProblem] = useState<string>();
  const [savedAt, setSavedAt] = useState<string>();
  const save = useAction(() => put<CalendarView>('/calendar', { weekendDays, holidays }));
  useEffect(() => {
    if (!loaded.data) return;
    setWeekendDays(loaded.data.weekendDays);
    setHolidays(loaded.data.holidays);
  }, [loaded.data]);

  const dirty = loaded.data !== undefined && (JSON.stringify([...weekendDays].sort()) !== JSON.stringify([...loaded.data.weekendDays].sort()) || JSON.stringify(holidays) !== JSON.stringify(loaded.data.holidays));
  const edited = () => setSavedAt(undefined);
  const toggleDay = (day: number, off: boolean) => {
    setWeekendDays(off ? [...weekendDays, day].sort((a, b) => a - b) : weekendDays.filter((other) => other !== day));
    edited();
  };
  function addHoliday(event: Event) {
    event.preventDefault();
    if (!newHoliday) return setAddProblem(t('Pick a date'));
    if (holidays.includes(newHoliday)) return setAddProblem(t('{newHoliday} is already a holiday', { newHoliday: formatDate(newHoliday) }));
    setHolidays([...holidays, newHoliday].sort());
    setNewHoliday('');
    setAddProblem(undefined);
    edited();
  }
  const holidayError = (index: number) => save.error?.detailFor(`body.holidays.${index}`);
  const weekendError = save.error?.details.find((detail) => detail.path === 'body.weekendDays' || detail.path?.startsWith('body.weekendDays.'))?.message;

  return (
    <section class="card" aria-labelledby="calendar-heading">
      <h2 id="calendar-heading">{t('Business calendar')}</h2>
      <p class="muted">{t('Business-day durations in rules (such as “2 business days”) skip these days. Due dates computed from now on use the new calendar; existing tasks keep theirs.')}</p>
      <ErrorNotice error={loaded.error} title={t('The calendar could not be loaded')} />
      {loaded.loading && !loaded.data && <Loading label={t('Loading the calendar…')} />}
      {loaded.data && (
        <>
          {savedAt && <Notice kind="success">{t('Calendar saved at {savedAt}.', { savedAt: formatDateTime(savedAt) })}</Notice>}
          <ErrorNotice error={save.error} title={t('The calendar was not saved')} />
          <fieldset aria-describedby={weekendError ? 'weekend-error' : undefined} aria-invalid={weekendError ? true : undefined}>
            <legend>{t('Weekend days')}</legend>
            <div class="weekday-choices">
              {weekdays.map((name, index) => (
                <label key={name}>
                  <input type="checkbox" checked={weekendDays.includes(index + 1)} onChange={(event) => toggleDay(index + 1, event.currentTarget.checked)} /> {t(name)}
                </label>
              ))}
            </div>
            {weekendError && (
              <small id="weekend-error" class="field-error">
                {weekendError}
              </small>
            )}
          </fieldset>
          <h3 id="holidays-heading">{t('Holidays')}</h3>
          {holidays.length === 0 ? (
            <Empty>{t('No holidays.')}</Empty>
          ) : (
            <ul class="holiday-list" aria-labelledby="holidays-heading">
              {holidays.map((day, index) => (
                <li key={day} class={holidayError(index) ? 'field-invalid' : undefined}>
                  <span>
                    <time dateTime={day}>{formatDate(day)}</time> <span class="muted">({day})</span>
                  </span>
                  <button type="button" aria-label={t('Remove holiday {day}', { day: formatDate(day) })} onClick={() => (setHolidays(holidays.filter((other) => other !== day)), edited())}>
                    {t('Remove')}</button>
                  {holidayError(index) && <small class="field-error">{holidayError(index)}</small>}
                </li>
              ))}
            </ul>
          )}
          <form class="row add-holiday" aria-label={t('Add a holiday')} noValidate onSubmit={addHoliday}>
            <Field label={t('Holiday date')} error={addProblem}>
              {(props) => <input {...props} type="date" value={newHoliday} onInput={(event) => (setNewHoliday(event.currentTarget.value), setAddProblem(undefined))} />}
            </Field>
            <button type="submit">{t('Add holiday')}</button>
          </form>
          <div class="actions">
            <button
              type="button"
              class="primary"
              disabled={save.busy || !dirty}
              onClick={async () => {
                const answer = await save.run();
                if (!answer) return;
                setSavedAt(answer.updatedAt ?? new Date().toISOString());
                void loaded.reload();
              }}
            >
              {save.busy ? t('Saving…') : t('Save calendar')}
            </button>
            {dirty && (
              <button type="button" onClick={() => (setWeekendDays(loaded.data!.weekendDays), setHolidays(loaded.data!.holidays), save.clearError())}>
                {t('Discard changes')}</button>
            )}
            {dirty && <span class="muted">{t('Unsaved changes.')}</span>}
          </div>
        </>
      )}
    </section>
  );
}
