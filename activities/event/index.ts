import type { ActivityDependencies } from '../dependencies';
import { deliverEventMail } from './deliver-event-mail';
import { queueCancellationEmails } from './event-reminders';
import { openEventTasks } from './open-event-tasks';
import { planEventSteps } from './plan-event-steps';
import { runDueEventSteps } from './run-due-event-steps';

/** EVENT_TASK_ESCALATE_AFTER's default, for factories built without it. */
export const DEFAULT_EVENT_TASK_ESCALATE_AFTER = 'P1D';

/** The activities of the event's workflow (workflows/event.workflow.ts): its dated steps and its e-mails. */
export function createEventActivities(dependencies: ActivityDependencies) {
  const { db, eventTaskEscalateAfter = DEFAULT_EVENT_TASK_ESCALATE_AFTER } = dependencies;
  return {
    planEventSteps: ({ eventId }: { eventId: string }) => planEventSteps(db, eventId, eventTaskEscalateAfter),
    openEventTasks: ({ eventId }: { eventId: string }) => openEventTasks(db, eventId),
    runDueEventSteps: ({ eventId }: { eventId: string }) => runDueEventSteps(db, eventId, eventTaskEscalateAfter),
    /** For a CANCELLED event: one `event.cancelled` e-mail per REGISTERED or WAITING registration. */
    queueEventCancellationEmails: async ({ eventId }: { eventId: string }) => ({ queued: await queueCancellationEmails(db, eventId) }),
    deliverEventMail: ({ eventId }: { eventId: string }) => deliverEventMail(dependencies, eventId),
  };
}

export type EventActivities = ReturnType<typeof createEventActivities>;
