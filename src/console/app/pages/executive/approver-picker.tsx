import type { UserResponse } from '../../../../users/users.schemas';
import { FieldError } from '../../components/field-error';
import { humanize } from '../../format';
import { t } from '../../i18n/i18n';

/**
 * Checkboxes over the directory: approvers may have any role, never the author. A fieldset with a
 * legend, so each box is read as "Approvers: Ann Lee (Manager)".
 */
export function ApproverPicker({ users, excludeId, chosen, onChange, error }: { users: UserResponse[]; excludeId: string; chosen: string[]; onChange(ids: string[]): void; error?: string }) {
  const candidates = users.filter((user) => user.id !== excludeId);
  const toggle = (id: string, on: boolean) => onChange(on ? [...chosen, id] : chosen.filter((other) => other !== id));
  return (
    <fieldset aria-describedby={error ? 'approvers-error' : undefined}>
      <legend>{t('Approvers')}</legend>
      <p class="hint">{t('One approval is final. You cannot approve your own plan.')}</p>
      {candidates.length === 0 ? (
        <p class="muted">{t('There is nobody else in the directory to approve.')}</p>
      ) : (
        <ul class="checkbox-list">
          {candidates.map((user) => (
            <li key={user.id}>
              <label>
                <input type="checkbox" checked={chosen.includes(user.id)} onChange={(event) => toggle(user.id, event.currentTarget.checked)} />
                {user.name} <span class="muted">({humanize(user.role)}, {user.email})</span>
              </label>
            </li>
          ))}
        </ul>
      )}
      <FieldError id="approvers-error" label={t('Approvers')} error={error} />
    </fieldset>
  );
}
