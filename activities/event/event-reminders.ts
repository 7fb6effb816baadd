import type { DbClient } from '../../src/db/prisma';
import type { Prisma } from '../../src/generated/prisma/client';
import type { EventStepRow } from './event-step-row';

/**
 * Queues one `event.reminder` e-mail per REGISTERED registration, set-based. The dedupe key names
 * the start, so a retry queues nothing twice and a move to another date reminds again. Answers
 * how many rows were written.
 */
export async function queueEventReminders(tx: Prisma.TransactionClient, event: EventStepRow, now: Date): Promise<number> {
  const startsAt = event.startsAt!.toISOString();
  const queued = await tx.$executeRaw`
    INSERT INTO outbound_emails (id, dedupe_key, kind, template_key, event_id, event_registration_id, account_id, why, created_at)
    SELECT gen_random_uuid(), 'event.reminder:' || r.id || ':' || ${startsAt}, 'EVENT_EMAIL', 'event.reminder', r.event_id, r.id, r.account_id,
           jsonb_build_object('eventId', r.event_id, 'registrationId', r.id), ${now}
    FROM event_registrations r
    WHERE r.event_id = ${event.id}::uuid AND r.status = 'REGISTERED'
    ORDER BY r.registered_at, r.id
    ON CONFLICT (dedupe_key) DO NOTHING`;
  await tx.event.update({ where: { id: event.id }, data: { remindersSentAt: now } });
  return queued;
}

/**
 * Queues one `event.cancelled` e-mail per REGISTERED or WAITING registration of a cancelled event
 * (their status is what it was when the event was cancelled). Only once the event is CANCELLED.
 */
export async function queueCancellationEmails(db: DbClient, eventId: string): Promise<number> {
  return db.$executeRaw`
    INSERT INTO outbound_emails (id, dedupe_key, kind, template_key, event_id, event_registration_id, account_id, why, created_at)
    SELECT gen_random_uuid(), 'event.cancelled:' || r.id, 'EVENT_EMAIL', 'event.cancelled', r.event_id, r.id, r.account_id,
           jsonb_build_object('eventId', r.event_id, 'registrationId', r.id), now()
    FROM event_registrations r
    WHERE r.event_id = ${eventId}::uuid AND r.status IN ('REGISTERED', 'WAITING')
      AND EXISTS (SELECT 1 FROM events e WHERE e.id = r.event_id AND e.status = 'CANCELLED')
    ORDER BY r.registered_at, r.id
    ON CONFLICT (dedupe_key) DO NOTHING`;
}
