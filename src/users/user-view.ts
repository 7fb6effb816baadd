import type { UserResponse } from './users.schemas';

export const userViewSelect = { id: true, email: true, name: true, role: true, createdAt: true } as const;

export function toUserView(user: { id: string; email: string; name: string; role: UserResponse['role']; createdAt: Date }): UserResponse {
  return { ...user, createdAt: user.createdAt.toISOString() };
}
