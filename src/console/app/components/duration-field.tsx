import { useRef, useState } from 'preact/hooks';
import { durationUnitLabels, formatDuration, parseDuration, toIsoDuration, type DurationUnit } from '../duration';
import { t } from '../i18n/i18n';
import { Field } from './field';

const DEFAULT_UNITS: DurationUnit[] = ['minutes', 'hours', 'days', 'weeks'];

interface Draft {
  amount: string;
  unit: DurationUnit;
}

function draftOf(value: string, businessDays: boolean, fallbackUnit: DurationUnit): Draft {
  const choice = parseDuration(value, { businessDays });
  return choice ? { amount: String(choice.amount), unit: choice.unit } : { amount: '', unit: fallbackUnit };
}

/**
 * A duration as people choose it, a number and a unit ("4" "hours"), held and sent as the API's ISO
 * 8601 text ("PT4H"); an empty number is no duration (''). `businessDays` with `onBusinessDaysChange`
 * offers business days, which the API takes as "PnD" flagged `businessDays: true`. A number that is
 * not a whole number of 1 or more is sent as typed, so the API names the field and the form says why.
 */
export function DurationField({
  label,
  hint,
  error,
  path,
  value,
  onChange,
  units = DEFAULT_UNITS,
  defaultUnit = 'days',
  businessDays,
  onBusinessDaysChange,
}: {
  label: string;
  hint?: string;
  error?: string;
  path?: string;
  value: string;
  onChange(iso: string): void;
  units?: DurationUnit[];
  /** The unit shown while the field is empty. */
  defaultUnit?: DurationUnit;
  businessDays?: boolean;
  onBusinessDaysChange?(businessDays: boolean): void;
}) {
  const counted = businessDays ?? false;
  const [draft, setDraft] = useState<Draft>(() => draftOf(value, counted, defaultUnit));
  const sent = useRef(value);
  // A value set from outside (the draft loaded, a stage copied) replaces what the field holds.
  let shown = draft;
  if (value !== sent.current) {
    shown = draftOf(value, counted, draft.unit);
    sent.current = value;
    setDraft(shown);
  }
  const offered = [...new Set([...units, ...(onBusinessDaysChange ? (['businessDays'] as const) : []), shown.unit])].sort(
    (a, b) => Object.keys(durationUnitLabels).indexOf(a) - Object.keys(durationUnitLabels).indexOf(b),
  );
  const unreadable = value.trim() !== '' && !parseDuration(value, { businessDays: counted });

  const change = (next: Draft) => {
    setDraft(next);
    const amount = next.amount.trim();
    const iso = amount === '' ? '' : toIsoDuration({ amount: Number(amount), unit: next.unit });
    sent.current = iso;
    if ((next.unit === 'businessDays') !== counted) onBusinessDaysChange?.(next.unit === 'businessDays');
    onChange(iso);
  };

  const shownHint = unreadable ? [hint, t('Now: {duration}', { duration: formatDuration(value) })].filter(Boolean).join(' ') : hint;
  return (
    <Field label={label} hint={shownHint} error={error} path={path}>
      {(props) => (
        <span class="duration-field">
          <input {...props} type="number" min={1} step={1} inputMode="numeric" value={shown.amount} onInput={(event) => change({ ...shown, amount: event.currentTarget.value })} />
          <select aria-label={t('Unit')} value={shown.unit} onChange={(event) => change({ ...shown, unit: event.currentTarget.value as DurationUnit })}>
            {offered.map((unit) => (
              <option key={unit} value={unit}>
                {t(durationUnitLabels[unit])}
              </option>
            ))}
          </select>
        </span>
      )}
    </Field>
  );
}
