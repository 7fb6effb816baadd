import type { UserListResponse } from '../../../../users/users.schemas';
import type { z } from 'zod';
import { useApi } from '../../use-api';
import { currentUser } from '../../session';

type UserList = z.output<typeof UserListResponse>;

/**
 * Names for the user ids the API answers (owners, who logged an activity): the directory is one
 * small request. Until it arrives, or for an unknown id, the name is left out rather than guessed.
 */
export function useUserNames(): (id: string | null | undefined) => string | undefined {
  const { data } = useApi<UserList>('/users');
  const names = new Map((data?.items ?? []).map((user) => [user.id, user.name]));
  return (id) => {
    if (!id) return undefined;
    if (id === currentUser.get()?.id) return 'you';
    return names.get(id);
  };
}
