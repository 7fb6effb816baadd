import { AppError } from '../../src/errors/app-error';
import type { MailingBatchResult } from '../../workflows/campaign.messages';
import type { ActivityDependencies } from '../dependencies';
import type { CohortCounts } from './list/freeze-stage-cohort';
import type { RunInput } from './list/stage-run';
import { heartbeatWhile } from './list/stage-row';
import { cancelDeliveries, insertDeliveries, insertEventInvitations, loadMailingStage } from './mailing/delivery-queries';
import { startedMailingSettings } from './started-settings';
import { freezeMailingCohort } from './mailing/mailing-cohort';
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
    /**
     * One delivery row per recipient with an address: of the stage's cohort when it has one (frozen
     * first, see freeze-stage-cohort.ts), else of the campaign's target cell; for an enrollment,
     * only its recipients. Answers how many rows the run has, and the cohort's counts.
     */
    async prepareMailing(input: RunInput): Promise<{ recipients: number; cohort?: CohortCounts }> {
      const stage = await loadMailingStage(db, input.stageId);
      const notMailing = `Stage ${input.stageId} is not a MAILING stage of campaign ${input.campaignId}`;
      if (!stage || stage.campaignId !== input.campaignId) throw new AppError('NOT_FOUND', notMailing);
      if (stage.type !== 'MAILING') throw new AppError('CONFLICT', notMailing);
      const cohort = await freezeMailingCohort(db, input);
      // A million rows take longer than the stage's heartbeat timeout (10 s): without heartbeats the attempt
      // timed out and a second one ran beside it (seen in bench/campaign-million.bench.ts).
      const recipients = await heartbeatWhile(insertDeliveries(db, { ...input, fromCohort: cohort !== null }));
      // An invitation mailing (settings.eventId): its recipients are the event's invited.
      const eventId = startedMailingSettings(stage.startedSettings)?.eventId;
      if (eventId) await heartbeatWhile(insertEventInvitations(db, { stageId: input.stageId, eventId }));
      return cohort?.counts ? { recipients, cohort: cohort.counts } : { recipients };
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
