import { AppError } from '../../src/errors/app-error';
import type { MailingBatchResult } from '../../workflows/campaign.messages';
import type { ActivityDependencies } from '../dependencies';
import { cancelDeliveries, insertDeliveries, loadMailingStage } from './mailing/delivery-queries';
import { runMailingBatch } from './mailing/mailing-batch';
import { defaultMailingOptions, type MailingOptions } from './mailing/mailing-options';

export type { MailingOptions } from './mailing/mailing-options';

/**
 * A MAILING stage's activities. The guarantee (SMTP cannot make a send and its record one step):
 * no recipient is skipped, none gets two different messages, and a crash can at worst resend the
 * few messages in flight or not yet recorded, with the same Message-ID. Each (stage, contact) has
 * one row in mail_deliveries: PENDING → SENDING (claimed) → SENT | FAILED | SKIPPED, or back to
 * PENDING after a transient failure; CANCELLED when the campaign is cancelled.
 *
 * `options` exists for tests and benchmarks (short back-offs, small batches).
 */
export function createMailingActivities(dependencies: ActivityDependencies, options: Partial<MailingOptions> = {}) {
  const { db } = dependencies;
  const settings: MailingOptions = { ...defaultMailingOptions, ...options };
  return {
    /** One delivery row per target-cell recipient of the campaign's list; answers how many. */
    async prepareMailing(input: { campaignId: string; stageId: string }): Promise<{ recipients: number }> {
      const stage = await loadMailingStage(db, input.stageId);
      const notMailing = `Stage ${input.stageId} is not a MAILING stage of campaign ${input.campaignId}`;
      if (!stage || stage.campaignId !== input.campaignId) throw new AppError('NOT_FOUND', notMailing);
      if (stage.type !== 'MAILING') throw new AppError('CONFLICT', notMailing);
      return { recipients: await insertDeliveries(db, input.campaignId, input.stageId) };
    },
    /**
     * Sends one batch of the stage's pending deliveries (about 5,000 recipients or 30 seconds),
     * heartbeating its progress. `remaining` counts what is pending or in flight over the whole
     * stage; `nextAttemptAt` says when to call again when nothing can be sent now (send window,
     * back-off); `stoppedBecause` when the campaign is paused or no longer running.
     */
    async sendMailingBatch(input: { campaignId: string; stageId: string }): Promise<MailingBatchResult> {
      return runMailingBatch(dependencies, settings, input);
    },
    /** Marks what was not sent as cancelled (the campaign was cancelled); answers how many are. */
    async cancelMailing(input: { stageId: string }): Promise<{ cancelled: number }> {
      return { cancelled: await cancelDeliveries(db, input.stageId) };
    },
  };
}
