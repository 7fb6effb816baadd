import { randomUUID } from 'node:crypto';
import type { Db } from '../../../src/db/prisma';

export interface BareLogInput {
  accountId: string;
  outcome: string;
  loggedById: string;
}

/**
 * One transaction writing what logging a call with no answer writes: the activity, its follow-up task and
 * the task's escalation timer. No reads, no rules.
 */
export function createBareLogActivities(db: Db) {
  return {
    async writeBareActivity({ accountId, outcome, loggedById }: BareLogInput): Promise<{ activityId: string; taskId: string }> {
      const now = new Date();
      const dueAt = new Date(now.getTime() + 2 * 86_400_000);
      return db.$transaction(async (tx) => {
        const activity = await tx.activity.create({ data: { id: randomUUID(), accountId, type: 'CALL', outcome: outcome as never, occurredAt: now, loggedById, state: 'APPLIED' }, select: { id: true } });
        const task = await tx.task.create({ data: { accountId, type: 'CALL', title: 'Call back', dueAt, activityId: activity.id, why: {} }, select: { id: true } });
        await tx.timer.create({ data: { accountId, kind: 'task-overdue', fireAt: new Date(dueAt.getTime() + 86_400_000), onFire: [], taskId: task.id, activityId: activity.id, why: {} } });
        return { activityId: activity.id, taskId: task.id };
      });
    },
  };
}

export type BareLogActivities = ReturnType<typeof createBareLogActivities>;
