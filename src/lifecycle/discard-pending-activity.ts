import type { DbClient } from '../db/prisma';

/**
 * Removes an activity its workflow refused, with the response it was logged for, while it is still
 * PENDING: one the workflow applied after all (an update that timed out) stays, and so does its
 * response. Answers whether it was removed.
 */
export async function discardPendingActivity(tx: DbClient, activityId: string): Promise<boolean> {
  const { count } = await tx.activity.deleteMany({ where: { id: activityId, state: 'PENDING' } });
  if (count) await tx.response.deleteMany({ where: { activityId } });
  return count > 0;
}
