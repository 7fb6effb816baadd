import type { Db } from '../src/db/prisma';
import type { Mailer } from '../src/mail/mailer';
import type { CollateralStore } from '../src/collateral/collateral-store';

export interface ActivityDependencies {
  db: Db;
  mailer: Mailer;
  /** Base of every link put in an e-mail. */
  publicUrl: string;
  /** ISO duration: how soon a campaign stage waiting for responses is planned again (CAMPAIGN_RESPONSE_RECHECK; default PT5M). */
  responseRecheck?: string;
  /** ISO duration: how long an event's OPEN task may be overdue before it is escalated (EVENT_TASK_ESCALATE_AFTER; default P1D). */
  eventTaskEscalateAfter?: string;
  /** The collateral library's files, which MAILING stages attach; absent: a stage with attached files fails its batches. */
  collateralStore?: CollateralStore;
  /** MAIL_ATTACHMENTS_MAX_SIZE in bytes (default 5 MB): what a MAILING stage's attached files may add up to. */
  mailAttachmentsMaxBytes?: number;
  /** COLLATERAL_LINK_TTL in milliseconds (default 30 days): how long a download link in a campaign message works. */
  collateralLinkTtlMs?: number;
}
