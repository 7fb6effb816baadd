import { proxyActivities } from '@temporalio/workflow';
import type { OutboxActivities } from '../activities/outbox';

// Retried while SMTP is unavailable; once the link has expired, the outbox skips the row (no SMTP
// needed), so a delivery never outlives its link by more than one retry interval.
const { deliverMail } = proxyActivities<OutboxActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});

export interface SignInLinkInput {
  /** The outbox row of the link's e-mail (kind SIGN_IN_LINK): ids only, the token stays in PostgreSQL. */
  emailId: string;
}

export const signInLinkWorkflowId = (signInLinkId: string) => `sign-in-link-${signInLinkId}`;

/** Delivers one e-mailed sign-in link through the mail outbox. */
export async function signInLinkWorkflow({ emailId }: SignInLinkInput): Promise<{ sent: number; skipped: number }> {
  return await deliverMail({ emailIds: [emailId] });
}
