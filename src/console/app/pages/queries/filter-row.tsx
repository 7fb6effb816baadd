import type { ApiError } from '../../api';
import { Field } from '../../components/field';
import { readableMessage } from '../../field-errors';
import { humanize } from '../../format';
import { t } from '../../i18n/i18n';
import { userLabel, type DirectoryUser } from '../../use-users';
import { DateValueInput } from './date-value-input';
import { fieldIn, filterable, initialValue, periodLabels, type Catalog, type CatalogField, type DateValue, type EntityCatalog, type FilterDraft, type Op } from './query-model';

export interface Choice {
  value: string;
  label: string;
}

interface Props {
  index: number;
  filter: FilterDraft;
  entity: EntityCatalog;
  operators: Catalog['operators'];
  users: DirectoryUser[];
  /** Campaigns and products to pick from, by name. */
  named: { campaign: Choice[]; product: Choice[] };
  error: ApiError | undefined;
  onChange(next: FilterDraft): void;
  onRemove(): void;
}

/** One condition: field, operator and a value control that fits both (numbers and units for dates, names for people). */
export function FilterRow({ index, filter, entity, operators, users, named, error, onChange, onRemove }: Props) {
  const path = `body.filters.${index}`;
  const field = fieldIn(entity, filter.field);
  const label = t('Condition {number}', { number: index + 1 });
  const setField = (key: string) => {
    const next = fieldIn(entity, key)!;
    onChange({ ...filter, field: key, op: next.ops[0]!, value: initialValue(next, next.ops[0]!), text: '' });
  };
  const setOp = (op: Op) => onChange({ ...filter, op, value: initialValue(field!, op), text: '' });
  return (
    <fieldset class="condition">
      <legend>{label}</legend>
      <div class="row">
        <Field label={t('Field')} path={`${path}.field`} error={error?.detailFor(`${path}.field`)}>
          {(props) => (
            <select {...props} value={filter.field} onChange={(event) => setField(event.currentTarget.value)}>
              {filterable(entity).map((option) => (
                <option key={option.field} value={option.field}>
                  {t(option.label)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {field && (
          <Field label={t('Operator')} path={`${path}.op`} error={error?.detailFor(`${path}.op`)}>
            {(props) => (
              <select {...props} value={filter.op} onChange={(event) => setOp(event.currentTarget.value as Op)}>
                {field.ops.map((op) => (
                  <option key={op} value={op}>
                    {t(operators.find((known) => known.op === op)?.label ?? op)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        {field && filter.op !== 'isSet' && filter.op !== 'isNotSet' && (
          <ValueControl field={field} filter={filter} path={`${path}.value`} users={users} named={named} error={error?.detailFor(`${path}.value`)} onChange={onChange} />
        )}
        <button type="button" onClick={onRemove}>
          {t('Remove')} <span class="visually-hidden">{label}</span>
        </button>
      </div>
    </fieldset>
  );
}

interface ValueProps {
  field: CatalogField;
  filter: FilterDraft;
  path: string;
  users: DirectoryUser[];
  named: Props['named'];
  error?: string;
  onChange(next: FilterDraft): void;
}

function choicesFor(field: CatalogField, users: DirectoryUser[], named: Props['named']): Choice[] {
  if (field.type === 'enum') return (field.options ?? []).map((option) => ({ value: option, label: humanize(option) }));
  if (field.type === 'user') return [{ value: 'me', label: t('Me (whoever runs the query)') }, ...users.map((user) => ({ value: user.id, label: userLabel(user) }))];
  if (field.type === 'campaign' || field.type === 'product') return named[field.type];
  return [];
}

function ValueControl({ field, filter, path, users, named, error, onChange }: ValueProps) {
  const set = (value: unknown) => onChange({ ...filter, value });
  const label = t('Value');
  const choices = choicesFor(field, users, named);
  if (field.type === 'date' || field.type === 'day') {
    const withTime = field.type === 'date';
    if (filter.op === 'inPeriod') return <PeriodControl filter={filter} path={path} error={error} set={set} />;
    if (filter.op === 'between') {
      const [from, to] = filter.value as [DateValue, DateValue];
      return (
        <>
          <DateValueInput label={t('From')} value={from} withTime={withTime} path={`${path}.0`} error={error} onChange={(next) => set([next, to])} />
          <DateValueInput label={t('To (included)')} value={to} withTime={withTime} path={`${path}.1`} onChange={(next) => set([from, next])} />
        </>
      );
    }
    return <DateValueInput label={label} value={filter.value as DateValue} withTime={withTime} path={path} error={error} onChange={set} />;
  }
  if (filter.op === 'in' || filter.op === 'notIn') {
    if (choices.length === 0 && field.type === 'text') {
      return (
        <Field label={label} path={path} error={error} hint={t('Separate values with commas')}>
          {(props) => <input {...props} value={filter.text ?? ''} onInput={(event) => onChange({ ...filter, text: event.currentTarget.value })} />}
        </Field>
      );
    }
    const picked = (filter.value as string[] | undefined) ?? [];
    const toggle = (value: string, on: boolean) => set(on ? [...picked, value] : picked.filter((item) => item !== value));
    return (
      <fieldset class={`choice-list${error ? ' field-invalid' : ''}`}>
        <legend>{label}</legend>
        {choices.length === 0 && <span class="muted">{t('Nothing to choose from yet')}</span>}
        {choices.map((choice) => (
          <label key={choice.value}>
            <input type="checkbox" checked={picked.includes(choice.value)} onChange={(event) => toggle(choice.value, event.currentTarget.checked)} /> {choice.label}
          </label>
        ))}
        {error && <small class="field-error">{readableMessage(error)}</small>}
      </fieldset>
    );
  }
  if (field.type === 'money') {
    const money = (value: unknown, at: string, name: string, apply: (next: string) => void) => (
      <Field label={name} path={at} error={error}>
        {(props) => <input {...props} type="number" step="0.01" inputMode="decimal" value={String(value ?? '')} onInput={(event) => apply(event.currentTarget.value)} />}
      </Field>
    );
    if (filter.op === 'between') {
      const [low, high] = filter.value as [string, string];
      return (
        <>
          {money(low, `${path}.0`, t('From amount'), (next) => set([next, high]))}
          {money(high, `${path}.1`, t('To amount'), (next) => set([low, next]))}
        </>
      );
    }
    return money(filter.value, path, t('Amount'), set);
  }
  return (
    <Field label={label} path={path} error={error}>
      {(props) =>
        choices.length > 0 ? (
          <select {...props} value={String(filter.value ?? '')} onChange={(event) => set(event.currentTarget.value)}>
            {choices.map((choice) => (
              <option key={choice.value} value={choice.value}>
                {choice.label}
              </option>
            ))}
          </select>
        ) : (
          <input {...props} value={String(filter.value ?? '')} onInput={(event) => set(event.currentTarget.value)} />
        )
      }
    </Field>
  );
}

function PeriodControl({ filter, path, error, set }: { filter: FilterDraft; path: string; error?: string; set(value: unknown): void }) {
  const value = filter.value as { period: keyof typeof periodLabels; offset: number };
  return (
    <>
      <Field label={t('Which one')} path={`${path}.offset`} error={error}>
        {(props) => (
          <select {...props} value={String(value.offset)} onChange={(event) => set({ ...value, offset: Number(event.currentTarget.value) })}>
            <option value="-1">{t('the previous')}</option>
            <option value="0">{t('the current')}</option>
            <option value="1">{t('the next')}</option>
          </select>
        )}
      </Field>
      <Field label={t('Period')} path={`${path}.period`}>
        {(props) => (
          <select {...props} value={value.period} onChange={(event) => set({ ...value, period: event.currentTarget.value })}>
            {(Object.keys(periodLabels) as (keyof typeof periodLabels)[]).map((period) => (
              <option key={period} value={period}>
                {t(periodLabels[period])}
              </option>
            ))}
          </select>
        )}
      </Field>
    </>
  );
}
