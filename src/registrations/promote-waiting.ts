import type { DbClient } from '../db/prisma';

/**
 * Gives the free seats of an event to the first WAITING registrations (registeredAt, then id), each with
 * its `event.promoted` e-mail in the outbox, in the caller's transaction, which must hold the event's row
 * lock (SELECT ... FROM events WHERE id = $1 FOR UPDATE). No capacity: every waiting one gets a seat.
 * Answers the ids of the promoted registrations, in waiting order; signal the workflow after commit.
 */
export async function promoteWaitingRegistrations(tx: DbClient, eventId: string, now: Date = new Date()): Promise<string[]> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    WITH free AS (
      SELECT CASE WHEN e.capacity IS NULL THEN NULL
        ELSE GREATEST(e.capacity - (SELECT count(*) FROM event_registrations r WHERE r.event_id = e.id AND r.status = 'REGISTERED'), 0) END AS seats
      FROM events e WHERE e.id = CAST(${eventId} AS uuid)
    ), next AS (
      SELECT r.id FROM event_registrations r
      WHERE r.event_id = CAST(${eventId} AS uuid) AND r.status = 'WAITING'
      ORDER BY r.registered_at, r.id
      LIMIT (SELECT seats FROM free)
    ), promoted AS (
      UPDATE event_registrations r SET status = 'REGISTERED', confirmed_at = ${now}, updated_at = ${now}
      FROM next WHERE r.id = next.id
      RETURNING r.id, r.account_id, r.registered_at
    ), queued AS (
      INSERT INTO outbound_emails (id, dedupe_key, kind, template_key, event_id, event_registration_id, account_id, why)
      SELECT gen_random_uuid(), 'event.promoted:' || p.id::text || ':' || ${String(now.getTime())}, 'EVENT_EMAIL', 'event.promoted', CAST(${eventId} AS uuid), p.id,
        p.account_id, jsonb_build_object('eventId', ${eventId}::text, 'registrationId', p.id::text)
      FROM promoted p
      ON CONFLICT (dedupe_key) DO NOTHING
    )
    SELECT id::text AS id FROM promoted ORDER BY registered_at, id`;
  return rows.map((row) => row.id);
}
