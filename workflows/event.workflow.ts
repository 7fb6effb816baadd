import { allHandlersFinished, condition, continueAsNew, log, proxyActivities, setHandler, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { ActivityOptions } from '@temporalio/workflow';
import type { EventActivities } from '../activities/event';
import { eventChangedSignal, eventMailQueuedSignal, type EventStatus, type EventStepPlan, type EventWorkflowInput } from './event.messages';
import { createMailSender } from './mail-sender';
import { eventStatusKey } from './search-attributes';

// A step decided must reach PostgreSQL: retry until it lands, except refusals (an event deleted).
const retry: ActivityOptions['retry'] = { initialInterval: '1 second', maximumInterval: '1 minute', nonRetryableErrorTypes: ['NOT_FOUND', 'VALIDATION_FAILED'] };
const steps = proxyActivities<EventActivities>({ startToCloseTimeout: '2 minutes', retry });
// SMTP may be down for a while: delivery is retried without end; batches heartbeat, so a worker that dies mid-way is noticed soon.
const mail = proxyActivities<Pick<EventActivities, 'deliverEventMail'>>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});

/** Past this many events a run continues as new (Temporal suggests it sooner for large histories). */
const HISTORY_LIMIT = 10_000;
/** How long to wait before running the steps again when a run found none due yet (clocks a little apart). */
const CLOCK_SKEW_PAUSE_MS = 1000;

/**
 * One per scheduled event (`event-<id>`): owns its dated steps. It asks PostgreSQL for the next
 * step, sleeps until then (or until the event changes), and runs every step due in one activity
 * that reads the current row, so a move re-arms the timers and a stale timer does nothing. Event
 * e-mails (confirmations from the API, reminders, cancellations) are delivered one delivery at a
 * time, however many mail signals arrive. Holds ids and flags only: it continues as new at any
 * quiet moment. Ends when the event is cancelled, or completed with no task escalation ahead.
 */
export async function eventWorkflow({ eventId, mailPending = false, continueAsNewAfterEvents }: EventWorkflowInput): Promise<EventStatus> {
  let changed = false;
  let mailWanted = mailPending;
  let delivering = false;
  /** Ending or continuing as new: no new delivery round starts (the next run, or the last delivery, sends what is left). */
  let draining = false;
  const notifications = createMailSender();

  async function deliverRounds(): Promise<void> {
    delivering = true;
    try {
      // Signals that arrive during a delivery make one more round, not one each.
      while (mailWanted && !draining) {
        mailWanted = false;
        await mail.deliverEventMail({ eventId });
      }
    } catch (error) {
      // Only a bug fails a delivery for good (its retries never end): the rows stay unsent, and the next round takes them.
      log.error('event mail delivery failed', { eventId, error: String(error) });
    } finally {
      delivering = false;
    }
  }
  const wantMail = () => {
    mailWanted = true;
    if (!delivering && !draining) void deliverRounds();
  };
  setHandler(eventChangedSignal, () => {
    changed = true;
  });
  setHandler(eventMailQueuedSignal, wantMail);
  if (mailWanted) wantMail();

  const historyLimit = continueAsNewAfterEvents ?? HISTORY_LIMIT;
  const historyIsLong = () => workflowInfo().continueAsNewSuggested || workflowInfo().historyLength > historyLimit;
  const plan = async (): Promise<EventStepPlan> => {
    changed = false;
    const answer = await steps.planEventSteps({ eventId });
    publishStatus(answer.status);
    return answer;
  };

  let current = await plan();
  /** The last run of the due steps found none due (the worker's clock behind the timer's): wait a little before the next. */
  let stalled = false;
  for (;;) {
    if (current.tasksToOpen > 0) {
      await steps.openEventTasks({ eventId });
      current = await plan();
      continue;
    }
    if (current.status === 'CANCELLED') {
      await steps.queueEventCancellationEmails({ eventId });
      break;
    }
    if (current.status === 'COMPLETED' && current.nextStepAt === null) break;
    const woken = () => changed || historyIsLong();
    if (current.nextStepAt === null) {
      await condition(woken);
    } else {
      const wait = Math.max(Date.parse(current.nextStepAt) - Date.now(), stalled ? CLOCK_SKEW_PAUSE_MS : 0);
      if (wait > 0) await condition(woken, wait, { summary: `${current.nextStep} at ${current.nextStepAt}` });
    }
    // Between activities, so nothing is abandoned mid-way; the next run plans afresh from PostgreSQL.
    if (historyIsLong()) {
      draining = true;
      await condition(() => !delivering && notifications.idle() && allHandlersFinished());
      return continueAsNew<typeof eventWorkflow>({ eventId, mailPending: mailWanted, ...(continueAsNewAfterEvents ? { continueAsNewAfterEvents } : {}) });
    }
    stalled = false;
    if (!changed) {
      const outcome = await steps.runDueEventSteps({ eventId });
      stalled = outcome.ran.length === 0;
      if (outcome.mailQueued) wantMail();
      notifications.send(outcome.notificationEmailIds);
    }
    current = await plan();
  }

  // Whatever is left in the outbox (reminders, cancellations, confirmations not sent yet) goes now.
  draining = true;
  await condition(() => !delivering);
  mailWanted = true;
  draining = false;
  await deliverRounds();
  await condition(() => !delivering && notifications.idle() && allHandlersFinished());
  return current.status;
}

/** The event's status as a search attribute, for an admin's filter in the Temporal UI: upserted only when it differs. */
function publishStatus(status: EventStatus): void {
  if (workflowInfo().typedSearchAttributes.get(eventStatusKey) !== status) upsertSearchAttributes([{ key: eventStatusKey, value: status }]);
}
