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
        <h1>Users</h1>
        <a class="button-link" href={href('/users/new')}>
          New user
        </a>
      </div>
      <form class="card filters" aria-label="Filter users" onSubmit={(event) => event.preventDefault()}>
        <Field label="Status">
          {(props) => (
            <select {...props} value={filters.status} onChange={(event) => set({ status: event.currentTarget.value as StatusFilter })}>
              <option value="active">Active</option>
              <option value="deactivated">Deactivated</option>
              <option value="all">Everyone</option>
            </select>
          )}
        </Field>
        <Field label="Role">
          {(props) => (
            <select {...props} value={filters.role} onChange={(event) => set({ role: event.currentTarget.value })}>
              <option value="">Any role</option>
              <RoleOptions />
            </select>
          )}
        </Field>
        <Field label="Manager">
          {(props) => (
            <select {...props} value={filters.manager} onChange={(event) => set({ manager: event.currentTarget.value })}>
              <option value="">Anyone</option>
              <option value="none">Nobody (no manager)</option>
              {managers.map((manager) => (
                <option key={manager.id} value={manager.id}>
                  {userLabel(manager)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </form>
      <ErrorNotice error={all.error} title="The users could not be loaded" />
      {all.loading && !all.data && <Loading label="Loading users…" />}
      {all.data && shown.length === 0 && <Empty>No user matches these filters.</Empty>}
      {shown.length > 0 && (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">Users by name</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">E-mail</th>
                <th scope="col">Role</th>
                <th scope="col">Manager</th>
                <th scope="col">Status</th>
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
                    <td>{user.managerId ? (manager?.name ?? 'Unknown user') : <span class="muted">None</span>}</td>
                    <td>{user.deactivatedAt ? <span class="badge badge-cancelled">Deactivated {formatDate(user.deactivatedAt)}</span> : <span class="badge badge-approved">Active</span>}</td>
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
