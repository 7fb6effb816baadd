import type { EventStep } from '../../workflows/event.messages';
import { reminderAt, registrationCloseAt, type EscalatableTask, type EventStepRow } from './event-step-row';

export interface PendingStep {
  step: EventStep;
  at: Date;
}

/**
 * What the event's workflow still has to do, and when, from the current row alone: a move of the
 * event changes the answer, so a timer armed for an old date finds nothing due. Each step is due at
 * `at` (or at once, when the row says it is late) and runs in the order of EventStep.
 */
export function pendingEventSteps(event: EventStepRow, tasks: readonly EscalatableTask[], now: Date): PendingStep[] {
  const steps: PendingStep[] = tasks.map((task) => ({ step: 'task-escalation', at: task.escalateAt }));
  if (event.status !== 'SCHEDULED') return event.status === 'COMPLETED' ? steps : [];
  const opensAt = event.registrationOpensAt;
  const shouldBeOpen = !opensAt || opensAt <= now;
  if (shouldBeOpen !== (event.registrationOpenedAt !== null)) steps.push({ step: 'registration-open', at: now });
  else if (!shouldBeOpen) steps.push({ step: 'registration-open', at: opensAt });
  const closeAt = registrationCloseAt(event);
  if (closeAt) {
    const shouldBeClosed = closeAt <= now;
    if (shouldBeClosed !== (event.registrationClosedAt !== null)) steps.push({ step: 'registration-close', at: now });
    else if (!shouldBeClosed) steps.push({ step: 'registration-close', at: closeAt });
  }
  const remindAt = reminderAt(event);
  // Not after the start (a late reminder says nothing); a move to a later date reminds again.
  if (remindAt && event.startsAt! > now && (!event.remindersSentAt || event.remindersSentAt < remindAt)) steps.push({ step: 'reminders', at: remindAt });
  if (event.endsAt) steps.push({ step: 'end', at: event.endsAt });
  return steps.sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** The steps due by `now`. */
export const dueEventSteps = (event: EventStepRow, tasks: readonly EscalatableTask[], now: Date): Set<EventStep> =>
  new Set(pendingEventSteps(event, tasks, now).filter((step) => step.at <= now).map((step) => step.step));
