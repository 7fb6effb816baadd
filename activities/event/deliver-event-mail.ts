import { Context } from '@temporalio/activity';
import type { ActivityDependencies } from '../dependencies';
import { deliverOutbox, type OutboxDelivery } from '../outbox/deliver-outbox';

const BATCH = 200;

/**
 * Sends every unsent EVENT_EMAIL row of the event, oldest first, in batches through the outbox's
 * delivery (which composes each from its registration). Fails, and is retried, while the SMTP
 * server is unavailable; what went out stays sent. Heartbeats between batches.
 */
export async function deliverEventMail(dependencies: ActivityDependencies, eventId: string): Promise<OutboxDelivery> {
  const total = { sent: 0, skipped: 0 };
  for (;;) {
    const rows = await dependencies.db.outboundEmail.findMany({
      where: { eventId, kind: 'EVENT_EMAIL', sentAt: null, skippedReason: null },
      select: { id: true },
      orderBy: [{ createdAt: 'asc' }, { dedupeKey: 'asc' }],
      take: BATCH,
    });
    if (!rows.length) return total;
    const batch = await deliverOutbox(dependencies, rows.map((row) => row.id));
    total.sent += batch.sent;
    total.skipped += batch.skipped;
    heartbeat(total);
    // Rows a batch neither sent nor skipped would come back forever: leave them to the next delivery.
    if (batch.sent + batch.skipped === 0) return total;
  }
}

/** Outside an activity (tests calling the function directly) there is no one to tell. */
function heartbeat(progress: OutboxDelivery): void {
  try {
    Context.current().heartbeat(progress);
  } catch {
    // not in an activity
  }
}
