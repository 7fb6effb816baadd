import type { UserResponse } from '../../users/users.schemas';
import { currentUser } from './session';
import { useApi } from './use-api';
import { t } from './i18n/i18n';

export type DirectoryUser = Pick<UserResponse, 'id' | 'name' | 'email' | 'role'>;

/**
 * The company directory (GET /users, one small request): active people to pick as owners or approvers,
 * and names to show for the user ids the API answers. `nameOf` is undefined for no id, for an id
 * not in the directory and until the directory arrives: each page says what it shows instead,
 * rather than a guess. `meAs` names the signed-in user ("you") where that reads better.
 */
export function useUsers({ meAs }: { meAs?: string } = {}) {
  // Everyone, so that people who left keep their names on old records; only active ones are offered.
  const loaded = useApi<{ items: UserResponse[] }>('/users?status=all');
  const everyone = loaded.data?.items ?? [];
  const users = everyone.filter((user) => !user.deactivatedAt);
  const names = new Map(everyone.map((user) => [user.id, user.name]));
  const nameOf = (id: string | null | undefined): string | undefined => {
    if (!id) return undefined;
    if (meAs && id === currentUser.get()?.id) return t(meAs);
    return names.get(id);
  };
  return { ...loaded, users, nameOf };
}

/** A user in a picker: the name, and the e-mail that tells two of the same name apart. */
export const userLabel = (user: DirectoryUser) => `${user.name} (${user.email})`;
