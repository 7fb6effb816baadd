// The bare baseline of bench/log-activity-capacity.bench.ts: what logging an activity costs in Temporal
// alone. The same Workflow Update (update-with-start, one local activity, one PostgreSQL transaction
// writing the same rows), with no rules, no serializing, no search attributes, no timers.
import { allHandlersFinished, condition, continueAsNew, defineUpdate, proxyLocalActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { BareLogActivities, BareLogInput } from './bare-log.activities';

export const bareLogUpdate = defineUpdate<{ activityId: string; taskId: string }, [BareLogInput]>('bareLog');
export const bareLogWorkflowId = (accountId: string) => `bare-log-${accountId}`;

const { writeBareActivity } = proxyLocalActivities<BareLogActivities>({ startToCloseTimeout: '30 seconds' });

export async function bareLogWorkflow(): Promise<void> {
  setHandler(bareLogUpdate, (input) => writeBareActivity(input));
  await condition(() => workflowInfo().continueAsNewSuggested);
  await condition(allHandlersFinished);
  await continueAsNew<typeof bareLogWorkflow>();
}
