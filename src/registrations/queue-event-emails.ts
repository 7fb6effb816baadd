import type { DbClient } from '../db/prisma';
import { Prisma } from '../generated/prisma/client';

export type EventEmailKey = 'event.confirmation' | 'event.waiting' | 'event.promoted';

/**
 * Puts an EVENT_EMAIL row in the outbox for a registration, in the caller's transaction; the event's
 * workflow sends it (signalEventMailQueued after commit). `occurrence` tells one message from the next of
 * the same kind (a registration cancelled and made again is confirmed again): its time in the dedupe key.
 */
export async function queueEventEmail(tx: DbClient, email: EventEmail): Promise<void> {
  await tx.$executeRaw(eventEmailInsert(email));
}

export interface EventEmail {
  eventId: string;
  registrationId: string;
  accountId: string;
  templateKey: EventEmailKey;
  occurrence: Date;
}

/** The INSERT of queueEventEmail, for a statement that writes the registration too (one round trip). */
export function eventEmailInsert(email: EventEmail): Prisma.Sql {
  const dedupeKey = `${email.templateKey}:${email.registrationId}:${email.occurrence.getTime()}`;
  const why = JSON.stringify({ eventId: email.eventId, registrationId: email.registrationId });
  return Prisma.sql`
    INSERT INTO outbound_emails (id, dedupe_key, kind, template_key, event_id, event_registration_id, account_id, why)
    VALUES (gen_random_uuid(), ${dedupeKey}, 'EVENT_EMAIL', ${email.templateKey}, CAST(${email.eventId} AS uuid), CAST(${email.registrationId} AS uuid),
      CAST(${email.accountId} AS uuid), CAST(${why} AS jsonb))
    ON CONFLICT (dedupe_key) DO NOTHING`;
}
