import type { DbClient } from '../db/prisma';
import { AppError } from '../errors/app-error';

/**
 * Serializes the changes that must see every other one (roles, managers, deactivations): two admins
 * demoting each other at once, or making two people each other's manager, would otherwise both pass
 * their checks. Admin actions are rare; the lock is held for one short transaction.
 */
export async function lockUserDirectory(tx: DbClient): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(4242003)`;
}

/** How many active admins there are besides `userId`: none means `userId` is the last one. */
export function otherActiveAdmins(tx: DbClient, userId: string): Promise<number> {
  return tx.user.count({ where: { role: 'admin', deactivatedAt: null, id: { not: userId } } });
}

export function lastAdminConflict(what: string): AppError {
  return new AppError('CONFLICT', `${what}: they are the last active admin, and somebody must remain able to administer (make another user admin first)`);
}

const badManager = (message: string) => new AppError('VALIDATION_FAILED', `Invalid request body: body.managerId ${message}`, [{ path: 'body.managerId', message }]);

/**
 * Refuses a manager who is the user themselves, unknown, deactivated, or one of the people the user
 * manages directly or not (a cycle: escalations would go round). The chain above the new manager is
 * walked in one recursive query; UNION (not UNION ALL) ends it even on a cycle written by hand.
 */
export async function checkManager(tx: DbClient, userId: string, managerId: string): Promise<void> {
  if (managerId === userId) throw badManager('must be another user: nobody manages themselves');
  const manager = await tx.user.findUnique({ where: { id: managerId }, select: { deactivatedAt: true } });
  if (!manager) throw badManager(`names no user (${managerId})`);
  if (manager.deactivatedAt) throw badManager(`names a deactivated user (${managerId})`);
  const [{ cycle }] = await tx.$queryRaw<{ cycle: boolean }[]>`
    WITH RECURSIVE chain (id, manager_id) AS (
      SELECT id, manager_id FROM users WHERE id = CAST(${managerId} AS uuid)
      UNION
      SELECT u.id, u.manager_id FROM users u JOIN chain c ON u.id = c.manager_id
    )
    SELECT EXISTS (SELECT 1 FROM chain WHERE id = CAST(${userId} AS uuid)) AS cycle`;
  if (cycle) throw badManager('would make a cycle: that person is managed, directly or not, by this user');
}
