import type { Db } from '../src/db/prisma';
import type { Mailer } from '../src/mail/mailer';

export interface ActivityDependencies {
  db: Db;
  mailer: Mailer;
  /** Base of every link put in an e-mail. */
  publicUrl: string;
  /** ISO duration: how soon a campaign stage waiting for responses is planned again (CAMPAIGN_RESPONSE_RECHECK; default PT5M). */
  responseRecheck?: string;
  /** ISO duration: how long an event's OPEN task may be overdue before it is escalated (EVENT_TASK_ESCALATE_AFTER; default P1D). */
  eventTaskEscalateAfter?: string;
}
