import type { DbClient } from '../db/prisma';
import type { Prisma } from '../generated/prisma/client';

/** One line of a campaign's history, as its writer gives it. */
export interface CampaignEventInput {
  campaignId: string;
  stageId?: string | null;
  kind: string;
  message: string;
  details?: Prisma.InputJsonValue;
  /** Who did it: a user id, or null for the system. */
  byUserId?: string | null;
  /** Unique when set: an activity retried after its commit records its event once. */
  dedupeKey?: string;
}

/**
 * Every line of a campaign's history is written here (the API's use cases and the workflow's
 * activities alike). Answers the new event's id, or null when an event with the same dedupeKey was
 * already recorded (the duplicate is skipped, not an error).
 */
export async function recordCampaignEvent(db: DbClient, event: CampaignEventInput): Promise<string | null> {
  const [created] = await db.campaignEvent.createManyAndReturn({
    data: [
      {
        campaignId: event.campaignId,
        stageId: event.stageId ?? null,
        kind: event.kind,
        message: event.message,
        details: event.details ?? {},
        byUserId: event.byUserId ?? null,
        dedupeKey: event.dedupeKey ?? null,
      },
    ],
    skipDuplicates: true,
    select: { id: true },
  });
  return created?.id ?? null;
}
