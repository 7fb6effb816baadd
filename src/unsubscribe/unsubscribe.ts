import type { Db } from '../db/prisma';
import type { UnsubscribeTarget } from './unsubscribe-token';

/**
 * Suppresses the contact at once (its next mailing batch skips it) and notes in the campaign's
 * history that one of its recipients unsubscribed, without the address. Idempotent: the first
 * time stays, and the event is recorded once per contact and campaign.
 */
export async function unsubscribeContact(db: Db, target: UnsubscribeTarget): Promise<void> {
  await db.$transaction(async (tx) => {
    const updated = await tx.$executeRaw`UPDATE contacts SET unsubscribed_at = COALESCE(unsubscribed_at, now()) WHERE id = ${target.contactId}::uuid`;
    if (!updated || !target.campaignId) return;
    await tx.$executeRaw`
      INSERT INTO campaign_events (id, campaign_id, kind, message, details, dedupe_key, at)
      SELECT gen_random_uuid(), c.id, 'unsubscribed', 'A recipient unsubscribed with the link of this campaign',
             jsonb_build_object('contactId', ${target.contactId}::text), ${`unsubscribed:${target.campaignId}:${target.contactId}`}, now()
      FROM campaigns c WHERE c.id = ${target.campaignId}::uuid
      ON CONFLICT (dedupe_key) DO NOTHING`;
  });
}
