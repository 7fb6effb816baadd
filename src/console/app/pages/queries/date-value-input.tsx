import { Field } from '../../components/field';
import { t } from '../../i18n/i18n';
import { unitLabels, type DateValue, type RelativeDate } from './query-model';

interface Props {
  label: string;
  value: DateValue;
  /** Hours and minutes only where the field holds a time, not a calendar day. */
  withTime: boolean;
  path: string;
  error?: string;
  onChange(value: DateValue): void;
}

const today = () => new Date().toISOString().slice(0, 10);

/** A date chosen as "N units ago / from now" (kept relative to the day the query runs) or as a calendar date. */
export function DateValueInput({ label, value, withTime, path, error, onChange }: Props) {
  const relative = typeof value === 'object' ? value.relative : undefined;
  const units = (Object.keys(unitLabels) as RelativeDate['relative']['unit'][]).filter((unit) => withTime || (unit !== 'hour' && unit !== 'minute'));
  return (
    <fieldset class={`date-value${error ? ' field-invalid' : ''}`}>
      <legend>{label}</legend>
      <Field label={t('Kind of date')}>
        {(props) => (
          <select {...props} value={relative ? 'relative' : 'date'} onChange={(event) => onChange(event.currentTarget.value === 'relative' ? { relative: { amount: 0, unit: 'day' } } : today())}>
            <option value="relative">{t('Relative to today')}</option>
            <option value="date">{t('A calendar date')}</option>
          </select>
        )}
      </Field>
      {relative ? (
        <>
          <Field label={t('How many')} path={`${path}.relative.amount`} error={error}>
            {(props) => (
              <input
                {...props}
                type="number"
                min={0}
                step={1}
                inputMode="numeric"
                value={Math.abs(relative.amount)}
                onInput={(event) => {
                  const amount = Math.abs(Math.trunc(Number(event.currentTarget.value) || 0));
                  onChange({ relative: { ...relative, amount: relative.amount < 0 ? -amount : amount } });
                }}
              />
            )}
          </Field>
          <Field label={t('Unit')}>
            {(props) => (
              <select {...props} value={relative.unit} onChange={(event) => onChange({ relative: { ...relative, unit: event.currentTarget.value as RelativeDate['relative']['unit'] } })}>
                {units.map((unit) => (
                  <option key={unit} value={unit}>
                    {t(unitLabels[unit])}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('Direction')}>
            {(props) => (
              <select {...props} value={relative.amount < 0 ? 'ago' : 'ahead'} onChange={(event) => onChange({ relative: { ...relative, amount: (event.currentTarget.value === 'ago' ? -1 : 1) * Math.abs(relative.amount) } })}>
                <option value="ago">{t('ago')}</option>
                <option value="ahead">{t('from now')}</option>
              </select>
            )}
          </Field>
        </>
      ) : (
        <Field label={t('Date')} path={path} error={error}>
          {(props) => <input {...props} type="date" value={typeof value === 'string' ? value.slice(0, 10) : ''} onInput={(event) => onChange(event.currentTarget.value)} />}
        </Field>
      )}
    </fieldset>
  );
}
