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
