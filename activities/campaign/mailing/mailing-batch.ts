import { Context } from '@temporalio/activity';
import { CancelledFailure } from '@temporalio/common';
import { campaignMessageId, renderCampaignMessage } from '../../../src/campaigns/campaign-message';
import { pendingByTimeZone } from '../../../src/campaigns/mailing-counts';
import { AppError } from '../../../src/errors/app-error';
import { loadMailingEvent } from '../../../src/registrations/public-mailing-event';
import { getMailingSettings } from '../../../src/settings/mailing-settings';
import { unsubscribeSecret } from '../../../src/unsubscribe/unsubscribe-token';
import type { MailingBatchResult } from '../../../workflows/campaign.messages';
import type { ActivityDependencies } from '../../dependencies';
import { startedMailCollateral, startedMailingSettings } from '../started-settings';
import { collateralLinkSecret } from '../../../src/collateral-kits/collateral-link';
import { downloadLinks, readMailFiles, withDownloadLinks } from '../../../src/collateral-kits/mail-collateral';
import { earliestClaimable, runClaimer } from './batch-claimer';
import { startSenders } from './batch-senders';
import { BatchState, stopReason, type ReadyMessage } from './batch-state';
import { countRemaining, loadMailingStage, type ClaimedRow } from './delivery-queries';
import type { MailingOptions } from './mailing-options';
import { OutcomeRecorder } from './outcome-recorder';
import { TokenBucket } from './token-bucket';
import { WorkQueue } from './work-queue';

const HEARTBEAT_EVERY_MS = 5_000;
/** COLLATERAL_LINK_TTL's default: 30 days. */
const DEFAULT_COLLATERAL_LINK_TTL_MS = 30 * 24 * 3_600_000;

/**
 * One batch of a MAILING stage (see createMailingActivities), in three parts that share a
 * BatchState: a claimer keeps about a second of work ahead of the senders (batch-claimer);
 * SENDERS_PER_CONNECTION senders per pooled SMTP connection take messages in turn, each waiting for
 * the rate limiter and for its previous outcome's write (batch-senders); outcomes are recorded by
 * group commit, and what was claimed but not sent is put back (outcome-recorder). The claimer stops
 * at the batch's size or time limit, when nothing is claimable, when the campaign is no longer
 * RUNNING, or when the activity is cancelled.
 */
export async function runMailingBatch(dependencies: ActivityDependencies, options: MailingOptions, input: { campaignId: string; stageId: string }): Promise<MailingBatchResult> {
  const { db, mailer, publicUrl } = dependencies;
  const { stageId, campaignId } = input;
  const context = Context.current();
  const stage = await loadMailingStage(db, stageId);
  if (!stage || stage.campaignId !== campaignId) throw new AppError('NOT_FOUND', `Stage ${stageId} is not a MAILING stage of campaign ${campaignId}`);
  if (stage.type !== 'MAILING') throw new AppError('CONFLICT', `Stage ${stageId} is not a MAILING stage of campaign ${campaignId}`);
  const settings = startedMailingSettings(stage.startedSettings);
  if (!settings) throw new AppError('CONFLICT', `Stage ${stageId} has no started settings with a template snapshot: it has not started`);

  if (stage.campaignStatus !== 'RUNNING') {
    return { sent: 0, failed: 0, skipped: 0, deferred: 0, remaining: await countRemaining(db, stageId), nextAttemptAt: null, stoppedBecause: stopReason(stage.campaignStatus) };
  }

  const window = settings.sendWindow;
  const collateral = startedMailCollateral(stage.startedSettings);
  const [{ frequencyCap }, secret, zones, event, files, linkSecret] = await Promise.all([
    getMailingSettings(db),
    unsubscribeSecret(db),
    window ? pendingByTimeZone(db, stageId).then((groups) => groups.map((group) => group.timeZone)) : Promise.resolve(null),
    // An invitation's event, once per batch: the messages' event.* variables.
    settings.eventId ? loadMailingEvent(db, settings.eventId) : Promise.resolve(null),
    // Attached files, read once per batch and shared by its messages (all under MAIL_ATTACHMENTS_MAX_SIZE together).
    readMailFiles(dependencies.collateralStore, collateral.files),
    collateral.links.length ? collateralLinkSecret(db) : Promise.resolve(null),
  ]);
  // Download links work for COLLATERAL_LINK_TTL from the batch that sends them.
  const linksExpireAt = new Date(Date.now() + (dependencies.collateralLinkTtlMs ?? DEFAULT_COLLATERAL_LINK_TTL_MS));
  const links = linkSecret ? downloadLinks(collateral.links, { publicUrl, secret: linkSecret, expiresAt: linksExpireAt }) : [];
  const host = new URL(publicUrl).hostname;
  const { campaign, startedAt } = stage;
  const prepare = (row: ClaimedRow): ReadyMessage => ({
    contactId: row.contact_id,
    attempts: row.attempts,
    mail: {
      ...withDownloadLinks(renderCampaignMessage(settings.template, { ...row, email: row.email!.trim() }, campaign, { publicUrl, secret }, event), links, linksExpireAt),
      messageId: campaignMessageId(stageId, row.contact_id, host),
      ...(files.length ? { attachments: files } : {}),
    },
  });

  const bucket = new TokenBucket(settings.ratePerSecond);
  const queue = new WorkQueue<ReadyMessage>();
  const heartbeat = () => context.heartbeat({ ...state.counts });
  const connections = Math.max(1, mailer.maxConnections ?? 1);
  const recorder = new OutcomeRecorder(db, stageId, connections, heartbeat);
  const state = new BatchState(Date.now() + options.batchMillis, context.cancellationSignal, recorder);
  const { counts } = state;

  const ticker = setInterval(heartbeat, HEARTBEAT_EVERY_MS);
  try {
    const claimer = runClaimer({ db, stageId, campaignId, startedAt, frequencyCap, window, zones, options, prepare }, state, bucket, queue);
    const results = await Promise.allSettled([claimer, ...startSenders({ mailer, queue, bucket, recorder, state, options }, connections)]);
    await recorder.finish();
    const failure = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (failure) throw failure.reason;
  } finally {
    clearInterval(ticker);
  }
  heartbeat();
  if (context.cancellationSignal.aborted) throw new CancelledFailure('the mailing batch was cancelled');

  const remaining = await countRemaining(db, stageId);
  let nextAttemptAt: Date | null = null;
  if (remaining > 0 && state.stoppedBecause === null) {
    if (state.smtpDown) nextAttemptAt = new Date(Date.now() + options.smtpDownPauseMs);
    else if (state.nothingClaimable) nextAttemptAt = await earliestClaimable(db, stageId, window);
  }
  return { ...counts, remaining, nextAttemptAt: nextAttemptAt?.toISOString() ?? null, stoppedBecause: state.stoppedBecause };
}
