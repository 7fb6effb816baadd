import type { AccountStatus } from '../../src/generated/prisma/enums';
import type { createAccountActivities } from './index';

/** A timer as the workflow keeps it: an id, what kind, and when (ISO), nothing personal. */
export interface PendingTimer {
  id: string;
  kind: string;
  fireAt: string;
}

/**
 * What an account activity changed, in ids only: it is recorded in the workflow's history,
 * so titles and notes stay in PostgreSQL and the API reads them from there.
 */
export interface AccountEffects {
  status: AccountStatus;
  previousStatus: AccountStatus;
  archived: boolean;
  taskIds: string[];
  timersStarted: PendingTimer[];
  timersEnded: string[];
  notificationIds: string[];
  /** OutboundEmail rows to deliver after the commit. Absent in results stored before e-mails existed. */
  emailIds: string[];
}

/** The effects of something that changed nothing (the account stays in `status`). */
export function noChange(status: AccountStatus): AccountEffects {
  return { status, previousStatus: status, archived: false, taskIds: [], timersStarted: [], timersEnded: [], notificationIds: [], emailIds: [] };
}

export type AccountActivities = ReturnType<typeof createAccountActivities>;
