import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { eventChangedSignal, eventMailQueuedSignal, eventWorkflowId } from '../../workflows/event.messages';
import { eventWorkflow } from '../../workflows/event.workflow';
import type { Logger } from '../logger';
import type { TemporalDeps } from '../temporal/temporal-deps';
import { describeEventWorkflow } from '../temporal/workflow-descriptions';

export { eventWorkflowId };

/**
 * Starts the event's workflow; an event already scheduled keeps the one it has. `event.name`, when
 * given, is the run's summary in the Temporal UI ("Event: <name>").
 */
export async function startEventWorkflow(temporal: TemporalDeps, eventId: string, event?: { name: string }): Promise<void> {
  try {
    await temporal.client.workflow.start(eventWorkflow, {
      workflowId: eventWorkflowId(eventId),
      taskQueue: temporal.taskQueue,
      args: [{ eventId }],
      ...describeEventWorkflow({ id: eventId, name: event?.name }),
    });
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
  }
}

/** Best effort: the workflow reads the event's dates again at each of its steps. */
export async function signalEventChanged(temporal: TemporalDeps, eventId: string, logger?: Logger): Promise<void> {
  try {
    await temporal.client.workflow.getHandle(eventWorkflowId(eventId)).signal(eventChangedSignal);
  } catch (error) {
    logger?.warn({ err: error, eventId }, 'the event changed, but its workflow could not be told: it will notice at its next step');
  }
}

/** Per event, the mail signal this process has in flight, and the one that leaves after it. */
const mailSignals = new Map<string, { sending: Promise<void>; following: Promise<void> | null }>();

/**
 * Tells the event's workflow that e-mails wait in the outbox. Requests do not await it: their e-mails
 * are committed already, and a signal may take seconds when Temporal is busy (the dev server's took
 * 4.8 s about every 30 s under 50 registrations a second), which must not hold up a page. Best effort: on a failure, or a process stopped before the signal left, the
 * e-mails go at the workflow's next delivery, or when an API process starts (resumeUnsentEventMail).
 * A registration rush queues mail many times a second: one signal per event is in flight at a time, and
 * the mail queued meanwhile shares the one signal that leaves after it, so the answer (for tests) comes
 * after two signals at most, however long the rush lasts (the workflow delivers everything unsent on each).
 */
export function signalEventMailQueued(temporal: TemporalDeps, eventId: string, logger?: Logger): Promise<void> {
  const signals = mailSignals.get(eventId);
  if (signals) return (signals.following ??= signals.sending.then(() => send(signals)));
  const created = { sending: Promise.resolve(), following: null };
  mailSignals.set(eventId, created);
  return send(created);

  function send(signals: { sending: Promise<void>; following: Promise<void> | null }): Promise<void> {
    const sending = sendMailSignal(temporal, eventId, logger).finally(() => {
      if (signals.following === null) mailSignals.delete(eventId);
    });
    signals.sending = sending;
    signals.following = null;
    return sending;
  }
}

async function sendMailSignal(temporal: TemporalDeps, eventId: string, logger?: Logger): Promise<void> {
  try {
    await temporal.client.workflow.getHandle(eventWorkflowId(eventId)).signal(eventMailQueuedSignal);
  } catch (error) {
    logger?.warn({ err: error, eventId }, 'event e-mails were queued, but the event workflow could not be told: they go at its next step');
  }
}
