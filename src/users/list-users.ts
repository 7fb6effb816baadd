import type { DbClient } from '../db/prisma';
import type { Prisma } from '../generated/prisma/client';
import type { ListUsersQuery, UserResponse } from './users.schemas';
import { toUserView, userViewSelect } from './user-view';

const byStatus: Record<ListUsersQuery['status'], Prisma.UserWhereInput> = {
  active: { deactivatedAt: null },
  deactivated: { deactivatedAt: { not: null } },
  all: {},
};

/** The directory by name: a small company's, so no paging. Pickers ask for the active users (the default). */
export async function listUsers(db: DbClient, query: ListUsersQuery): Promise<{ items: UserResponse[] }> {
  const users = await db.user.findMany({ where: { role: query.role, ...byStatus[query.status] }, select: userViewSelect, orderBy: [{ name: 'asc' }, { id: 'asc' }] });
  return { items: users.map(toUserView) };
}
