import { currentUser, session } from '../../session';
import { useSignal } from '../../signal';
import { KeysCard } from './keys-card';
import { SessionsCard } from './sessions-card';
import { roleLabel } from './role-label';
import './account.css';

/** Every user's own page: who they are, their API keys and where they are signed in. */
export function MyAccountPage() {
  const me = useSignal(currentUser)!;
  return (
    <section>
      <h1>My account</h1>
      <section class="card" aria-labelledby="me-heading">
        <h2 id="me-heading">You</h2>
        <dl class="facts">
          <dt>Name</dt>
          <dd>{me.name}</dd>
          <dt>E-mail</dt>
          <dd>{me.email}</dd>
          <dt>Role</dt>
          <dd>{roleLabel(me.role)}</dd>
        </dl>
        <p class="muted">An admin changes names, roles and managers.</p>
      </section>
      <KeysCard basePath="/me/keys" owner="you" headingId="my-keys-heading" signedInKey={session.key()} />
      <SessionsCard basePath="/me/sessions" headingId="my-sessions-heading" mine />
    </section>
  );
}
