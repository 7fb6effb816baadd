import { getClient, heartbeat } from '@temporalio/activity';
import { WorkflowNotFoundError } from '@temporalio/client';
import { accountWorkflowId, ownerChangedSignal } from '../workflows/account.messages';
import type { OwnerChangeInput } from '../workflows/owner-change.messages';
import type { ActivityDependencies } from './dependencies';
import { retryableFailure } from './failures';

/** Accounts read and signalled per activity: one activity (a few events) per page in the workflow's history. */
export const OWNER_CHANGE_PAGE = 200;
/** Signals in flight at once within a page. */
const PARALLEL_SIGNALS = 20;

type Reassignment = Pick<OwnerChangeInput, 'fromUserId' | 'toUserId' | 'changedAt'>;

const rowsOf = ({ fromUserId, toUserId, changedAt }: Reassignment) => ({ fromUserId, toUserId, changedAt: new Date(changedAt) });

export function createOwnerChangeActivities({ db }: ActivityDependencies) {
  return {
    /** The reassignment starts its workflow just before it commits: its rows may not be visible yet. */
    async ownerChangeCommitted(reassignment: Reassignment): Promise<void> {
      const row = await db.accountOwnerChange.findFirst({ where: rowsOf(reassignment), select: { id: true } });
      if (!row) throw retryableFailure('NOT_FOUND', `the owner changes of ${reassignment.fromUserId} at ${reassignment.changedAt} are not committed (yet)`);
    },

    /**
     * Tells the workflows of the next page of moved accounts (by account id) that their owner changed;
     * each re-reads it from PostgreSQL, so a signal sent twice (a retried page) does no harm. An account
     * whose workflow has ended (archived meanwhile) is counted, not signalled.
     */
    async signalMovedAccounts(input: Reassignment & { afterAccountId: string | null }) {
      const rows = await db.accountOwnerChange.findMany({
        where: { ...rowsOf(input), ...(input.afterAccountId ? { accountId: { gt: input.afterAccountId } } : {}) },
        select: { accountId: true },
        orderBy: { accountId: 'asc' },
        take: OWNER_CHANGE_PAGE,
      });
      const client = getClient();
      let signalled = 0;
      let notRunning = 0;
      for (let start = 0; start < rows.length; start += PARALLEL_SIGNALS) {
        await Promise.all(
          rows.slice(start, start + PARALLEL_SIGNALS).map(async ({ accountId }) => {
            try {
              await client.workflow.getHandle(accountWorkflowId(accountId)).signal(ownerChangedSignal);
              signalled++;
            } catch (error) {
              if (!(error instanceof WorkflowNotFoundError)) throw error;
              notRunning++;
            }
          }),
        );
        heartbeat();
      }
      return { lastAccountId: rows.length === OWNER_CHANGE_PAGE ? rows[rows.length - 1].accountId : null, signalled, notRunning };
    },
  };
}

export type OwnerChangeActivities = ReturnType<typeof createOwnerChangeActivities>;
