import type { Caller } from '../auth/caller';
import type { DbClient } from '../db/prisma';
import { AppError } from '../errors/app-error';

export interface GuardedPlan {
  id: string;
  name: string;
  authorId: string;
  status: 'DRAFT' | 'SUBMITTED' | 'APPROVED' | 'REJECTED' | 'EXPIRED';
}

export const planNotFound = (id: string, path = 'path.id') => new AppError('NOT_FOUND', `No plan ${id}`, [{ path, message: 'no such plan' }]);

/** Plans whose objectives and accounts may no longer change. */
const closedStatuses = new Set<GuardedPlan['status']>(['EXPIRED', 'REJECTED']);

/**
 * The plan, when the caller may add objectives to it or apply it: its author (or an admin), and
 * the plan neither EXPIRED nor REJECTED (409).
 */
export async function planOpenToChange(db: DbClient, caller: Caller, planId: string, doing: string): Promise<GuardedPlan> {
  const plan = await db.plan.findUnique({ where: { id: planId }, select: { id: true, name: true, authorId: true, status: true } });
  if (!plan) throw planNotFound(planId);
  if (caller.role !== 'admin' && plan.authorId !== caller.id) throw new AppError('FORBIDDEN', `Only the plan's author (or an admin) may ${doing}`);
  if (closedStatuses.has(plan.status)) throw new AppError('CONFLICT', `Plan ${planId} is ${plan.status}: cannot ${doing}`, [{ path: 'path.id', message: `plan is ${plan.status}` }]);
  return plan;
}
