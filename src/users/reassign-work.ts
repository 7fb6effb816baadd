import { moveApprovals } from '../approvals/move-approvals';
import { recordAudit } from '../audit/record-audit';
import type { RequestContext } from '../auth/request-context';
import { AppError } from '../errors/app-error';
import { ownerChangeWorkflowId, type OwnerChangeInput } from '../../workflows/owner-change.messages';
import { ownerChangeWorkflow } from '../../workflows/owner-change.workflow';
import type { ReassignWorkRequest } from './users.schemas';

const badTarget = (message: string) => new AppError('VALIDATION_FAILED', `Invalid request body: body.toUserId ${message}`, [{ path: 'body.toUserId', message }]);

/**
 * Gives everything a user has in hand to another active user. One transaction moves their accounts
 * in work (owned, not archived; one AccountOwnerChange each, with who and why, for the account's
 * history) and their open tasks, and starts, just before it commits, the workflow that tells each
 * moved account's workflow its new owner (so its CrmAccountOwnerId follows; its timers keep running
 * untouched): if Temporal refuses, nothing is moved, and once committed the telling cannot be lost.
 * Then their pending approvals move, each recorded in its stage's or plan's history.
 */
export async function reassignWork(context: RequestContext, fromUserId: string, request: ReassignWorkRequest) {
  const { db, temporal, caller } = context;
  const { toUserId } = request;
  if (toUserId === fromUserId) throw badTarget('must be another user');
  const changedAt = new Date();
  const { reason, accounts, tasks } = await db.$transaction(
    async (tx) => {
      const [from, to] = await Promise.all([
        tx.user.findUnique({ where: { id: fromUserId }, select: { name: true } }),
        tx.user.findUnique({ where: { id: toUserId }, select: { role: true, deactivatedAt: true } }),
      ]);
      if (!from) throw new AppError('NOT_FOUND', `No user ${fromUserId}`);
      if (!to) throw badTarget(`names no user (${toUserId})`);
      if (to.deactivatedAt) throw badTarget(`names a deactivated user (${toUserId}): reactivate them first, or choose someone else`);
      const reasonText = request.reason ?? `reassigned from ${from.name}`;
      const [{ accounts: movedAccounts }] = await tx.$queryRaw<{ accounts: number }[]>`
        WITH moved AS (
          UPDATE accounts SET owner_id = CAST(${toUserId} AS uuid), updated_at = now()
          WHERE owner_id = CAST(${fromUserId} AS uuid) AND archived_at IS NULL
          RETURNING id
        ), recorded AS (
          INSERT INTO account_owner_changes (id, account_id, from_user_id, to_user_id, changed_by_id, reason, changed_at)
          SELECT gen_random_uuid(), id, CAST(${fromUserId} AS uuid), CAST(${toUserId} AS uuid), CAST(${caller.id} AS uuid), ${reasonText}, ${changedAt}
          FROM moved
          RETURNING 1
        )
        SELECT count(*)::int AS accounts FROM recorded`;
      const { count: movedTasks } = await tx.task.updateMany({ where: { assigneeId: fromUserId, state: 'OPEN' }, data: { assigneeId: toUserId } });
      // A marketer sees neither accounts to work nor task lists: they may take approvals only.
      if (to.role === 'marketer' && movedAccounts + movedTasks > 0) {
        throw badTarget(`names a marketer, who can own neither the ${movedAccounts} accounts nor the ${movedTasks} open tasks: choose a manager or an admin`);
      }
      await recordAudit(tx, {
        actorId: caller.id,
        action: 'user.reassign',
        entityType: 'user',
        entityId: fromUserId,
        after: { toUserId, accounts: movedAccounts, tasks: movedTasks },
        reason: request.reason ?? null,
      });
      if (movedAccounts > 0) {
        const input: OwnerChangeInput = { fromUserId, toUserId, changedAt: changedAt.toISOString() };
        await temporal.client.workflow.start(ownerChangeWorkflow, { workflowId: ownerChangeWorkflowId(input), taskQueue: temporal.taskQueue, args: [input] });
      }
      return { reason: reasonText, accounts: movedAccounts, tasks: movedTasks };
    },
    // One UPDATE and one INSERT for all the accounts, however many: the default 5 s leaves little room for thousands.
    { timeout: 60_000 },
  );
  const approvals = await moveApprovals(context, { fromUserId, toUserId, reason });
  return { accounts, tasks, approvals };
}
