import type { Db } from '../db/prisma';
import type { Prisma } from '../generated/prisma/client';
import { encodePageCursor } from '../schemas/page-cursor';
import { eventCounts, noRegistrations } from './event-counts';
import type { EventListQuery, EventPage } from './events.schemas';
import { campaignNames } from './event-view';

/** GET /events: newest first (createdAt, then id), filtered by status, campaign and text; counts from one grouped query. */
export async function listEvents(db: Db, query: EventListQuery): Promise<EventPage> {
  const where: Prisma.EventWhereInput = { AND: [] };
  const and = where.AND as Prisma.EventWhereInput[];
  if (query.status) and.push({ status: query.status });
  if (query.campaignId) and.push({ campaignId: query.campaignId });
  if (query.q) {
    const contains = { contains: query.q, mode: 'insensitive' as const };
    and.push({ OR: [{ name: contains }, { kind: contains }, { venue: contains }] });
  }
  if (query.cursor) and.push({ OR: [{ createdAt: { lt: query.cursor.at } }, { createdAt: query.cursor.at, id: { lt: query.cursor.id } }] });
  const rows = await db.event.findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: query.limit + 1 });
  const page = rows.slice(0, query.limit);
  const [names, counts] = await Promise.all([campaignNames(db, page.map((row) => row.campaignId)), eventCounts(db, page.map((row) => row.id))]);
  const items = page.map((row) => ({
    id: row.id,
    name: row.name,
    kind: row.kind,
    status: row.status,
    startsAt: row.startsAt?.toISOString() ?? null,
    endsAt: row.endsAt?.toISOString() ?? null,
    timeZone: row.timeZone,
    venue: row.venue,
    capacity: row.capacity,
    campaignId: row.campaignId,
    campaignName: row.campaignId ? (names.get(row.campaignId) ?? null) : null,
    counts: counts.get(row.id) ?? noRegistrations,
  }));
  const last = page.at(-1);
  return { items, nextCursor: rows.length > query.limit && last ? encodePageCursor(last.createdAt, last.id) : null };
}
