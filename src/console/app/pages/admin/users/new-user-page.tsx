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
        <a href={href('/users')}>← All users</a>
      </p>
      <h1>New user</h1>
      {created && (
        <>
          <OneTimeKey apiKey={created.apiKey} owner={created.user.name} onDismiss={() => setCreated(undefined)} />
          <p>
            {created.user.name} was sent a welcome e-mail. Next: <a href={href(`/users/${created.user.id}`)}>set {created.user.name}'s manager and see their page</a>.
          </p>
        </>
      )}
      <form
        class="card narrow-form"
        aria-label="New user"
        noValidate
        onSubmit={async (event) => {
          event.preventDefault();
          const answer = await create.run();
          if (!answer) return;
          setCreated(answer);
          setDraft({ email: '', name: '', role: draft.role });
        }}
      >
        <ErrorNotice error={create.error} title="The user was not created" />
        <Field label="Name" error={detail('name')}>
          {(props) => <input {...props} required maxLength={200} value={draft.name} onInput={set('name')} autoComplete="off" />}
        </Field>
        <Field label="E-mail" hint="They sign in with it and receive their mail there" error={detail('email')}>
          {(props) => <input {...props} type="email" required maxLength={254} value={draft.email} onInput={set('email')} autoComplete="off" />}
        </Field>
        <Field label="Role" error={detail('role')}>
          {(props) => (
            <select {...props} value={draft.role} onChange={set('role')}>
              <RoleOptions roles={roles} />
            </select>
          )}
        </Field>
        <button type="submit" class="primary" disabled={create.busy}>
          {create.busy ? 'Creating…' : 'Create user'}
        </button>
      </form>
    </section>
  );
}
