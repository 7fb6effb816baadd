import { useState } from 'preact/hooks';
import { post } from '../../../api';
import { Field } from '../../../components/field';
import { ErrorNotice } from '../../../components/notices';
import { href } from '../../../router';
import { useAction } from '../../../use-api';
import { OneTimeKey } from '../../account/one-time-key';
import type { CreatedUser } from '../admin-types';
import { RoleOptions } from '../../account/role-options';
import '../admin.css';
import '../../account/account.css';
import { t } from '../../../i18n/i18n';

const roles = ['manager', 'marketer', 'admin'] as const;

/** A new user: the API answers their first key once (and sends them a welcome e-mail). */
export function NewUserPage() {
  const [draft, setDraft] = useState({ email: '', name: '', role: 'manager' });
  const [created, setCreated] = useState<CreatedUser>();
  const create = useAction(() => post<CreatedUser>('/users', { ...draft, email: draft.email.trim(), name: draft.name.trim() }));
  const set = (name: keyof typeof draft) => (event: { currentTarget: { value: string } }) => setDraft({ ...draft, [name]: event.currentTarget.value });
  const detail = (name: string) => create.error?.detailFor(`body.${name}`);

  return (
    <section>
      <p>
        <a href={href('/users')}>{t('← All users')}</a>
      </p>
      <h1>{t('New user')}</h1>
      {created && (
        <>
          <OneTimeKey apiKey={created.apiKey} owner={created.user.name} onDismiss={() => setCreated(undefined)} />
          <p>
            {t('{name} was sent a welcome e-mail. Next:', { name: created.user.name })}{' '}<a href={href(`/users/${created.user.id}`)}>{t('set {name}\'s manager and see their page', { name: created.user.name })}</a>.
          </p>
        </>
      )}
      <form
        class="card narrow-form"
        aria-label={t('New user')}
        noValidate
        onSubmit={async (event) => {
          event.preventDefault();
          const answer = await create.run();
          if (!answer) return;
          setCreated(answer);
          setDraft({ email: '', name: '', role: draft.role });
        }}
      >
        <ErrorNotice error={create.error} title={t('The user was not created')} />
        <Field label={t('Name')} error={detail('name')}>
          {(props) => <input {...props} required maxLength={200} value={draft.name} onInput={set('name')} autoComplete="off" />}
        </Field>
        <Field label={t('E-mail')} hint={t('They sign in with it and receive their mail there')} error={detail('email')}>
          {(props) => <input {...props} type="email" required maxLength={254} value={draft.email} onInput={set('email')} autoComplete="off" />}
        </Field>
        <Field label={t('Role')} error={detail('role')}>
          {(props) => (
            <select {...props} value={draft.role} onChange={set('role')}>
              <RoleOptions roles={roles} />
            </select>
          )}
        </Field>
        <button type="submit" class="primary" disabled={create.busy}>
          {create.busy ? t('Creating…') : t('Create user')}
        </button>
      </form>
    </section>
  );
}
