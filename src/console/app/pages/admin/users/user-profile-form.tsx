import { useEffect, useState } from 'preact/hooks';
import { patch } from '../../../api';
import { Field } from '../../../components/field';
import { ErrorNotice, Notice } from '../../../components/notices';
import { useAction } from '../../../use-api';
import type { UserView } from '../admin-types';
import { userLabel } from './use-all-users';
import { RoleOptions } from '../../account/role-options';
import { t } from '../../../i18n/i18n';


const draftOf = (user: UserView) => ({ name: user.name, role: user.role as string, managerId: user.managerId ?? '' });

/**
 * Name, role and manager. Only what changed is sent; the API refuses a manager that would make a
 * cycle (or is deactivated) with a 400 naming `body.managerId`, shown at the picker.
 */
export function UserProfileForm({ user, users, onSaved }: { user: UserView; users: UserView[]; onSaved(user: UserView): void }) {
  const [draft, setDraft] = useState(draftOf(user));
  const [saved, setSaved] = useState(false);
  useEffect(() => setDraft(draftOf(user)), [user.id, user.name, user.role, user.managerId]);
  const original = draftOf(user);
  const changes = {
    ...(draft.name !== original.name ? { name: draft.name.trim() } : {}),
    ...(draft.role !== original.role ? { role: draft.role } : {}),
    ...(draft.managerId !== original.managerId ? { managerId: draft.managerId || null } : {}),
  };
  const dirty = Object.keys(changes).length > 0;
  const save = useAction(() => patch<UserView>(`/users/${user.id}`, changes));
  // A deactivated current manager stays visible (and selected) until someone else is picked.
  const candidates = users.filter((other) => other.id !== user.id && (!other.deactivatedAt || other.id === user.managerId));
  const set = (name: keyof typeof draft) => (event: { currentTarget: { value: string } }) => {
    setDraft({ ...draft, [name]: event.currentTarget.value });
    setSaved(false);
  };
  const detail = (name: string) => save.error?.detailFor(`body.${name}`);

  return (
    <form
      class="card"
      aria-labelledby="profile-heading"
      noValidate
      onSubmit={async (event) => {
        event.preventDefault();
        const answer = await save.run();
        if (!answer) return;
        setSaved(true);
        onSaved(answer);
      }}
    >
      <h2 id="profile-heading">{t('Profile')}</h2>
      {saved && <Notice kind="success">{t('Saved.')}</Notice>}
      <ErrorNotice error={save.error} title={t('The changes were not saved')} />
      <Field label={t('Name')} error={detail('name')}>
        {(props) => <input {...props} required maxLength={200} value={draft.name} onInput={set('name')} />}
      </Field>
      <p class="muted">{t('E-mail: {email}', { email: user.email })}</p>
      <Field label={t('Role')} hint={t('Takes effect at the user\'s next request')} error={detail('role')}>
        {(props) => (
          <select {...props} value={draft.role} onChange={set('role')}>
            <RoleOptions />
          </select>
        )}
      </Field>
      <Field label={t('Manager')} hint={t('Overdue tasks and unanswered approvals escalate to them')} error={detail('managerId')}>
        {(props) => (
          <select {...props} value={draft.managerId} onChange={set('managerId')}>
            <option value="">{t('No manager')}</option>
            {candidates.map((candidate) => (
              <option key={candidate.id} value={candidate.id}>
                {userLabel(candidate)}
                {candidate.deactivatedAt ? t(' — deactivated') : ''}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div class="actions">
        <button type="submit" class="primary" disabled={save.busy || !dirty}>
          {save.busy ? t('Saving…') : t('Save changes')}
        </button>
        {dirty && (
          <button type="button" onClick={() => (setDraft(original), save.clearError())}>
            {t('Discard changes')}</button>
        )}
      </div>
    </form>
  );
}
