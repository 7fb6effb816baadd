import type { OutgoingMail } from '../../../src/mail/mailer';

/** Work a stopped batch leaves unsent gets this long to finish after the deadline. */
const DEADLINE_GRACE_MS = 5_000;

export type StopReason = 'paused' | 'ended';

/** Why a batch stops when its campaign is no longer RUNNING. */
export const stopReason = (status: string | undefined): StopReason => (status === 'PAUSED' ? 'paused' : 'ended');

/** A claimed recipient with its message rendered, waiting for a sender. */
export interface ReadyMessage {
  contactId: string;
  attempts: number;
  mail: OutgoingMail;
}

/**
 * What one batch's claimer, senders and recorder share: the counts it answers, and whether it is
 * stopping. Each part sets its own reason to stop; every part checks them all.
 */
export class BatchState {
  readonly counts = { sent: 0, failed: 0, skipped: 0, deferred: 0 };
  /** Set by the claimer: the campaign is no longer RUNNING. */
  stoppedBecause: StopReason | null = null;
  /** Set by the claimer: nothing could be claimed now (send window, back-off). */
  nothingClaimable = false;
  /** Set by the senders: too many connection failures in a row. */
  smtpDown = false;

  constructor(
    /** The claimer claims nothing after this time (epoch ms). */
    readonly deadline: number,
    private readonly cancellation: AbortSignal,
    private readonly recorder: { readonly failed: boolean },
  ) {}

  stopping(): boolean {
    return this.stoppedBecause !== null || this.smtpDown || this.recorder.failed || this.cancellation.aborted || Date.now() > this.deadline + DEADLINE_GRACE_MS;
  }
}
