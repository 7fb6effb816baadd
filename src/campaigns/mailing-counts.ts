import { Prisma } from '../generated/prisma/client';
import type { DbClient } from '../db/prisma';
import { isSendWindowOpen } from './send-window';
import type { SendWindow } from './stage-settings.schemas';

export interface MailingStageCounts {
  recipients: number;
  pending: number;
  sending: number;
  sent: number;
  failed: number;
  skipped: number;
  cancelled: number;
  /** Pending recipients whose send window is closed now, in their own time zone. */
  waitingForSendWindow: number;
}

/** A recipient's time zone for send windows: the contact's own, else its account's. */
export const recipientTimeZoneSql = Prisma.sql`COALESCE(NULLIF(c.time_zone, ''), a.time_zone, 'UTC')`;

/** Pending deliveries of a stage by their recipient's time zone (few groups: one per zone). */
export async function pendingByTimeZone(db: DbClient, stageId: string): Promise<{ timeZone: string; pending: number; earliestRetry: Date | null; readyNow: boolean }[]> {
  const rows = await db.$queryRaw<{ time_zone: string; pending: bigint; earliest_retry: Date | null; ready_now: boolean }[]>`
    SELECT ${recipientTimeZoneSql} AS time_zone, count(*) AS pending,
           min(d.next_attempt_at) AS earliest_retry, bool_or(d.next_attempt_at IS NULL OR d.next_attempt_at <= now()) AS ready_now
    FROM mail_deliveries d
    LEFT JOIN contacts c ON c.id = d.contact_id
    LEFT JOIN accounts a ON a.id = d.account_id
    WHERE d.stage_id = ${stageId}::uuid AND d.state = 'PENDING'
    GROUP BY 1`;
  return rows.map((row) => ({ timeZone: row.time_zone, pending: Number(row.pending), earliestRetry: row.earliest_retry, readyNow: row.ready_now }));
}

/** A MAILING stage's counts, read live from the delivery table (cheap enough while it runs). */
export async function countMailingStage(db: DbClient, stageId: string, sendWindow?: SendWindow): Promise<MailingStageCounts> {
  const rows = await db.mailDelivery.groupBy({ by: ['state'], where: { stageId }, _count: { _all: true } });
  const count = (state: string) => rows.find((row) => row.state === state)?._count._all ?? 0;
  const counts = { pending: count('PENDING'), sending: count('SENDING'), sent: count('SENT'), failed: count('FAILED'), skipped: count('SKIPPED'), cancelled: count('CANCELLED') };
  let waitingForSendWindow = 0;
  if (sendWindow && counts.pending > 0) {
    const now = new Date();
    for (const zone of await pendingByTimeZone(db, stageId)) {
      if (!isSendWindowOpen(sendWindow, zone.timeZone, now)) waitingForSendWindow += zone.pending;
    }
  }
  return { recipients: Object.values(counts).reduce((sum, value) => sum + value, 0), ...counts, waitingForSendWindow };
}
