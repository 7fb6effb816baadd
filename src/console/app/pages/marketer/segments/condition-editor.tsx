import type { ApiError } from '../../../api';
import { Field } from '../../../components/field';
import { FieldError } from '../../../components/field-error';
import { humanize } from '../../../format';
import { ACCOUNT_STATUSES } from '../../../lifecycle-terms';
import { userLabel, type DirectoryUser } from '../../../use-users';
import { criteriaFields, exactDetail, fieldKind, fieldLabels, opLabels, opsFor, picksFromList, takesNoValue, withField, type ConditionDraft, type CriteriaField, type CriteriaOp } from './criteria-model';
import { t } from '../../../i18n/i18n';

interface Props {
  condition: ConditionDraft;
  /** Its place in the body, e.g. `body.criteria.all.0`: error details name it so. */
  path: string;
  label: string;
  users: DirectoryUser[];
  error: ApiError | undefined;
  onChange(next: ConditionDraft): void;
  onRemove?: () => void;
}

/** One condition: field, (custom field name), operator and a value control that fits both. */
export function ConditionEditor({ condition, path, label, users, error, onChange, onRemove }: Props) {
  const set = (change: Partial<ConditionDraft>) => onChange({ ...condition, ...change });
  const own = exactDetail(error, path);
  return (
    <fieldset class="condition">
      <legend>{label}</legend>
      {own && <p class="group-error">{own}</p>}
      <div class="row">
        <Field label={t('Field')} error={error?.detailFor(`${path}.field`)}>
          {(props) => (
            <select {...props} value={condition.field} onChange={(event) => onChange(withField(condition, event.currentTarget.value as CriteriaField))}>
              {criteriaFields.map((field) => (
                <option key={field} value={field}>
                  {t(fieldLabels[field])}
                </option>
              ))}
            </select>
          )}
        </Field>
        {condition.field === 'account.fields' && (
          <Field label={t('Custom field name')} error={error?.detailFor(`${path}.key`)}>
            {(props) => <input {...props} value={condition.key} placeholder={t('city')} onInput={(event) => set({ key: event.currentTarget.value })} />}
          </Field>
        )}
        <Field label={t('Operator')} error={error?.detailFor(`${path}.op`)}>
          {(props) => (
            <select {...props} value={condition.op} onChange={(event) => set({ op: event.currentTarget.value as CriteriaOp })}>
              {opsFor(condition.field).map((op) => (
                <option key={op} value={op}>
                  {t(opLabels[op])}
                </option>
              ))}
            </select>
          )}
        </Field>
        {!takesNoValue(condition.op) && <ValueControl condition={condition} users={users} error={error?.detailFor(`${path}.value`)} set={set} />}
        {onRemove && (
          <button type="button" onClick={onRemove}>
            {t('Remove')}{' '}<span class="visually-hidden">{label.toLowerCase()}</span>
          </button>
        )}
      </div>
    </fieldset>
  );
}

function ValueControl({ condition, users, error, set }: { condition: ConditionDraft; users: DirectoryUser[]; error?: string; set(change: Partial<ConditionDraft>): void }) {
  const kind = fieldKind[condition.field];
  const { op } = condition;
  if (op === 'in' && picksFromList(condition.field)) {
    const choices = kind === 'status' ? ACCOUNT_STATUSES.map((status) => ({ value: status, label: humanize(status) })) : users.map((user) => ({ value: user.id, label: userLabel(user) }));
    const toggle = (value: string, on: boolean) => set({ values: on ? [...condition.values, value] : condition.values.filter((picked) => picked !== value) });
    return (
      <fieldset class={`choice-list${error ? ' field-invalid' : ''}`}>
        <legend>{t('Values')}</legend>
        {choices.map((choice) => (
          <label key={choice.value}>
            <input type="checkbox" checked={condition.values.includes(choice.value)} onChange={(event) => toggle(choice.value, event.currentTarget.checked)} /> {t(choice.label)}
          </label>
        ))}
        <FieldError label={t('Values')} error={error} />
      </fieldset>
    );
  }
  const hint = op === 'in' ? t('Separate values with commas') : op === 'contains' ? t('Any case') : undefined;
  return (
    <Field label={t('Value')} error={error} hint={hint}>
      {(props) => {
        const common = { ...props, value: condition.value, onInput: (event: { currentTarget: HTMLInputElement | HTMLSelectElement }) => set({ value: event.currentTarget.value }) };
        if (kind === 'boolean') {
          return (
            <select {...common} onChange={common.onInput}>
              <option value="true">{t('Yes')}</option>
              <option value="false">{t('No')}</option>
            </select>
          );
        }
        if (kind === 'status' && op !== 'in') {
          return (
            <select {...common} onChange={common.onInput}>
              {ACCOUNT_STATUSES.map((status) => (
                <option key={status} value={status}>
                  {humanize(status)}
                </option>
              ))}
            </select>
          );
        }
        if (kind === 'uuid' && op !== 'in') {
          return (
            <select {...common} onChange={common.onInput}>
              <option value="">{t('Choose a user…')}</option>
              {users.map((user) => (
                <option key={user.id} value={user.id}>
                  {userLabel(user)}
                </option>
              ))}
            </select>
          );
        }
        if (op === 'withinDays') return <input {...common} type="number" min={1} step={1} inputMode="numeric" />;
        if (op === 'before' || op === 'after') return <input {...common} type="date" />;
        return <input {...common} type="text" />;
      }}
    </Field>
  );
}
