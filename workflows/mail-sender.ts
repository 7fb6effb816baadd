import { log, patched, proxyActivities } from '@temporalio/workflow';
import type { OutboxActivities } from '../activities/outbox';

// SMTP may be down or slow for a while: delivery is retried without end; a 5xx answer is recorded as
// final by the activity itself, so only what can still go out is retried.
const { deliverMail } = proxyActivities<OutboxActivities>({
  startToCloseTimeout: '5 minutes',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});

/**
 * Workflows that write e-mails to the mail outbox (rule e-mails, notifications) hand their ids here.
 * They are delivered in the background, by the outbox's own activity, after the update or step that
 * wrote them has answered: an SMTP outage never delays an update. A workflow waits for `idle` before
 * it ends or continues as new, so nothing handed here is dropped.
 */
export function createMailSender() {
  const queued: string[] = [];
  let sending = false;

  async function sendQueued(): Promise<void> {
    sending = true;
    try {
      while (queued.length) await deliverMail({ emailIds: queued.splice(0) });
    } catch (error) {
      // Only a bug fails a delivery for good (its retries never end): the rows stay unsent, visible in the outbox.
      log.error('mail outbox delivery failed', { error: String(error) });
    } finally {
      sending = false;
    }
  }

  return {
    /** Histories recorded before the mail outbox sent nothing here: they replay as they ran. */
    send(emailIds: readonly string[] | undefined): void {
      if (!emailIds?.length || !patched(MAIL_OUTBOX_PATCH)) return;
      queued.push(...emailIds);
      if (!sending) void sendQueued();
    },
    idle: () => !sending && queued.length === 0,
  };
}

export const MAIL_OUTBOX_PATCH = 'mail-outbox';
