import type { Db } from '../db/prisma';
import { AppError } from '../errors/app-error';
import type { Prisma } from '../generated/prisma/client';
import { checkActiveUsers, checkCampaign, namedUsers } from './event-references';
import { replaceCosts, replaceTasks } from './event-lines';
import { syncEventSources } from './event-sources';
import type { CopyEventRequest, CreateEventRequest, EventView } from './events.schemas';
import { getEventView } from './event-view';
import { copyBookings } from '../resources/copy-bookings';

const date = (text: string | null | undefined) => (text ? new Date(text) : null);

/** POST /events: a DRAFT event with its sub-sources (mirrored into its campaign), budget lines and PLANNED tasks. */
export async function createEvent(db: Db, callerId: string, request: CreateEventRequest, publicUrl: string): Promise<EventView> {
  const eventId = await db.$transaction(async (tx) => {
    await checkActiveUsers(tx, namedUsers(request));
    if (request.campaignId) await checkCampaign(tx, request.campaignId);
    const event = await tx.event.create({
      data: {
        name: request.name,
        kind: request.kind,
        description: request.description ?? null,
        venue: request.venue ?? null,
        onlineUrl: request.onlineUrl ?? null,
        timeZone: request.timeZone,
        startsAt: date(request.startsAt),
        endsAt: date(request.endsAt),
        capacity: request.capacity ?? null,
        ownerId: request.ownerId ?? callerId,
        teamIds: request.teamIds,
        campaignId: request.campaignId ?? null,
        currency: request.currency ?? null,
        price: request.price ?? null,
        offers: request.offers,
        registrationMode: request.registrationMode,
        registrationOpensAt: date(request.registrationOpensAt),
        registrationClosesAt: date(request.registrationClosesAt),
        reminderBefore: request.reminderBefore ?? null,
        createdById: callerId,
      },
      select: { id: true, name: true, campaignId: true },
    });
    await syncEventSources(tx, event, request.sources, event.campaignId);
    await replaceCosts(tx, event.id, request.costs);
    await replaceTasks(tx, event.id, request.tasks, { status: 'DRAFT', dates: { startsAt: null, endsAt: null, timeZone: request.timeZone }, calendar: () => Promise.reject(new Error('a DRAFT plans no due time')), now: new Date() });
    return event.id;
  });
  return getEventView(db, eventId, publicUrl);
}

/**
 * POST /events/:id/copy: a new DRAFT from a past (or any) event, the template: everything but its
 * dates (unless given), registrations and actual costs; tasks PLANNED again. Its resources are booked
 * again when both dates are given (a booking needs the span). Registration opening and closing times
 * are dates of the old event too, so they are left out.
 */
export async function copyEvent(db: Db, callerId: string, eventId: string, request: CopyEventRequest, publicUrl: string): Promise<EventView> {
  const copyId = await db.$transaction(async (tx) => {
    const source = await tx.event.findUnique({ where: { id: eventId }, include: { sources: { orderBy: [{ createdAt: 'asc' }, { code: 'asc' }] }, costs: { orderBy: { position: 'asc' } }, tasks: { orderBy: { position: 'asc' } } } });
    if (!source) throw new AppError('NOT_FOUND', `No event ${eventId}`);
    // The template's owner when still active, else whoever copies it.
    const owner = await tx.user.findUnique({ where: { id: source.ownerId }, select: { deactivatedAt: true } });
    const event = await tx.event.create({
      data: {
        name: request.name ?? `${source.name} (copy)`.slice(0, 200),
        kind: source.kind,
        description: source.description,
        venue: source.venue,
        onlineUrl: source.onlineUrl,
        timeZone: source.timeZone,
        startsAt: date(request.startsAt),
        endsAt: date(request.endsAt),
        capacity: source.capacity,
        ownerId: owner && !owner.deactivatedAt ? source.ownerId : callerId,
        teamIds: source.teamIds,
        campaignId: source.campaignId,
        currency: source.currency,
        price: source.price,
        offers: source.offers as Prisma.InputJsonValue,
        registrationMode: source.registrationMode,
        reminderBefore: source.reminderBefore,
        copiedFromId: source.id,
        createdById: callerId,
      },
      select: { id: true, name: true, campaignId: true },
    });
    // The copy's codes would clash with the original's mirrors in the same campaign: it gets its own, named after it.
    const sources = source.campaignId ? undefined : source.sources.map(({ code, name, channel }) => ({ code, name, channel: channel ?? undefined }));
    await syncEventSources(tx, event, sources, event.campaignId);
    if (source.costs.length) {
      await tx.eventCost.createMany({ data: source.costs.map((cost, position) => ({ eventId: event.id, label: cost.label, category: cost.category, planned: cost.planned, actual: null, position })) });
    }
    if (source.tasks.length) {
      await tx.eventTask.createMany({
        data: source.tasks.map((task, position) => ({ eventId: event.id, title: task.title, assigneeId: task.assigneeId, due: task.due as Prisma.InputJsonValue, state: 'PLANNED' as const, position })),
      });
    }
    const [startsAt, endsAt] = [date(request.startsAt), date(request.endsAt)];
    if (startsAt && endsAt) await copyBookings(tx, callerId, source, event.id, { startsAt, endsAt });
    return event.id;
  });
  return getEventView(db, copyId, publicUrl);
}
