import type { UserResponse } from './users.schemas';

export const userViewSelect = { id: true, email: true, name: true, role: true, managerId: true, deactivatedAt: true, createdAt: true } as const;

export interface UserRow {
  id: string;
  email: string;
  name: string;
  role: UserResponse['role'];
  managerId: string | null;
  deactivatedAt: Date | null;
  createdAt: Date;
}

export function toUserView(user: UserRow): UserResponse {
  return { ...user, deactivatedAt: user.deactivatedAt?.toISOString() ?? null, createdAt: user.createdAt.toISOString() };
}
