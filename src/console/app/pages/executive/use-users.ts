import type { UserResponse } from '../../../../users/users.schemas';
import { useApi } from '../../use-api';

/** The company directory (GET /users): approvers to pick, and names to show instead of ids. */
export function useUsers() {
  const loaded = useApi<{ items: UserResponse[] }>('/users');
  const users = loaded.data?.items ?? [];
  const byId = new Map(users.map((user) => [user.id, user]));
  const nameOf = (id: string | null | undefined) => (id ? (byId.get(id)?.name ?? 'Unknown user') : '—');
  return { ...loaded, users, nameOf };
}
