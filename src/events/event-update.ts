import type { Db } from '../db/prisma';
import { AppError } from '../errors/app-error';
import type { Prisma } from '../generated/prisma/client';
import type { Logger } from '../logger';
import { promoteWaitingRegistrations } from '../registrations/promote-waiting';
import { moveEventBookings } from '../resources/move-bookings';
import { getCalendar } from '../rule-store/calendar-store';
import type { TemporalDeps } from '../temporal/temporal-deps';
import { eventConsistencyIssues } from './event-consistency';
import { replaceCosts, replaceTasks, recomputeOpenTaskDues } from './event-lines';
import { checkActiveUsers, checkCampaign, namedUsers } from './event-references';
import { syncEventSources } from './event-sources';
import { signalEventChanged, signalEventMailQueued } from './event-workflow-client';
import type { EventView, UpdateEventRequest } from './events.schemas';
import { getEventView } from './event-view';

type Tx = Prisma.TransactionClient;

/** Takes the event's row lock (every capacity decision does) and reads it. */
export async function lockEvent(tx: Tx, eventId: string) {
  await tx.$queryRaw`SELECT id FROM events WHERE id = CAST(${eventId} AS uuid) FOR UPDATE`;
  const event = await tx.event.findUnique({ where: { id: eventId }, include: { costs: { select: { planned: true, actual: true } } } });
  if (!event) throw new AppError('NOT_FOUND', `No event ${eventId}`);
  return event;
}

const date = (text: string | null | undefined) => (text === undefined ? undefined : text === null ? null : new Date(text));
const sameTime = (a: Date | null, b: Date | null) => (a?.getTime() ?? null) === (b?.getTime() ?? null);
const invalid = (issues: { path: string; message: string }[]) =>
  new AppError('VALIDATION_FAILED', `Invalid ${issues.map((issue) => issue.path.replace(/^body\./, '')).join(', ')}: ${issues[0].message}`, issues);

interface Outcome {
  moved: boolean;
  changed: boolean;
  promoted: number;
}

/**
 * PATCH /events/:id on a DRAFT or SCHEDULED event, in one transaction under the event's row lock.
 * Lists replace the stored ones. A scheduled event that moves gets its OPEN tasks' due times again,
 * its resource bookings moved (a clash is a 409 naming the other event) and a registration closed by
 * the workflow re-opened when its close time moves back into the future; a raised capacity gives seats
 * to the waiting list. Its workflow is told after the commit (best effort: it reads the event again).
 */
export async function updateEvent(db: Db, temporal: TemporalDeps, logger: Logger, eventId: string, request: UpdateEventRequest, publicUrl: string, now = new Date()): Promise<EventView> {
  const outcome = await db.$transaction(async (tx): Promise<Outcome> => {
    const event = await lockEvent(tx, eventId);
    if (event.status !== 'DRAFT' && event.status !== 'SCHEDULED') throw new AppError('CONFLICT', `Event ${eventId} is ${event.status}: only DRAFT and SCHEDULED events change (copy it to plan it again)`);
    const scheduled = event.status === 'SCHEDULED';

    const startsAt = date(request.startsAt) === undefined ? event.startsAt : date(request.startsAt)!;
    const endsAt = date(request.endsAt) === undefined ? event.endsAt : date(request.endsAt)!;
    if (scheduled) {
      const gone = [...(startsAt ? [] : ['body.startsAt']), ...(endsAt ? [] : ['body.endsAt'])];
      if (gone.length) throw invalid(gone.map((path) => ({ path, message: 'a scheduled event keeps its dates (cancel it instead)' })));
    }
    const merged = {
      startsAt,
      endsAt,
      registrationOpensAt: request.registrationOpensAt === undefined ? event.registrationOpensAt : request.registrationOpensAt,
      registrationClosesAt: request.registrationClosesAt === undefined ? event.registrationClosesAt : request.registrationClosesAt,
      currency: request.currency === undefined ? event.currency : request.currency,
      price: request.price === undefined ? event.price : request.price,
      costs: request.costs ?? event.costs,
    };
    const issues = eventConsistencyIssues(merged).map((issue) => ({ path: `body.${issue.path.join('.')}`, message: issue.message }));
    if (issues.length) throw invalid(issues);

    await checkActiveUsers(tx, namedUsers(request));
    if (request.campaignId) await checkCampaign(tx, request.campaignId);

    const registered = await tx.eventRegistration.count({ where: { eventId, status: 'REGISTERED' } });
    if (request.capacity !== undefined && request.capacity !== null && request.capacity < registered) {
      const message = `${registered} ${registered === 1 ? 'person is' : 'people are'} registered: the capacity cannot go below that (cancel registrations first)`;
      throw new AppError('CONFLICT', `Capacity ${request.capacity} is too small: ${message}`, [{ path: 'body.capacity', message }]);
    }

    const timeZone = request.timeZone ?? event.timeZone;
    const moved = scheduled && (!sameTime(startsAt, event.startsAt) || !sameTime(endsAt, event.endsAt) || timeZone !== event.timeZone);
    const data: Prisma.EventUpdateInput = {
      name: request.name,
      kind: request.kind,
      description: request.description,
      venue: request.venue,
      onlineUrl: request.onlineUrl,
      timeZone: request.timeZone,
      startsAt: date(request.startsAt),
      endsAt: date(request.endsAt),
      capacity: request.capacity,
      ownerId: request.ownerId,
      teamIds: request.teamIds,
      campaignId: request.campaignId,
      currency: request.currency,
      price: request.price,
      offers: request.offers,
      registrationMode: request.registrationMode,
      registrationOpensAt: date(request.registrationOpensAt),
      registrationClosesAt: date(request.registrationClosesAt),
      reminderBefore: request.reminderBefore,
    };
    // The workflow closed registration at the old close time; a later one opens it again.
    const closesAt = merged.registrationClosesAt ? new Date(merged.registrationClosesAt) : startsAt;
    if (scheduled && event.registrationClosedAt && closesAt && closesAt > now) data.registrationClosedAt = null;
    // Reminders went for the old start: the new one gets its own (their dedupe keys name the start).
    if (moved && event.remindersSentAt && !sameTime(startsAt, event.startsAt)) data.remindersSentAt = null;
    const updated = await tx.event.update({ where: { id: eventId }, data, select: { id: true, name: true, campaignId: true } });

    if (request.sources !== undefined || updated.campaignId !== event.campaignId) await syncEventSources(tx, updated, request.sources, event.campaignId);
    if (request.costs) await replaceCosts(tx, eventId, request.costs);
    let calendar: Awaited<ReturnType<typeof getCalendar>> | undefined;
    const readCalendar = async () => (calendar ??= await getCalendar(tx));
    const dates = { startsAt, endsAt, timeZone };
    if (request.tasks) await replaceTasks(tx, eventId, request.tasks, { status: event.status, dates, calendar: readCalendar, now });
    if (moved) {
      await recomputeOpenTaskDues(tx, eventId, dates, await readCalendar(), now);
      await moveEventBookings(tx, eventId, startsAt!, endsAt!);
    }
    const raised = request.capacity !== undefined && event.capacity !== null && (request.capacity === null || request.capacity > event.capacity);
    const promoted = raised ? (await promoteWaitingRegistrations(tx, eventId, now)).length : 0;
    const timersChanged =
      moved ||
      (request.registrationOpensAt !== undefined && !sameTime(date(request.registrationOpensAt)!, event.registrationOpensAt)) ||
      (request.registrationClosesAt !== undefined && !sameTime(date(request.registrationClosesAt)!, event.registrationClosesAt)) ||
      (request.reminderBefore !== undefined && request.reminderBefore !== event.reminderBefore) ||
      (request.capacity !== undefined && request.capacity !== event.capacity) ||
      (request.registrationMode !== undefined && request.registrationMode !== event.registrationMode) ||
      request.tasks !== undefined;
    return { moved, changed: scheduled && timersChanged, promoted };
  });
  if (outcome.changed) await signalEventChanged(temporal, eventId, logger);
  if (outcome.promoted > 0) void signalEventMailQueued(temporal, eventId, logger);
  return getEventView(db, eventId, publicUrl);
}
