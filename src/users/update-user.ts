import type { Prisma } from '../generated/prisma/client';
import { recordAudit } from '../audit/record-audit';
import type { RequestContext } from '../auth/request-context';
import { AppError } from '../errors/app-error';
import type { UpdateUserRequest, UserResponse } from './users.schemas';
import { checkManager, lastAdminConflict, lockUserDirectory, otherActiveAdmins } from './user-rules';
import { toUserView, userViewSelect } from './user-view';

type Changes = Pick<Prisma.UserUncheckedUpdateInput, 'name' | 'role' | 'managerId'>;

/**
 * Changes a user's name, role or manager. Only fields that differ are written, and they alone go to
 * the audit entry (before and after); a body that changes nothing writes nothing.
 */
export async function updateUser({ db, caller }: RequestContext, userId: string, request: UpdateUserRequest): Promise<UserResponse> {
  return db.$transaction(async (tx) => {
    await lockUserDirectory(tx);
    const user = await tx.user.findUnique({ where: { id: userId }, select: userViewSelect });
    if (!user) throw new AppError('NOT_FOUND', `No user ${userId}`);
    const changes: Changes = {};
    const before: Record<string, string | null> = {};
    if (request.name !== undefined && request.name !== user.name) {
      changes.name = request.name;
      before.name = user.name;
    }
    if (request.role !== undefined && request.role !== user.role) {
      if (user.role === 'admin' && !user.deactivatedAt && (await otherActiveAdmins(tx, userId)) === 0) throw lastAdminConflict(`User ${userId} cannot stop being an admin`);
      changes.role = request.role;
      before.role = user.role;
    }
    if (request.managerId !== undefined && request.managerId !== user.managerId) {
      if (request.managerId !== null) await checkManager(tx, userId, request.managerId);
      changes.managerId = request.managerId;
      before.managerId = user.managerId;
    }
    if (Object.keys(changes).length === 0) return toUserView(user);
    const updated = await tx.user.update({ where: { id: userId }, data: changes, select: userViewSelect });
    await recordAudit(tx, { actorId: caller.id, action: 'user.update', entityType: 'user', entityId: userId, before, after: changes as Record<string, string | null> });
    return toUserView(updated);
  });
}
