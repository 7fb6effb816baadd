import { useState } from 'preact/hooks';
import { ErrorNotice, Loading } from '../../../components/notices';
import { formatDate } from '../../../format';
import type { PageProps } from '../../../page-route';
import { href } from '../../../router';
import { withQuery } from '../../../api';
import { useApi } from '../../../use-api';
import { KeysCard } from '../../account/keys-card';
import { SessionsCard } from '../../account/sessions-card';
import type { UserDetail } from '../admin-types';
import { useAllUsers } from './use-all-users';
import { UserProfileForm } from './user-profile-form';
import { UserStatusCard } from './user-status-card';
import { UserWorkCard } from './user-work-card';
import { roleLabel } from '../../account/role-label';
import '../admin.css';
import '../../account/account.css';
import { t } from '../../../i18n/i18n';

/** One user: profile and manager, access (deactivate / reactivate), work to reassign, keys and sessions. */
export function UserPage({ params }: PageProps) {
  const id = params.id ?? '';
  const user = useApi<UserDetail>(`/users/${encodeURIComponent(id)}`);
  const all = useAllUsers();
  // Bumped when access changes: deactivating ends the user's sessions, so their list is read again.
  const [accessVersion, setAccessVersion] = useState(0);
  const refresh = () => {
    void user.reload();
    void all.reload();
  };

  if (!user.data) {
    return (
      <section>
        <p>
          <a href={href('/users')}>{t('← All users')}</a>
        </p>
        <h1>{t('User')}</h1>
        <ErrorNotice error={user.error} title={t('The user could not be loaded')} />
        {user.loading && <Loading label={t('Loading the user…')} />}
      </section>
    );
  }
  const data = user.data;
  const manager = data.managerId ? all.byId.get(data.managerId) : undefined;
  const reports = all.users.filter((other) => other.managerId === data.id && !other.deactivatedAt);
  return (
    <section>
      <p>
        <a href={href('/users')}>{t('← All users')}</a>
      </p>
      <div class="page-head">
        <h1>{data.name}</h1>
        {data.deactivatedAt ? <span class="badge badge-cancelled">{t('Deactivated')}</span> : <span class="badge badge-approved">{t('Active')}</span>}
      </div>
      <p class="muted">
        {t('{role} · {email} · since {createdAt}', { role: roleLabel(data.role), email: data.email, createdAt: formatDate(data.createdAt) })}
        {manager && (
          <>
            {' '}{t('· reports to')}{' '}<a href={href(`/users/${manager.id}`)}>{manager.name}</a>
          </>
        )}
        {reports.length > 0 && <>{' '}{t('· manages {value}', { value: reports.map((report) => report.name).join(', ') })}</>} ·{' '}
        <a href={href(withQuery('/audit', { entityId: data.id }))}>{t('Audit log')}</a>
      </p>
      <ErrorNotice error={user.error} title={t('The user could not be refreshed')} />
      <div class="grid">
        <UserProfileForm user={data} users={all.users} onSaved={refresh} />
        <UserStatusCard user={data} onChanged={() => (refresh(), setAccessVersion((value) => value + 1))} />
      </div>
      <UserWorkCard user={data} users={all.users} onMoved={refresh} />
      <KeysCard basePath={`/users/${data.id}/keys`} owner={data.name} headingId="user-keys-heading" suspended={data.deactivatedAt ? t('None of these keys works while {name} is deactivated.', { name: data.name }) : undefined} />
      <SessionsCard key={accessVersion} basePath={`/users/${data.id}/sessions`} headingId="user-sessions-heading" mine={false} />
    </section>
  );
}
