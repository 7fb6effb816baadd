import type { DbClient } from '../db/prisma';
import { eventLocalTime } from './public-event-time';

/** What the public pages show of an event and decide with; nothing about its registrants but a count. */
export interface PublicEvent {
  id: string;
  name: string;
  description: string | null;
  status: 'DRAFT' | 'SCHEDULED' | 'COMPLETED' | 'CANCELLED';
  venue: string | null;
  onlineUrl: string | null;
  timeZone: string;
  startsAt: Date | null;
  endsAt: Date | null;
  capacity: number | null;
  price: string | null;
  currency: string | null;
  registrationMode: 'OPEN' | 'INVITATION' | 'CLOSED';
  registrationOpensAt: Date | null;
  registrationOpenedAt: Date | null;
  registrationClosedAt: Date | null;
  /** REGISTERED registrations now (seats taken). */
  registered: number;
  /** The event's sub-source codes, in their order of creation (the first is the default). */
  sourceCodes: string[];
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The event as the public pages see it, in one query; undefined when there is no such event or it is
 * still a DRAFT, so that a page never tells a draft from an event that does not exist.
 */
export async function loadPublicEvent(db: DbClient, eventId: string): Promise<PublicEvent | undefined> {
  if (!uuidPattern.test(eventId)) return undefined;
  const rows = await db.$queryRaw<PublicEvent[]>`
    SELECT e.id::text, e.name, e.description, e.status::text AS status, e.venue, e.online_url AS "onlineUrl", e.time_zone AS "timeZone",
           e.starts_at AS "startsAt", e.ends_at AS "endsAt", e.capacity, e.price::text AS price, e.currency,
           e.registration_mode::text AS "registrationMode", e.registration_opens_at AS "registrationOpensAt",
           e.registration_opened_at AS "registrationOpenedAt", e.registration_closed_at AS "registrationClosedAt",
           (SELECT count(*)::int FROM event_registrations r WHERE r.event_id = e.id AND r.status = 'REGISTERED') AS registered,
           COALESCE((SELECT array_agg(s.code ORDER BY s.created_at, s.code) FROM event_sources s WHERE s.event_id = e.id), '{}') AS "sourceCodes"
    FROM events e WHERE e.id = ${eventId}::uuid AND e.status <> 'DRAFT'`;
  return rows[0];
}

/** Why the public cannot register now (status and page text), or null when the page may take registrations. */
export function publicRegistrationRefusal(event: PublicEvent, now = new Date()): { status: number; title: string; message: string } | null {
  if (event.status === 'CANCELLED') return { status: 410, title: 'This event was cancelled', message: 'Registration is no longer possible.' };
  if (event.status === 'COMPLETED' || (event.endsAt && event.endsAt <= now)) return { status: 410, title: 'This event is over', message: 'Registration is no longer possible.' };
  if (event.registrationMode === 'CLOSED') return { status: 409, title: 'Registration is closed', message: 'This event does not take registrations through this page.' };
  if (event.registrationClosedAt) return { status: 409, title: 'Registration is closed', message: 'Registration for this event has closed.' };
  if (!event.registrationOpenedAt) {
    const opens = event.registrationOpensAt && event.registrationOpensAt > now ? eventLocalTime({ startsAt: event.registrationOpensAt, endsAt: null, timeZone: event.timeZone }) : null;
    return { status: 409, title: 'Registration is not open yet', message: opens ? `Registration opens on ${opens}.` : 'Registration for this event has not opened yet. Please come back later.' };
  }
  return null;
}

/** The event's own spelling of a sub-source code from a link (codes are unique per event, case-insensitively); undefined when it has none such. */
export function knownSourceCode(event: PublicEvent, code: string | undefined): string | undefined {
  if (!code) return undefined;
  const wanted = code.trim().toLowerCase();
  return event.sourceCodes.find((known) => known.toLowerCase() === wanted);
}
