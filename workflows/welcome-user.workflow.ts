import { proxyActivities } from '@temporalio/workflow';
import type { UserActivities } from '../activities/user.activities';

const { sendWelcomeEmail } = proxyActivities<UserActivities>({
  startToCloseTimeout: '1 minute',
  // The user row commits just after the workflow starts; a few retries cover that window.
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', maximumAttempts: 20 },
});

export interface WelcomeUserInput {
  userId: string;
}

export const welcomeUserWorkflowId = (userId: string) => `user-welcome-${userId}`;

/** Sends a new user their welcome e-mail once, whatever crashes. */
export async function welcomeUserWorkflow({ userId }: WelcomeUserInput): Promise<{ messageId: string }> {
  return await sendWelcomeEmail({ userId });
}
