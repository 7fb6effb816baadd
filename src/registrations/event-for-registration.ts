import type { DbClient } from '../db/prisma';
import { AppError } from '../errors/app-error';
import { Prisma } from '../generated/prisma/client';

export interface RegistrationSource {
  code: string;
  name: string;
  /** The campaign sub-source it is mirrored as (a campaign's event), through which its responses count. */
  campaignSourceId: string | null;
}

/** What registering, cancelling and checking in need of an event, read in one statement. */
export interface EventForRegistration {
  id: string;
  name: string;
  status: 'DRAFT' | 'SCHEDULED' | 'COMPLETED' | 'CANCELLED';
  capacity: number | null;
  price: string | null;
  currency: string | null;
  ownerId: string;
  campaignId: string | null;
  campaignName: string | null;
  registrationMode: 'OPEN' | 'INVITATION' | 'CLOSED';
  registrationOpensAt: Date | null;
  registrationOpenedAt: Date | null;
  registrationClosedAt: Date | null;
  startsAt: Date | null;
  endsAt: Date | null;
  /** In their order of creation: the first is the one a registration without a code counts under. */
  sources: RegistrationSource[];
  /** The event's campaign has a stage that starts on N responses: its registrations count them one at a time. */
  countsResponses: boolean;
}

/**
 * The event with its sources; an unknown event is a 404. `forUpdate` takes the event's row lock, which
 * every capacity decision holds (so concurrent registrations never exceed it): in a transaction that
 * also takes the accounts' IMPORT_LOCK, that lock is taken first (one lock order, no deadlock).
 */
export async function readEventForRegistration(tx: DbClient, eventId: string, { forUpdate }: { forUpdate: boolean }): Promise<EventForRegistration> {
  const [event] = await tx.$queryRaw<EventForRegistration[]>`
    SELECT e.id::text AS id, e.name, e.status::text AS status, e.capacity, e.price::text AS price, e.currency,
      e.owner_id::text AS "ownerId", e.campaign_id::text AS "campaignId", k.name AS "campaignName",
      e.registration_mode::text AS "registrationMode", e.registration_opens_at AS "registrationOpensAt",
      e.registration_opened_at AS "registrationOpenedAt", e.registration_closed_at AS "registrationClosedAt",
      e.starts_at AS "startsAt", e.ends_at AS "endsAt",
      COALESCE((SELECT json_agg(json_build_object('code', s.code, 'name', s.name, 'campaignSourceId', s.campaign_source_id) ORDER BY s.created_at, s.id)
        FROM event_sources s WHERE s.event_id = e.id), '[]'::json) AS sources,
      EXISTS (SELECT 1 FROM campaign_stages st WHERE st.campaign_id = e.campaign_id AND st.start_when->>'kind' = 'responses'
        AND k.status IN ('SCHEDULED', 'RUNNING', 'PAUSED')) AS "countsResponses"
    FROM events e LEFT JOIN campaigns k ON k.id = e.campaign_id
    WHERE e.id = CAST(${eventId} AS uuid)
    ${forUpdate ? Prisma.sql`FOR UPDATE OF e` : Prisma.empty}`;
  if (!event) throw new AppError('NOT_FOUND', `No event ${eventId}`);
  return event;
}

/**
 * The source a registration counts under: the one its code names (whatever the case), else the event's
 * first source (null when the event has none). An unknown code is a 400 naming body.sourceCode.
 */
export function sourceOf(event: EventForRegistration, code: string | undefined, path = 'body.sourceCode'): RegistrationSource | null {
  if (code === undefined) return event.sources[0] ?? null;
  const source = event.sources.find((candidate) => candidate.code === code) ?? event.sources.find((candidate) => candidate.code.toLowerCase() === code.toLowerCase());
  if (source) return source;
  const known = event.sources.map((candidate) => candidate.code);
  const message = `Event "${event.name}" has no sub-source "${code}"${known.length ? ` (its codes: ${known.join(', ')})` : ' (it has no sub-sources)'}`;
  throw new AppError('VALIDATION_FAILED', message, [{ path, message }]);
}

/** Whether the event still takes registrations from staff (API, import): scheduled and not over. */
export function checkStaffRegistrationAllowed(event: EventForRegistration, now: Date): void {
  if (event.status !== 'SCHEDULED') throw new AppError('CONFLICT', `Event "${event.name}" is ${event.status}: it takes registrations only while SCHEDULED`);
  if (event.endsAt && event.endsAt <= now) throw new AppError('CONFLICT', `Event "${event.name}" ended at ${event.endsAt.toISOString()}: it takes no more registrations`);
}

/**
 * Whether the public page may register someone now: the event scheduled, registration opened by its
 * workflow and not closed, and in INVITATION mode a verified invitation.
 */
export function checkPublicRegistrationAllowed(event: EventForRegistration, invited: boolean): void {
  if (event.status !== 'SCHEDULED') throw new AppError('CONFLICT', `Registration for "${event.name}" is closed: the event is ${event.status.toLowerCase()}`);
  if (event.registrationMode === 'CLOSED') throw new AppError('CONFLICT', `Registration for "${event.name}" is closed: the event takes no public registrations`);
  if (!event.registrationOpenedAt) {
    const when = event.registrationOpensAt ? ` (it opens at ${event.registrationOpensAt.toISOString()})` : '';
    throw new AppError('CONFLICT', `Registration for "${event.name}" is not yet open${when}`);
  }
  if (event.registrationClosedAt) throw new AppError('CONFLICT', `Registration for "${event.name}" is closed (since ${event.registrationClosedAt.toISOString()})`);
  if (event.registrationMode === 'INVITATION' && !invited) throw new AppError('FORBIDDEN', `"${event.name}" is by invitation only: register through the personal link of your invitation`);
}

/** The lead source a registration gives an account that has none. */
export function eventLeadSource(event: EventForRegistration, source: RegistrationSource | null): string {
  if (event.campaignName !== null) return `${event.campaignName}/${source?.code ?? 'event'}`;
  return `${event.name}/${source?.code ?? 'event'}`;
}
