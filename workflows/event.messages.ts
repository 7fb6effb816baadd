import { defineSignal } from '@temporalio/workflow';

export const eventWorkflowId = (eventId: string) => `event-${eventId}`;

export interface EventWorkflowInput {
  eventId: string;
  /** Carried over by continue-as-new: e-mails were queued that no delivery has picked up yet. */
  mailPending?: boolean;
  /** Test only: continue as new past this many history events instead of 10,000 (the API never sets it). */
  continueAsNewAfterEvents?: number;
}

export type EventStatus = 'DRAFT' | 'SCHEDULED' | 'COMPLETED' | 'CANCELLED';

/** The dated steps of an event's workflow, in the order one run of the due steps takes them. */
export type EventStep = 'registration-open' | 'registration-close' | 'reminders' | 'task-escalation' | 'end';

/** What PostgreSQL says the event's workflow has left to do, read fresh at each plan. */
export interface EventStepPlan {
  status: EventStatus;
  /** The earliest step still to run (ISO), and which; null: nothing dated is left. */
  nextStepAt: string | null;
  nextStep: EventStep | null;
  /** Tasks still PLANNED on a scheduled event: the workflow opens them (openEventTasks) before it waits. */
  tasksToOpen: number;
}

export interface DueEventStepsOutcome {
  status: EventStatus;
  /** The steps that did something. */
  ran: EventStep[];
  /** EVENT_EMAIL rows were written (reminders): deliverEventMail has work. */
  mailQueued: boolean;
  /** The escalation notifications' e-mails, for the mail outbox's own delivery. */
  notificationEmailIds: string[];
}

/** The event was edited, moved or cancelled: plan the dated steps again. */
export const eventChangedSignal = defineSignal('eventChanged');

/** Event e-mails were queued in the outbox (registrations, cancellations): deliver them. */
export const eventMailQueuedSignal = defineSignal('eventMailQueued');
