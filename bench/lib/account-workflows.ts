// What Temporal itself says about the accounts' workflows: how many are open, which timers a sample
// of them waits on (their pendingTimers query), and whether a worker polls the task queue.
import { Client, Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { accountWorkflowId, pendingTimersQuery } from '../../workflows/account.messages';

export interface ExpectedTimer {
  accountId: string;
  timerId: string;
  fireAt: Date;
}

export interface AccountWorkflows {
  client: Client;
  /** Open account workflows, as the visibility store counts them. */
  countOpen(): Promise<number>;
  /**
   * The sample's timers that their workflow's pendingTimers query does not list (or lists at another
   * time), each with why, asked again until `timeoutMs` has passed: a workflow whose first task has not
   * run yet has not loaded its timers.
   */
  missingTimers(sample: ExpectedTimer[], timeoutMs: number): Promise<string[]>;
  /** The event types of an account's workflow history, numbered, to tell why a query failed. */
  historyOf(accountId: string): Promise<string>;
  /** Whether a worker has polled the task queue's workflow tasks since the server started. */
  workerPolls(): Promise<boolean>;
  /** Workflow tasks waiting for a worker (Temporal's approximate count, sticky queues left out). */
  backlog(): Promise<number>;
  close(): Promise<void>;
}

export async function connectAccountWorkflows(address: string, namespace: string, taskQueue: string): Promise<AccountWorkflows> {
  const connection = await Connection.connect({ address });
  const client = new Client({ connection, namespace });
  return {
    client,
    async countOpen() {
      const { count } = await client.workflow.count('WorkflowType = "accountWorkflow" AND ExecutionStatus = "Running"');
      return count;
    },
    async missingTimers(sample, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      let unseen = sample;
      const missing = new Map<ExpectedTimer, string>();
      for (;;) {
        missing.clear();
        for (const expected of unseen) {
          const listed = await client.workflow
            .getHandle(accountWorkflowId(expected.accountId))
            .query(pendingTimersQuery)
            .catch((error: Error) => error);
          if (listed instanceof Error) missing.set(expected, `${expected.accountId}: query failed: ${listed.message}`);
          else if (!listed.some((timer) => timer.id === expected.timerId && timer.fireAt === expected.fireAt.toISOString())) {
            missing.set(expected, `${expected.accountId}: timer ${expected.timerId} at ${expected.fireAt.toISOString()} not in ${JSON.stringify(listed)}`);
          }
        }
        if (missing.size === 0 || Date.now() > deadline) return [...missing.values()];
        unseen = [...missing.keys()];
        await new Promise((resolve) => setTimeout(resolve, 1_000));
      }
    },
    async historyOf(accountId) {
      const history = await client.workflow.getHandle(accountWorkflowId(accountId)).fetchHistory();
      const type = (n: number | null | undefined) => temporal.api.enums.v1.EventType[n ?? 0].replace(/^EVENT_TYPE_/, '');
      return (history.events ?? []).map((event) => `${String(event.eventId)} ${type(event.eventType)}`).join(', ');
    },
    async workerPolls() {
      const { pollers } = await client.workflowService.describeTaskQueue({ namespace, taskQueue: { name: taskQueue }, taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW });
      return (pollers?.length ?? 0) > 0;
    },
    async backlog() {
      const { stats } = await client.workflowService.describeTaskQueue({ namespace, taskQueue: { name: taskQueue }, taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW, reportStats: true });
      return Number(stats?.approximateBacklogCount ?? 0);
    },
    close: () => connection.close(),
  };
}
