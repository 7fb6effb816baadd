import type { ActivityDependencies } from '../dependencies';
import { deliverOutbox, type OutboxDelivery } from './deliver-outbox';

/** The mail outbox's one activity: workflows run it after the step that wrote the rows has answered. */
export function createOutboxActivities(dependencies: ActivityDependencies) {
  return {
    /** Sends the outbox rows not sent yet; fails (and is retried) while the SMTP server is unavailable. */
    deliverMail: ({ emailIds }: { emailIds: string[] }): Promise<OutboxDelivery> => deliverOutbox(dependencies, emailIds),
  };
}

export type OutboxActivities = ReturnType<typeof createOutboxActivities>;
