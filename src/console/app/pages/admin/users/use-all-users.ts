import { useApi } from '../../../use-api';
import type { UserView } from '../admin-types';

/**
 * Every user, deactivated ones too (GET /users?status=all, a small directory without paging): the
 * admin's list, the names of managers and the pickers, which offer only the active ones.
 */
export function useAllUsers() {
  const loaded = useApi<{ items: UserView[] }>('/users', { status: 'all' });
  const users = loaded.data?.items ?? [];
  const byId = new Map(users.map((user) => [user.id, user]));
  return { ...loaded, users, active: users.filter((user) => !user.deactivatedAt), byId };
}

export const userLabel = (user: Pick<UserView, 'name' | 'email'>) => `${user.name} (${user.email})`;
