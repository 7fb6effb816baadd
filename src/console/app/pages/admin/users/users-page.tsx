import { Field } from '../../../components/field';
import { Empty, ErrorNotice, Loading } from '../../../components/notices';
import { formatDate } from '../../../format';
import type { PageProps } from '../../../page-route';
import { href, navigate } from '../../../router';
import { withQuery } from '../../../api';
import type { UserView } from '../admin-types';
import { useAllUsers, userLabel } from './use-all-users';
import { RoleOptions } from '../../account/role-options';
import { roleLabel } from '../../account/role-label';
import '../admin.css';
import { t } from '../../../i18n/i18n';

type StatusFilter = 'active' | 'deactivated' | 'all';

interface Filters {
  status: StatusFilter;
  role: string;
  /** A manager's id, `none` for people without one, or '' for anyone. */
  manager: string;
}

function readFilters(query: URLSearchParams): Filters {
  const status = query.get('status');
  return { status: status === 'deactivated' || status === 'all' ? status : 'active', role: query.get('role') ?? '', manager: query.get('manager') ?? '' };
}

const matches = (user: UserView, filters: Filters) =>
  (filters.status === 'all' || (filters.status === 'active') === !user.deactivatedAt) &&
  (!filters.role || user.role === filters.role) &&
  (!filters.manager || (filters.manager === 'none' ? user.managerId === null : user.managerId === filters.manager));

/** People: every user with role, manager and status; filters live in the address. */
export function UsersPage({ query }: PageProps) {
  const filters = readFilters(query);
  const all = useAllUsers();
  const set = (change: Partial<Filters>) => {
    const next = { ...filters, ...change };
    navigate(withQuery('/users', { status: next.status === 'active' ? undefined : next.status, role: next.role, manager: next.manager }));
  };
  const managers = all.users.filter((user) => all.users.some((other) => other.managerId === user.id));
  const shown = all.users.filter((user) => matches(user, filters));

  return (
    <section>
      <div class="page-head">
        <h1>{t('Users')}</h1>
        <a class="button-link" href={href('/users/new')}>
          {t('New user')}</a>
      </div>
      <form class="card filters" aria-label={t('Filter users')} onSubmit={(event) => event.preventDefault()}>
        <Field label={t('Status')}>
          {(props) => (
            <select {...props} value={filters.status} onChange={(event) => set({ status: event.currentTarget.value as StatusFilter })}>
              <option value="active">{t('Active')}</option>
              <option value="deactivated">{t('Deactivated')}</option>
              <option value="all">{t('Everyone')}</option>
            </select>
          )}
        </Field>
        <Field label={t('Role')}>
          {(props) => (
            <select {...props} value={filters.role} onChange={(event) => set({ role: event.currentTarget.value })}>
              <option value="">{t('Any role')}</option>
              <RoleOptions />
            </select>
          )}
        </Field>
        <Field label={t('Manager')}>
          {(props) => (
            <select {...props} value={filters.manager} onChange={(event) => set({ manager: event.currentTarget.value })}>
              <option value="">{t('Anyone')}</option>
              <option value="none">{t('Nobody (no manager)')}</option>
              {managers.map((manager) => (
                <option key={manager.id} value={manager.id}>
                  {userLabel(manager)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </form>
      <ErrorNotice error={all.error} title={t('The users could not be loaded')} />
      {all.loading && !all.data && <Loading label={t('Loading users…')} />}
      {all.data && shown.length === 0 && <Empty>{t('No user matches these filters.')}</Empty>}
      {shown.length > 0 && (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">{t('Users by name')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('Name')}</th>
                <th scope="col">{t('E-mail')}</th>
                <th scope="col">{t('Role')}</th>
                <th scope="col">{t('Manager')}</th>
                <th scope="col">{t('Status')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((user) => {
                const manager = user.managerId ? all.byId.get(user.managerId) : undefined;
                return (
                  <tr key={user.id}>
                    <td>
                      <a href={href(`/users/${user.id}`)}>{user.name}</a>
                    </td>
                    <td class="wrap-anywhere">{user.email}</td>
                    <td>{roleLabel(user.role)}</td>
                    <td>{user.managerId ? (manager?.name ?? t('Unknown user')) : <span class="muted">{t('None')}</span>}</td>
                    <td>{user.deactivatedAt ? <span class="badge badge-cancelled">{t('Deactivated {deactivatedAt}', { deactivatedAt: formatDate(user.deactivatedAt) })}</span> : <span class="badge badge-approved">{t('Active')}</span>}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
