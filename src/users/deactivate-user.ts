import { rerouteApprovalsOf } from '../approvals/move-approvals';
import { recordAudit } from '../audit/record-audit';
import type { RequestContext } from '../auth/request-context';
import { AppError } from '../errors/app-error';
import type { DeactivateUserRequest } from './users.schemas';
import { lastAdminConflict, lockUserDirectory, otherActiveAdmins } from './user-rules';
import { toUserView, userViewSelect } from './user-view';

const DEFAULT_REASON = 'deactivated';

/**
 * Deactivates a user who left. In one transaction: deactivatedAt is set (their API keys fail from
 * their next request on, as authentication reads it each time) and their open sessions end. Then
 * their pending approvals go to each stage's or plan's escalation target. Their accounts and tasks
 * stay theirs until an admin reassigns them (GET /users/:id lists them). Nobody deactivates
 * themselves, nor the last active admin.
 */
export async function deactivateUser(context: RequestContext, userId: string, request: DeactivateUserRequest) {
  const { db, caller } = context;
  if (userId === caller.id) throw new AppError('CONFLICT', 'You cannot deactivate yourself: ask another admin');
  const reason = request.reason ?? DEFAULT_REASON;
  const { user, sessionsEnded } = await db.$transaction(async (tx) => {
    await lockUserDirectory(tx);
    const found = await tx.user.findUnique({ where: { id: userId }, select: { role: true, deactivatedAt: true } });
    if (!found) throw new AppError('NOT_FOUND', `No user ${userId}`);
    if (found.deactivatedAt) throw new AppError('CONFLICT', `User ${userId} is already deactivated (since ${found.deactivatedAt.toISOString()})`);
    if (found.role === 'admin' && (await otherActiveAdmins(tx, userId)) === 0) throw lastAdminConflict(`User ${userId} cannot be deactivated`);
    const now = new Date();
    const updated = await tx.user.update({ where: { id: userId }, data: { deactivatedAt: now }, select: userViewSelect });
    const sessions = await tx.session.updateMany({ where: { userId, revokedAt: null, expiresAt: { gt: now } }, data: { revokedAt: now, revokedById: caller.id } });
    await recordAudit(tx, {
      actorId: caller.id,
      action: 'user.deactivate',
      entityType: 'user',
      entityId: userId,
      before: { deactivatedAt: null },
      after: { deactivatedAt: now.toISOString(), sessionsEnded: sessions.count },
      reason: request.reason ?? null,
    });
    return { user: toUserView(updated), sessionsEnded: sessions.count };
  });
  // After the commit, so that the routing sees them deactivated (never chosen as anyone's replacement).
  // Each rerouted stage or plan records it in its own history; a failure here leaves the user
  // deactivated, and POST /users/:id/reassign moves what is left.
  const approvalsRerouted = await rerouteApprovalsOf(context, { userId, reason });
  return { user, sessionsEnded, approvalsRerouted };
}

/** Lets a deactivated user work again: their keys work again; their ended sessions stay ended. */
export async function reactivateUser({ db, caller }: RequestContext, userId: string) {
  return db.$transaction(async (tx) => {
    await lockUserDirectory(tx);
    const found = await tx.user.findUnique({ where: { id: userId }, select: { deactivatedAt: true } });
    if (!found) throw new AppError('NOT_FOUND', `No user ${userId}`);
    if (!found.deactivatedAt) throw new AppError('CONFLICT', `User ${userId} is active already`);
    const updated = await tx.user.update({ where: { id: userId }, data: { deactivatedAt: null }, select: userViewSelect });
    await recordAudit(tx, { actorId: caller.id, action: 'user.reactivate', entityType: 'user', entityId: userId, before: { deactivatedAt: found.deactivatedAt.toISOString() }, after: { deactivatedAt: null } });
    return { user: toUserView(updated) };
  });
}
