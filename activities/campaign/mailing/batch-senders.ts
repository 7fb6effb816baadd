import type { Mailer } from '../../../src/mail/mailer';
import { classifySendFailure } from '../../../src/mail/smtp-failure';
import type { BatchState, ReadyMessage } from './batch-state';
import type { DeliveryOutcome } from './delivery-queries';
import type { MailingOptions } from './mailing-options';
import type { OutcomeRecorder } from './outcome-recorder';
import type { TokenBucket } from './token-bucket';
import type { WorkQueue } from './work-queue';

/**
 * A sender sends its next message only once its previous outcome is written, so a crash leaves
 * at most one accepted message per sender unrecorded. While one sender waits for that write,
 * the other sender on its connection sends: the pool always has a message ready.
 */
export const SENDERS_PER_CONNECTION = 2;

export interface SendersInput {
  mailer: Mailer;
  queue: WorkQueue<ReadyMessage>;
  bucket: TokenBucket;
  recorder: OutcomeRecorder;
  state: BatchState;
  options: Pick<MailingOptions, 'maxAttempts' | 'retryDelayMs' | 'connectionFailuresToStop'>;
}

/**
 * SENDERS_PER_CONNECTION senders per pooled SMTP connection, taking messages from the queue in
 * turn, each waiting for the rate limiter and for its previous outcome's write. Once the batch is
 * stopping, what they take is put back unsent. Answers one promise per sender.
 */
export function startSenders(input: SendersInput, connections: number): Promise<void>[] {
  const { mailer, queue, bucket, recorder, state, options } = input;
  const { counts } = state;
  // Shared by the senders: the SMTP server is down after this many connection failures in a row, whoever met them.
  let connectionFailures = 0;

  /** A send's failure as the row records it: FAILED for good, or PENDING again after a back-off. */
  function failed(item: ReadyMessage, error: unknown): DeliveryOutcome {
    const failure = classifySendFailure(error);
    if (failure.kind === 'permanent') {
      counts.failed++;
      return { contactId: item.contactId, state: 'FAILED', reason: failure.reason, bounce: failure.bounce };
    }
    if (failure.throttled) bucket.slowDown();
    if (failure.connectionError && ++connectionFailures >= options.connectionFailuresToStop) state.smtpDown = true;
    const attempt = item.attempts + 1;
    if (attempt >= options.maxAttempts) {
      counts.failed++;
      return { contactId: item.contactId, state: 'FAILED', reason: `gave up after ${attempt} attempts: ${failure.reason}` };
    }
    counts.deferred++;
    return { contactId: item.contactId, state: 'PENDING', reason: failure.reason, nextAttemptAt: new Date(Date.now() + options.retryDelayMs(attempt)) };
  }

  async function send(): Promise<void> {
    // This sender's previous outcome being written: its next message goes only after that.
    let recorded: Promise<void> = Promise.resolve();
    for (let item = await queue.take(); item; item = await queue.take()) {
      if (state.stopping()) {
        recorder.putBack(item.contactId);
        continue;
      }
      const wait = bucket.take();
      if (wait) await wait;
      await recorded;
      if (state.stopping()) {
        recorder.putBack(item.contactId);
        continue;
      }
      let outcome: DeliveryOutcome;
      try {
        await mailer.send(item.mail);
        connectionFailures = 0;
        counts.sent++;
        outcome = { contactId: item.contactId, state: 'SENT', sentAt: new Date() };
      } catch (error) {
        outcome = failed(item, error);
      }
      recorded = recorder.record(outcome);
    }
  }

  return Array.from({ length: connections * SENDERS_PER_CONNECTION }, send);
}
