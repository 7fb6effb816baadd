import type { UserResponse } from '../../../../users/users.schemas';
import type { SegmentView } from '../../../../segments/segments.schemas';
import { useApi } from '../../use-api';

export type DirectoryUser = Pick<UserResponse, 'id' | 'name' | 'email' | 'role'>;
export type SegmentChoice = Pick<SegmentView, 'id' | 'name'>;
export interface TemplateChoice {
  key: string;
  name: string;
  subject: string;
}

/** Everyone who can be picked as an owner or an approver (a small company directory, one call). */
export const useUsers = () => useApi<{ items: DirectoryUser[] }>('/users');

// 200 is the API's page limit: a marketing team keeps far fewer segments and templates live.
export const useSegmentChoices = () => useApi<{ items: SegmentChoice[]; nextCursor: string | null }>('/segments', { limit: 200 });
export const useTemplateChoices = () => useApi<{ items: TemplateChoice[]; nextCursor: string | null }>('/templates', { limit: 200 });

export const userLabel = (user: DirectoryUser) => `${user.name} (${user.email})`;
