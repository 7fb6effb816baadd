import { pendingByTimeZone } from '../../../src/campaigns/mailing-counts';
import { isSendWindowOpen, nextSendWindowOpening } from '../../../src/campaigns/send-window';
import type { SendWindow } from '../../../src/campaigns/stage-settings.schemas';
import type { Db } from '../../../src/db/prisma';
import type { FrequencyCap } from '../../../src/settings/mailing-settings';
import { stopReason, type BatchState, type ReadyMessage } from './batch-state';
import { campaignStatus, claimDeliveries, type ClaimedRow } from './delivery-queries';
import type { MailingOptions } from './mailing-options';
import type { TokenBucket } from './token-bucket';
import type { WorkQueue } from './work-queue';

export interface ClaimerInput {
  db: Db;
  stageId: string;
  campaignId: string;
  /** The database's clock when the batch started: what is SENDING since before was left by a crashed attempt. */
  startedAt: Date;
  frequencyCap: FrequencyCap | null;
  window: SendWindow | null;
  /** The time zones of the stage's pending recipients, when it has a send window. */
  zones: string[] | null;
  options: Pick<MailingOptions, 'chunkSize' | 'batchRecipients'>;
  /** Renders a claimed row's message. */
  prepare(row: ClaimedRow): ReadyMessage;
}

/**
 * Claims the batch's recipients into the queue, keeping about a second of work (at most one chunk)
 * ahead of the senders. Stops at the batch's size or time limit, when nothing is claimable, when
 * the campaign is no longer RUNNING, or when the batch is stopping; closes the queue then.
 */
export async function runClaimer(input: ClaimerInput, state: BatchState, bucket: TokenBucket, queue: WorkQueue<ReadyMessage>): Promise<void> {
  const { db, stageId, campaignId, startedAt, frequencyCap, window, zones, options, prepare } = input;
  let claimed = 0;
  // First what an earlier attempt left SENDING (it crashed mid-send): resent with the same Message-ID.
  let mode: 'recover' | 'pending' = 'recover';
  try {
    for (;;) {
      const secondsLeft = (state.deadline - Date.now()) / 1000;
      if (state.stopping() || claimed >= options.batchRecipients || secondsLeft <= 0) break;
      // About one second of sending, so a slow rate does not hold claimed rows for long.
      const limit = Math.max(1, Math.min(options.chunkSize, Math.ceil(bucket.rate), Math.ceil(bucket.rate * secondsLeft), options.batchRecipients - claimed));
      await queue.waitBelow(limit);
      if (state.stopping()) break;
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
          state.stoppedBecause = stopReason(status);
          break;
        }
        if (mode === 'recover') {
          mode = 'pending';
          continue;
        }
        state.nothingClaimable = true;
        break;
      }
      claimed += rows.length;
      for (const row of rows) {
        if (row.state === 'SKIPPED') state.counts.skipped++;
        else queue.push(prepare(row));
      }
    }
  } finally {
    queue.close();
  }
}

/**
 * When a pending row of the stage can next be claimed: its back-off over, in an open send
 * window of its time zone (computed once per zone). Null when none is pending (rows still
 * SENDING belong to a crashed attempt, which the next batch takes over at once). Never earlier
 * than a second from now, so a row locked by someone else does not make the workflow spin.
 */
export async function earliestClaimable(db: Db, stageId: string, window: SendWindow | null): Promise<Date | null> {
  const now = new Date();
  let earliest: number | null = null;
  for (const zone of await pendingByTimeZone(db, stageId)) {
    const from = zone.readyNow || !zone.earliestRetry ? now : zone.earliestRetry;
    const at = (window ? nextSendWindowOpening(window, zone.timeZone, from) : from).getTime();
    earliest = earliest === null ? at : Math.min(earliest, at);
  }
  return earliest === null ? null : new Date(Math.max(earliest, now.getTime() + 1000));
}
