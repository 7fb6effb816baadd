import { useEffect, useState } from 'preact/hooks';
import { put } from '../../api';
import { Field } from '../../components/field';
import { ErrorNotice, Notice } from '../../components/notices';
import { formatDateTimeAs } from '../../format';
import { currentLanguage, languages, msg, t } from '../../i18n/i18n';
import { applyPreferences, preferences, type DateFormat, type Preferences } from '../../preferences';
import { signal, useSignal } from '../../signal';
import { useAction } from '../../use-api';

const dateFormats: { value: DateFormat; label: string }[] = [
  { value: 'locale', label: msg('As my language writes dates') },
  { value: 'iso', label: msg('Year-month-day (2026-12-05)') },
  { value: 'dmy', label: msg('Day.month.year (05.12.2026)') },
  { value: 'mdy', label: msg('Month/day/year (12/05/2026)') },
];

// Intl lists canonical zones without UTC itself, which many people choose.
const timeZones = ['UTC', ...Intl.supportedValuesOf('timeZone')];
const currencies = Intl.supportedValuesOf('currency');

// "Preferences saved." outlives the card: a new language re-mounts every page (main.tsx keys them by it).
const savedNotice = signal(false);

/** Language, time zone, date format and currency: saved for the user and applied at once, without a reload. */
export function PreferencesCard() {
  const saved = useSignal(preferences);
  const [draft, setDraft] = useState<Preferences>(saved);
  const done = useSignal(savedNotice);
  const save = useAction(async () => {
    const answer = await put<Preferences>('/me/preferences', draft);
    savedNotice.set(true);
    applyPreferences(answer);
  });
  const set = (changes: Partial<Preferences>) => (setDraft({ ...draft, ...changes }), savedNotice.set(false));
  useEffect(() => {
    const language = currentLanguage.get();
    // Leaving the page ends the notice; the re-mount of a language switch does not.
    return () => {
      if (currentLanguage.get() === language) savedNotice.set(false);
    };
  }, []);
  const error = (field: keyof Preferences) => save.error?.detailFor(`body.${field}`);

  return (
    <form class="card" aria-labelledby="preferences-heading" onSubmit={(event) => (event.preventDefault(), void save.run())}>
      <h2 id="preferences-heading">{t('Preferences')}</h2>
      <ErrorNotice error={save.error} title={t('Your preferences were not saved')} />
      {done && <Notice kind="success">{t('Preferences saved.')}</Notice>}
      <div class="row">
        <Field label={t('Language')} path="body.language" error={error('language')}>
          {(props) => (
            <select {...props} value={draft.language} onChange={(event) => set({ language: event.currentTarget.value as Preferences['language'] })}>
              {languages.map((language) => (
                <option key={language.code} value={language.code} lang={language.code}>
                  {language.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('Time zone')} hint={t('Type to search, for example Moscow or New York')} path="body.timeZone" error={error('timeZone')}>
          {(props) => (
            <>
              <input {...props} list="time-zones" autocomplete="off" value={draft.timeZone} onInput={(event) => set({ timeZone: event.currentTarget.value.trim().replace(/ /g, '_') })} />
              <datalist id="time-zones">
                {timeZones.map((zone) => (
                  <option key={zone} value={zone} />
                ))}
              </datalist>
            </>
          )}
        </Field>
      </div>
      <div class="row">
        <Field label={t('Date format')} hint={t('Example: {example}', { example: formatDateTimeAs(new Date().toISOString(), draft) })} path="body.dateFormat" error={error('dateFormat')}>
          {(props) => (
            <select {...props} value={draft.dateFormat} onChange={(event) => set({ dateFormat: event.currentTarget.value as DateFormat })}>
              {dateFormats.map((format) => (
                <option key={format.value} value={format.value}>
                  {t(format.label)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('Currency')} hint={t('Pipeline totals are shown in it; other currencies beside it, never converted')} path="body.currency" error={error('currency')}>
          {(props) => (
            <select {...props} value={draft.currency} onChange={(event) => set({ currency: event.currentTarget.value })}>
              {currencies.map((code) => (
                <option key={code} value={code}>
                  {code}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <button type="submit" class="primary" disabled={save.busy}>
        {save.busy ? t('Saving…') : t('Save preferences')}
      </button>
    </form>
  );
}
