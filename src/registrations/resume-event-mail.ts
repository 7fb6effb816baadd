import { WorkflowNotFoundError } from '@temporalio/client';
import type { Db } from '../db/prisma';
import { eventMailQueuedSignal, eventWorkflowId } from '../../workflows/event.messages';
import type { TemporalDeps } from '../temporal/temporal-deps';

/**
 * Requests do not wait for the mail signal (signalEventMailQueued): a process stopped right after a
 * commit may have left an event's e-mails in the outbox with its workflow never told. Tells the
 * workflow of every event with e-mails still to send that were queued before `before`. An event whose
 * workflow has ended sent what it could at its end: nothing to tell. Any other failure is thrown, for
 * the caller to retry. Answers how many workflows were told.
 */
export async function resumeUnsentEventMail({ db, temporal }: { db: Db; temporal: TemporalDeps }, before: Date): Promise<number> {
  const events = await db.$queryRaw<{ id: string }[]>`
    SELECT e.id::text AS id FROM events e
    WHERE e.status <> 'DRAFT' AND EXISTS (
      SELECT 1 FROM outbound_emails o WHERE o.event_id = e.id AND o.sent_at IS NULL AND o.skipped_reason IS NULL AND o.created_at < ${before})`;
  let told = 0;
  for (const { id } of events) {
    try {
      await temporal.client.workflow.getHandle(eventWorkflowId(id)).signal(eventMailQueuedSignal);
      told++;
    } catch (error) {
      if (!(error instanceof WorkflowNotFoundError)) throw error;
    }
  }
  return told;
}
