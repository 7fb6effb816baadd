import { currentUser, session } from '../../session';
import { useSignal } from '../../signal';
import { KeysCard } from './keys-card';
import { SessionsCard } from './sessions-card';
import { PreferencesCard } from './preferences-card';
import { roleLabel } from './role-label';
import './account.css';
import { t } from '../../i18n/i18n';

/** Every user's own page: who they are, their API keys and where they are signed in. */
export function MyAccountPage() {
  const me = useSignal(currentUser)!;
  return (
    <section>
      <h1>{t('My account')}</h1>
      <section class="card" aria-labelledby="me-heading">
        <h2 id="me-heading">{t('You')}</h2>
        <dl class="facts">
          <dt>{t('Name')}</dt>
          <dd>{me.name}</dd>
          <dt>{t('E-mail')}</dt>
          <dd>{me.email}</dd>
          <dt>{t('Role')}</dt>
          <dd>{roleLabel(me.role)}</dd>
        </dl>
        <p class="muted">{t('An admin changes names, roles and managers.')}</p>
      </section>
      <PreferencesCard />
      <KeysCard basePath="/me/keys" owner="you" headingId="my-keys-heading" signedInKey={session.key()} />
      <SessionsCard basePath="/me/sessions" headingId="my-sessions-heading" mine />
    </section>
  );
}
