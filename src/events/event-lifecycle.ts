import { recordAudit } from '../audit/record-audit';
import type { Db } from '../db/prisma';
import { assertScheduleWithinBudget } from '../budgets/schedule-budget-gate';
import { AppError } from '../errors/app-error';
import type { Logger } from '../logger';
import { releaseEventBookings } from '../resources/move-bookings';
import type { TemporalDeps } from '../temporal/temporal-deps';
import { lockEvent } from './event-update';
import { signalEventChanged, startEventWorkflow } from './event-workflow-client';
import type { EventView } from './events.schemas';
import { getEventView } from './event-view';

/**
 * POST /events/:id/schedule: a DRAFT with both dates in the future becomes SCHEDULED and its
 * workflow (event-<id>) starts; the workflow opens registration and the tasks. When the workflow
 * cannot start, the event goes back to DRAFT and the answer is a 503: nothing changed.
 */
export async function scheduleEvent(db: Db, temporal: TemporalDeps, callerId: string, eventId: string, publicUrl: string, now = new Date()): Promise<EventView> {
  const { scheduledAt, name } = await db.$transaction(async (tx) => {
    const event = await lockEvent(tx, eventId);
    if (event.status !== 'DRAFT') throw new AppError('CONFLICT', `Event ${eventId} is ${event.status}: only a DRAFT is scheduled`);
    const issues = [
      ...(!event.startsAt ? [{ path: 'startsAt', message: 'is required to schedule the event' }] : event.startsAt <= now ? [{ path: 'startsAt', message: 'must be in the future: pick a later date' }] : []),
      ...(!event.endsAt ? [{ path: 'endsAt', message: 'is required to schedule the event' }] : event.endsAt <= now ? [{ path: 'endsAt', message: 'must be in the future: pick a later date' }] : []),
    ];
    if (issues.length) throw new AppError('VALIDATION_FAILED', `Cannot schedule the event: ${issues.map((issue) => `${issue.path} ${issue.message}`).join('; ')}`, issues);
    await assertScheduleWithinBudget(tx, { eventId });
    await tx.event.update({ where: { id: eventId }, data: { status: 'SCHEDULED', scheduledAt: now } });
    return { scheduledAt: now, name: event.name };
  });
  try {
    // Named in the Temporal UI's summary (an event's name is no personal data).
    await startEventWorkflow(temporal, eventId, { name });
  } catch (error) {
    // Back to how it was, unless something else changed it meanwhile (only this request set this scheduledAt).
    await db.event.updateMany({ where: { id: eventId, status: 'SCHEDULED', scheduledAt }, data: { status: 'DRAFT', scheduledAt: null } });
    throw new AppError('SERVICE_UNAVAILABLE', `The event's workflow could not start, so the event stays a DRAFT: ${error instanceof Error ? error.message : String(error)}`);
  }
  // Recorded once it really happened: a schedule undone above leaves no trace.
  await recordAudit(db, { actorId: callerId, action: 'event.schedule', entityType: 'event', entityId: eventId, before: { status: 'DRAFT' }, after: { status: 'SCHEDULED' } });
  return getEventView(db, eventId, publicUrl);
}

/**
 * POST /events/:id/cancel: the event ends as CANCELLED with its reason; its open and planned tasks
 * are cancelled and its bookings released in the same transaction. The workflow, told afterwards,
 * e-mails the registered and waiting people and ends.
 */
export async function cancelEvent(db: Db, temporal: TemporalDeps, logger: Logger, callerId: string, eventId: string, reason: string, publicUrl: string, now = new Date()): Promise<EventView> {
  const wasScheduled = await db.$transaction(async (tx) => {
    const event = await lockEvent(tx, eventId);
    if (event.status !== 'DRAFT' && event.status !== 'SCHEDULED') throw new AppError('CONFLICT', `Event ${eventId} is ${event.status} already`);
    await tx.event.update({ where: { id: eventId }, data: { status: 'CANCELLED', endedAt: now, endReason: reason } });
    await tx.eventTask.updateMany({ where: { eventId, state: { in: ['PLANNED', 'OPEN'] } }, data: { state: 'CANCELLED' } });
    await releaseEventBookings(tx, eventId);
    await recordAudit(tx, { actorId: callerId, action: 'event.cancel', entityType: 'event', entityId: eventId, before: { status: event.status }, after: { status: 'CANCELLED' }, reason });
    return event.status === 'SCHEDULED';
  });
  if (wasScheduled) await signalEventChanged(temporal, eventId, logger);
  return getEventView(db, eventId, publicUrl);
}
