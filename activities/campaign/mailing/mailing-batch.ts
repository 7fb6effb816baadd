import { Context } from '@temporalio/activity';
import { ApplicationFailure, CancelledFailure } from '@temporalio/common';
import { campaignMessageId, renderCampaignMessage } from '../../../src/campaigns/campaign-message';
import { pendingByTimeZone } from '../../../src/campaigns/mailing-counts';
import { isSendWindowOpen, nextSendWindowOpening } from '../../../src/campaigns/send-window';
import { SendWindow } from '../../../src/campaigns/stage-settings.schemas';
import type { Db } from '../../../src/db/prisma';
import type { OutgoingMail } from '../../../src/mail/mailer';
import { getMailingSettings } from '../../../src/settings/mailing-settings';
import { unsubscribeSecret } from '../../../src/unsubscribe/unsubscribe-token';
import type { ActivityDependencies } from '../../dependencies';
import type { MailingBatchResult, StartedMailingSettings } from '../campaign-results';
import { campaignStatus, claimDeliveries, countRemaining, loadMailingStage, releaseDeliveries, writeOutcomes, type ClaimedRow, type DeliveryOutcome } from './delivery-queries';
import { GroupCommit, type Gathering } from './group-commit';
import { classifySendFailure } from './smtp-outcome';
import { TokenBucket } from './token-bucket';
import { WorkQueue } from './work-queue';

export interface MailingOptions {
  /** Rows claimed per statement. */
  chunkSize: number;
  /** A batch claims at most this many recipients… */
  batchRecipients: number;
  /** …and claims nothing after this long (what is claimed is then sent, or put back). */
  batchMillis: number;
  /** A transient failure is retried until the row has had this many attempts, then FAILED. */
  maxAttempts: number;
  /** Back-off after the n-th attempt failed transiently. */
  retryDelayMs(attempt: number): number;
  /** After this many connection failures in a row the SMTP server counts as down: the batch stops… */
  connectionFailuresToStop: number;
  /** …and asks to be run again after this long. */
  smtpDownPauseMs: number;
}

export const defaultMailingOptions: MailingOptions = {
  chunkSize: 100,
  batchRecipients: 5000,
  batchMillis: 30_000,
  maxAttempts: 8,
  // 1, 2, 4 … 60 minutes: eight attempts span about two hours.
  retryDelayMs: (attempt) => Math.min(60_000 * 2 ** (attempt - 1), 3_600_000),
  connectionFailuresToStop: 10,
  smtpDownPauseMs: 30_000,
};

/** Work a stopped batch leaves unsent gets this long to finish after the deadline. */
const DEADLINE_GRACE_MS = 5_000;
const HEARTBEAT_EVERY_MS = 5_000;

interface Prepared {
  contactId: string;
  attempts: number;
  mail: OutgoingMail;
}

/** The stage's started settings as the stage began; anything else means it never started. */
function startedMailingSettings(value: unknown): (Omit<StartedMailingSettings, 'sendWindow'> & { sendWindow: SendWindow | null }) | undefined {
  const settings = value as Partial<StartedMailingSettings> | null;
  if (!settings || typeof settings !== 'object' || !settings.template) return undefined;
  const { template } = settings;
  if (typeof template.subject !== 'string' || typeof template.text !== 'string') return undefined;
  const window = settings.sendWindow === undefined || settings.sendWindow === null ? null : SendWindow.safeParse(settings.sendWindow);
  if (window && !window.success) return undefined;
  const rate = typeof settings.ratePerSecond === 'number' && settings.ratePerSecond > 0 ? settings.ratePerSecond : 100;
  return { templateKey: settings.templateKey ?? template.key, ratePerSecond: rate, template, sendWindow: window ? window.data : null };
}

const stopReason = (status: string | undefined) => (status === 'PAUSED' ? 'paused' : 'ended');

/**
 * A sender sends its next message only once its previous outcome is written, so a crash leaves
 * at most one accepted message per sender unrecorded. While one sender waits for that write,
 * the other sender on its connection sends: the pool always has a message ready.
 */
export const SENDERS_PER_CONNECTION = 2;

/**
 * A write waits for one outcome per connection, or 2 ms: its senders wait that much longer,
 * while the other sender of each connection keeps it busy.
 */
const gatheringFor = (connections: number): Gathering => ({ items: connections, ms: 2 });

/**
 * One batch of a MAILING stage (see createMailingActivities). A claimer keeps about a second of
 * work (at most one chunk) ahead of the senders; SENDERS_PER_CONNECTION senders per pooled SMTP
 * connection take messages in turn, each waiting for the rate limiter and for its previous
 * outcome's write; outcomes are recorded by group commit. The claimer stops at the batch's size or
 * time limit, when nothing is claimable, when the campaign is no longer RUNNING, or when the
 * activity is cancelled.
 */
export async function runMailingBatch(dependencies: ActivityDependencies, options: MailingOptions, input: { campaignId: string; stageId: string }): Promise<MailingBatchResult> {
  const { db, mailer, publicUrl } = dependencies;
  const { stageId, campaignId } = input;
  const context = Context.current();
  const stage = await loadMailingStage(db, stageId);
  if (!stage || stage.campaignId !== campaignId || stage.type !== 'MAILING') {
    throw ApplicationFailure.nonRetryable(`Stage ${stageId} is not a MAILING stage of campaign ${campaignId}`, 'NotAMailingStage');
  }
  const settings = startedMailingSettings(stage.startedSettings);
  if (!settings) throw ApplicationFailure.nonRetryable(`Stage ${stageId} has no started settings with a template snapshot: it has not started`, 'MailingNotStarted');

  const counts = { sent: 0, failed: 0, skipped: 0, deferred: 0 };
  if (stage.campaignStatus !== 'RUNNING') {
    return { ...counts, remaining: await countRemaining(db, stageId), nextAttemptAt: null, stoppedBecause: stopReason(stage.campaignStatus) };
  }

  const window = settings.sendWindow;
  const [{ frequencyCap }, secret, zones] = await Promise.all([
    getMailingSettings(db),
    unsubscribeSecret(db),
    window ? pendingByTimeZone(db, stageId).then((groups) => groups.map((group) => group.timeZone)) : Promise.resolve(null),
  ]);
  const host = new URL(publicUrl).hostname;
  const { campaign, startedAt } = stage;
  const links = { publicUrl, secret };
  const bucket = new TokenBucket(settings.ratePerSecond);
  const queue = new WorkQueue<Prepared>();
  const heartbeat = () => context.heartbeat({ ...counts });
  const connections = Math.max(1, mailer.maxConnections ?? 1);
  const commit = new GroupCommit<DeliveryOutcome>(async (outcomes) => {
    await writeOutcomes(db, stageId, outcomes);
    heartbeat();
  }, gatheringFor(connections));
  const deadline = Date.now() + options.batchMillis;
  const unsent: string[] = [];
  let stoppedBecause: 'paused' | 'ended' | null = null;
  let nothingClaimable = false;
  let connectionFailures = 0;
  let smtpDown = false;

  const stopping = () => stoppedBecause !== null || smtpDown || commit.failed || context.cancellationSignal.aborted || Date.now() > deadline + DEADLINE_GRACE_MS;

  const prepare = (row: ClaimedRow): Prepared => ({
    contactId: row.contact_id,
    attempts: row.attempts,
    mail: { ...renderCampaignMessage(settings.template, { ...row, email: row.email!.trim() }, campaign, links), messageId: campaignMessageId(stageId, row.contact_id, host) },
  });

  async function claim(): Promise<void> {
    let claimed = 0;
    // First what an earlier attempt left SENDING (it crashed mid-send): resent with the same Message-ID.
    let mode: 'recover' | 'pending' = 'recover';
    try {
      for (;;) {
        const secondsLeft = (deadline - Date.now()) / 1000;
        if (stopping() || claimed >= options.batchRecipients || secondsLeft <= 0) break;
        // About one second of sending, so a slow rate does not hold claimed rows for long.
        const limit = Math.max(1, Math.min(options.chunkSize, Math.ceil(bucket.rate), Math.ceil(bucket.rate * secondsLeft), options.batchRecipients - claimed));
        await queue.waitBelow(limit);
        if (stopping()) break;
        let rows: ClaimedRow[];
        if (mode === 'recover') {
          rows = await claimDeliveries(db, { stageId, campaignId, limit, frequencyCap, mode: { kind: 'recover', before: startedAt } });
        } else {
          const now = new Date();
          const openZones = zones && window ? zones.filter((zone) => isSendWindowOpen(window, zone, now)) : null;
          rows = openZones?.length === 0 ? [] : await claimDeliveries(db, { stageId, campaignId, limit, frequencyCap, mode: { kind: 'pending', openZones } });
        }
        if (!rows.length) {
          const status = await campaignStatus(db, campaignId);
          if (status !== 'RUNNING') {
            stoppedBecause = stopReason(status);
            break;
          }
          if (mode === 'recover') {
            mode = 'pending';
            continue;
          }
          nothingClaimable = true;
          break;
        }
        claimed += rows.length;
        for (const row of rows) {
          if (row.state === 'SKIPPED') counts.skipped++;
          else queue.push(prepare(row));
        }
      }
    } finally {
      queue.close();
    }
  }

  function failed(item: Prepared, error: unknown): DeliveryOutcome {
    const failure = classifySendFailure(error);
    if (failure.kind === 'permanent') {
      counts.failed++;
      return { contactId: item.contactId, state: 'FAILED', reason: failure.reason, bounce: failure.bounce };
    }
    if (failure.throttled) bucket.slowDown();
    if (failure.connectionError && ++connectionFailures >= options.connectionFailuresToStop) smtpDown = true;
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
      if (stopping()) {
        unsent.push(item.contactId);
        continue;
      }
      const wait = bucket.take();
      if (wait) await wait;
      await recorded;
      if (stopping()) {
        unsent.push(item.contactId);
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
      recorded = commit.add(outcome);
    }
  }

  const ticker = setInterval(heartbeat, HEARTBEAT_EVERY_MS);
  try {
    const results = await Promise.allSettled([claim(), ...Array.from({ length: connections * SENDERS_PER_CONNECTION }, send)]);
    await commit.drain();
    if (unsent.length) await releaseDeliveries(db, stageId, unsent);
    const failure = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (failure) throw failure.reason;
  } finally {
    clearInterval(ticker);
  }
  heartbeat();
  if (context.cancellationSignal.aborted) throw new CancelledFailure('the mailing batch was cancelled');

  const remaining = await countRemaining(db, stageId);
  let nextAttemptAt: Date | null = null;
  if (remaining > 0 && stoppedBecause === null) {
    if (smtpDown) nextAttemptAt = new Date(Date.now() + options.smtpDownPauseMs);
    else if (nothingClaimable) nextAttemptAt = await earliestClaimable(db, stageId, window);
  }
  return { ...counts, remaining, nextAttemptAt: nextAttemptAt?.toISOString() ?? null, stoppedBecause };
}

/**
 * When a pending row of the stage can next be claimed: its back-off over, in an open send
 * window of its time zone (computed once per zone). Null when none is pending (rows still
 * SENDING belong to a crashed attempt, which the next batch takes over at once). Never earlier
 * than a second from now, so a row locked by someone else does not make the workflow spin.
 */
async function earliestClaimable(db: Db, stageId: string, window: SendWindow | null): Promise<Date | null> {
  const now = new Date();
  let earliest: number | null = null;
  for (const zone of await pendingByTimeZone(db, stageId)) {
    const from = zone.readyNow || !zone.earliestRetry ? now : zone.earliestRetry;
    const at = (window ? nextSendWindowOpening(window, zone.timeZone, from) : from).getTime();
    earliest = earliest === null ? at : Math.min(earliest, at);
  }
  return earliest === null ? null : new Date(Math.max(earliest, now.getTime() + 1000));
}
