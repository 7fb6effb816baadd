import type { Db, DbClient } from '../db/prisma';
import { AppError } from '../errors/app-error';
import { Prisma } from '../generated/prisma/client';
import { registrationPageUrl } from '../registrations/registration-token';
import { eventCounts } from './event-counts';
import { eventWorkflowId } from './event-workflow-client';
import type { EventTaskDue, EventView } from './events.schemas';
import { type TaskRow, toTaskView } from './event-task-view';

export const eventViewInclude = {
  sources: { orderBy: [{ createdAt: 'asc' }, { code: 'asc' }] },
  costs: { orderBy: [{ position: 'asc' }, { createdAt: 'asc' }] },
  tasks: { orderBy: [{ position: 'asc' }, { createdAt: 'asc' }] },
} satisfies Prisma.EventInclude;

export type EventRow = Prisma.EventGetPayload<{ include: typeof eventViewInclude }>;

const iso = (value: Date | null) => (value ? value.toISOString() : null);
const money = (value: Prisma.Decimal | null) => (value === null ? null : value.toFixed(2));

/**
 * Whether the public page takes registrations now: the event is scheduled, not closed to
 * registration, and its workflow has opened registration and not closed it yet (an INVITATION
 * event is open to those holding an invitation).
 */
export function registrationOpen(event: { status: string; registrationMode: string; registrationOpenedAt: Date | null; registrationClosedAt: Date | null }): boolean {
  return event.status === 'SCHEDULED' && event.registrationMode !== 'CLOSED' && event.registrationOpenedAt !== null && event.registrationClosedAt === null;
}

export async function campaignNames(db: DbClient, ids: readonly (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await db.campaign.findMany({ where: { id: { in: wanted } }, select: { id: true, name: true } });
  return new Map(rows.map((row) => [row.id, row.name]));
}

export function toEventView(event: EventRow, extra: { campaignName: string | null; counts: EventView['counts']; publicUrl: string }): EventView {
  return {
    id: event.id,
    name: event.name,
    kind: event.kind,
    description: event.description,
    venue: event.venue,
    onlineUrl: event.onlineUrl,
    timeZone: event.timeZone,
    startsAt: iso(event.startsAt),
    endsAt: iso(event.endsAt),
    capacity: event.capacity,
    ownerId: event.ownerId,
    teamIds: event.teamIds,
    campaignId: event.campaignId,
    campaignName: extra.campaignName,
    currency: event.currency,
    price: money(event.price),
    offers: event.offers as EventView['offers'],
    status: event.status,
    registrationMode: event.registrationMode,
    registrationOpensAt: iso(event.registrationOpensAt),
    registrationClosesAt: iso(event.registrationClosesAt),
    registrationOpen: registrationOpen(event),
    reminderBefore: event.reminderBefore,
    sources: event.sources.map((source) => ({ code: source.code, name: source.name, channel: source.channel })),
    costs: event.costs.map((cost) => ({ id: cost.id, label: cost.label, category: cost.category, planned: money(cost.planned), actual: money(cost.actual) })),
    tasks: event.tasks.map((task) => toTaskView({ ...task, due: task.due as EventTaskDue, eventName: event.name } satisfies TaskRow)),
    counts: extra.counts,
    registrationUrl: registrationPageUrl(extra.publicUrl, event.id),
    copiedFromId: event.copiedFromId,
    workflowId: event.status === 'DRAFT' ? null : eventWorkflowId(event.id),
    scheduledAt: iso(event.scheduledAt),
    endedAt: iso(event.endedAt),
    endReason: event.endReason,
    createdAt: event.createdAt.toISOString(),
    updatedAt: event.updatedAt.toISOString(),
  };
}

/** The whole event as GET answers it; read outside any transaction (its queries run side by side). */
export async function getEventView(db: Db, eventId: string, publicUrl: string): Promise<EventView> {
  const event = await db.event.findUnique({ where: { id: eventId }, include: eventViewInclude });
  if (!event) throw new AppError('NOT_FOUND', `No event ${eventId}`);
  const [names, counts] = await Promise.all([campaignNames(db, [event.campaignId]), eventCounts(db, [event.id])]);
  const eventCount = counts.get(event.id) ?? { registered: 0, waiting: 0, cancelled: 0, attended: 0 };
  return toEventView(event, { campaignName: event.campaignId ? (names.get(event.campaignId) ?? null) : null, counts: { ...eventCount, noShows: event.noShows }, publicUrl });
}
