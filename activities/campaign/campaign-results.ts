/**
 * What campaign activities answer. They are recorded in the workflow's history, so they hold
 * ids, counts and times only: names and addresses stay in PostgreSQL.
 */

/** A LIST stage's frozen list, also stored as the stage's result. */
export interface ListCounts {
  /** Contacts the segment matched when the list was frozen. */
  matched: number;
  /** Left out as duplicates of another contact (same e-mail address). */
  merged: number;
  /** Left out as unsubscribed, bounced or do-not-contact. */
  suppressed: number;
  /** Left out because they are in another running campaign's list (when the stage asks). */
  inOtherCampaigns: number;
  /** Already in this campaign's list (a second LIST stage never re-enrolls a contact). */
  alreadyListed: number;
  /** Added to the list: target plus test cell. */
  listed: number;
  target: number;
  testCell: number;
}

export interface CallTaskCounts {
  tasksCreated: number;
  /** Accounts without an owner: their task has no assignee and shows in the pool. */
  unassigned: number;
}

export interface MailingBatchResult {
  sent: number;
  failed: number;
  skipped: number;
  /** Put back for later: transient SMTP failures and throttling. */
  deferred: number;
  /** Recipients not finished yet (pending or in flight), over the whole stage. */
  remaining: number;
  /** When nothing could be claimed now: the earliest time one can (send window, back-off). */
  nextAttemptAt: string | null;
  /** The batch stopped early because the campaign is paused or no longer running. */
  stoppedBecause: 'paused' | 'ended' | null;
}

/** The template as the stage started with it: a resend after an edit sends the same message. */
export interface TemplateSnapshot {
  key: string;
  subject: string;
  text: string;
  html: string | null;
}

/** A MAILING stage's startedSettings: its settings plus the template as it was at the start. */
export interface StartedMailingSettings {
  templateKey: string;
  ratePerSecond: number;
  sendWindow?: { days: number[]; start: string; end: string };
  template: TemplateSnapshot;
}
