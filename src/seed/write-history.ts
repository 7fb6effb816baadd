import type { Db } from '../db/prisma';
import type { TemporalDeps } from '../temporal/temporal-deps';
import { describeAccountWorkflow } from '../temporal/workflow-descriptions';
import { accountWorkflowId } from '../../workflows/account.messages';
import { accountWorkflow } from '../../workflows/account.workflow';
import type { HistoryRows } from './simulate-history';

const PARALLEL_STARTS = 16;

/** The accounts and their past, set-based: one INSERT per table, in one transaction. */
export async function writeHistory(db: Db, rows: HistoryRows): Promise<void> {
  await db.$transaction(
    async (tx) => {
      await tx.account.createMany({ data: rows.accounts });
      await tx.contact.createMany({ data: rows.contacts });
      await tx.activity.createMany({ data: rows.activities });
      await tx.statusChange.createMany({ data: rows.statusChanges });
      await tx.task.createMany({ data: rows.tasks });
      await tx.timer.createMany({ data: rows.timers });
    },
    { timeout: 60_000 },
  );
}

/**
 * Starts the workflow of every account in work, as taking it into work does: each reads its
 * pending timers (re-contacts, task escalations) from PostgreSQL at its start and waits for them;
 * an escalation already due fires at once, as after a worker outage. Answers how many started.
 */
export async function startAccountWorkflows(temporal: TemporalDeps, rows: HistoryRows): Promise<number> {
  const since = new Map<string, Date>();
  for (const change of rows.statusChanges) since.set(change.accountId, new Date(change.changedAt as Date));
  const inWork = rows.accounts.filter((account) => account.ownerId);
  let next = 0;
  const startNext = async (): Promise<void> => {
    for (let index = next++; index < inWork.length; index = next++) {
      const account = inWork[index];
      await temporal.client.workflow.start(accountWorkflow, {
        workflowId: accountWorkflowId(account.id!),
        taskQueue: temporal.taskQueue,
        args: [{ accountId: account.id! }],
        workflowIdConflictPolicy: 'USE_EXISTING',
        ...describeAccountWorkflow(account.id!, { status: account.status!, statusSince: since.get(account.id!)!, ownerId: account.ownerId ?? null, segment: account.segment ?? null }),
      });
    }
  };
  await Promise.all(Array.from({ length: PARALLEL_STARTS }, startNext));
  return inWork.length;
}
