import { randomUUID } from 'node:crypto';
import type { Prisma } from '../../../src/generated/prisma/client';
import { signalEventChanged, startEventWorkflow } from '../../../src/events/event-workflow-client';
import type { TemporalDeps } from '../../../src/temporal/temporal-deps';
import { eventWorkflowId } from '../../../workflows/event.messages';
import { eventually } from '../../support/eventually';
import type { TestApp } from '../../support/test-app';

export const secondsFromNow = (seconds: number) => new Date(Date.now() + seconds * 1000);

/** The test worker's client and task queue, as the API's would be. */
export const temporalOf = (t: TestApp): TemporalDeps => ({ client: t.temporal.client, taskQueue: t.temporal.taskQueue });

/** A SCHEDULED event straight in the database (as POST /events/:id/schedule leaves it), registration not opened yet. */
export async function scheduledEvent(t: TestApp, ownerId: string, data: Partial<Prisma.EventUncheckedCreateInput> = {}) {
  return t.database.db.event.create({
    data: {
      name: `Workflow day ${randomUUID().slice(0, 8)}`,
      kind: 'seminar',
      timeZone: 'Europe/Berlin',
      startsAt: secondsFromNow(3600),
      endsAt: secondsFromNow(7200),
      ownerId,
      status: 'SCHEDULED',
      scheduledAt: new Date(),
      ...data,
    },
  });
}

/** Starts the event's workflow as the API does when the event is scheduled; answers its handle. */
export async function startWorkflow(t: TestApp, event: { id: string; name: string }) {
  await startEventWorkflow(temporalOf(t), event.id, { name: event.name });
  return t.temporal.client.workflow.getHandle(eventWorkflowId(event.id));
}

/** A registration of a new contact (its own account) with an address of its own. */
export async function registration(t: TestApp, eventId: string, status: 'REGISTERED' | 'WAITING' | 'CANCELLED', tag: string) {
  const email = `${tag}-${randomUUID().slice(0, 8)}@attendees.test`;
  const account = await t.database.db.account.create({ data: { name: `Account of ${email}` }, select: { id: true } });
  const contact = await t.database.db.contact.create({ data: { accountId: account.id, name: `Guest ${email}`, email, emailNormalized: email }, select: { id: true } });
  const row = await t.database.db.eventRegistration.create({
    data: {
      eventId,
      contactId: contact.id,
      accountId: account.id,
      status,
      channel: 'API',
      confirmedAt: status === 'REGISTERED' ? new Date() : null,
      cancelledAt: status === 'CANCELLED' ? new Date() : null,
    },
  });
  return { ...row, email };
}

/** Waits until the event's row satisfies `check` (an expect-throwing function). */
export function eventWhen(t: TestApp, eventId: string, check: (event: Prisma.EventGetPayload<{ include: { tasks: true } }>) => void, timeoutMs = 30_000) {
  return eventually(async () => {
    const event = await t.database.db.event.findUniqueOrThrow({ where: { id: eventId }, include: { tasks: { orderBy: { position: 'asc' } } } });
    check(event);
    return event;
  }, timeoutMs);
}

/**
 * Tells the workflow the event changed and waits until it has planned again and gone back to
 * sleep (every activity it scheduled since has completed): what it did about the change is done.
 */
export async function signalChangedAndAwaitPlan(t: TestApp, eventId: string): Promise<void> {
  const handle = t.temporal.client.workflow.getHandle(eventWorkflowId(eventId));
  const before = (await handle.fetchHistory()).events?.length ?? 0;
  await signalEventChanged(temporalOf(t), eventId);
  await eventually(async () => {
    const history = (await handle.fetchHistory()).events ?? [];
    const events = history.slice(before);
    const plans = events.filter((event) => event.activityTaskScheduledEventAttributes?.activityType?.name === 'planEventSteps').length;
    // Over the whole history: an activity scheduled before the signal may complete after it.
    const scheduled = history.filter((event) => event.activityTaskScheduledEventAttributes).length;
    const completed = history.filter((event) => event.activityTaskCompletedEventAttributes).length;
    const last = events[events.length - 1];
    const types = events.map((event) => Object.keys(event).find((key) => key.endsWith('Attributes')));
    expect({ types, plans: plans > 0, idle: scheduled === completed, asleep: !!(last?.workflowTaskCompletedEventAttributes || last?.timerStartedEventAttributes) }).toEqual({ types, plans: true, idle: true, asleep: true });
  });
}
