import type { TimerAction } from '../rules/action.schemas';
import type { ActivityType, Outcome, Status, TaskType } from '../rules/lifecycle';

/** The replayed period: `from` included, `to` (the snapshot's clock) excluded. */
export interface ReplayWindow {
  from: Date;
  to: Date;
}

/** What a rule reads of an account. Only its status and "ever a client" are replayed; the rest is as it is now. */
export interface ReplayedAccount {
  id: string;
  name: string;
  /** The status now, which is the status at the window's end when nothing changed in it. */
  status: Status;
  segment: string | null;
  ownerId: string | null;
  fields: Record<string, unknown>;
  timeZone: string;
  archivedAt: Date | null;
  wasClientBefore: boolean;
}

export interface StatusChangeRow {
  fromStatus: Status | null;
  toStatus: Status;
  /** Set for a rule's change; a change with neither is a person's (creation, take into work). */
  activityId: string | null;
  timerId: string | null;
  changedAt: Date;
}

export interface ActivityRow {
  id: string;
  type: ActivityType;
  outcome: Outcome;
  occurredAt: Date;
  nextStep: { type: TaskType; dueAt: string; title?: string } | null;
  /** When it was logged: activities are applied in this order. */
  loggedAt: Date;
}

/** A person's hand on a timer, from its history: moved, or cancelled (also by completing its task, or archiving). */
export interface TimerCommand {
  at: Date;
  event: 'rescheduled' | 'cancelled';
  /** Set when moved: the new firing time. */
  to?: Date;
  /** Set when moved: the firing time before. */
  from?: Date;
}

export interface TimerRow {
  id: string;
  kind: string;
  fireAt: Date;
  state: 'PENDING' | 'FIRED' | 'CANCELLED';
  taskId: string | null;
  activityId: string | null;
  ruleId: string | null;
  ruleKey: string | null;
  createdAt: Date;
  settledAt: Date | null;
  commands: TimerCommand[];
  /** Read only for the timers pending when the window starts: what they do when they fire. */
  onFire: TimerAction[] | null;
  why: { ruleId: string; ruleKey: string; ruleVersion: number; conditions?: string[] } | null;
}

export interface TaskRow {
  id: string;
  type: TaskType;
  ruleKey: string | null;
  activityId: string | null;
  timerId: string | null;
  dueAt: Date;
  state: 'OPEN' | 'DONE' | 'CANCELLED';
  completedAt: Date | null;
  createdAt: Date;
}

export interface EmailRow {
  kind: 'RULE_EMAIL' | 'NOTIFICATION';
  templateKey: string | null;
  ruleKey: string | null;
}

/**
 * One account's part of the window, as read from PostgreSQL: status changes, activities and e-mails
 * of the window; timers pending at some moment of it; tasks open at some moment of it.
 */
export interface AccountHistory {
  account: ReplayedAccount;
  statusChanges: StatusChangeRow[];
  activities: ActivityRow[];
  timers: TimerRow[];
  tasks: TaskRow[];
  emails: EmailRow[];
}
