import { FieldError } from '../../../components/field-error';
import { userLabel, type DirectoryUser } from '../../../use-users';
import { t } from '../../../i18n/i18n';

/** Users picked with checkboxes under a legend (approvers, escalation contacts). */
export function UserChecklist({ legend, users, picked, error, hint, onChange }: { legend: string; users: DirectoryUser[]; picked: string[]; error?: string; hint?: string; onChange(ids: string[]): void }) {
  return (
    <fieldset class={`choice-list${error ? ' field-invalid' : ''}`}>
      <legend>{legend}</legend>
      {users.length === 0 && <span class="muted">{t('No users loaded.')}</span>}
      {users.map((user) => (
        <label key={user.id}>
          <input
            type="checkbox"
            checked={picked.includes(user.id)}
            onChange={(event) => onChange(event.currentTarget.checked ? [...picked, user.id] : picked.filter((id) => id !== user.id))}
          />{' '}
          {userLabel(user)}
        </label>
      ))}
      {hint && <small class="hint">{hint}</small>}
      <FieldError label={legend} error={error} />
    </fieldset>
  );
}
