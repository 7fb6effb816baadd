import type { Status } from '../rules/lifecycle';

export interface CreatedTask {
  type: string;
  ruleKey: string | null;
  dueAt: Date;
}

export interface StartedTimer {
  kind: string;
  ruleKey: string | null;
  fireAt: Date;
}

export interface PlannedEmail {
  /** "e-mail <template key>" or "notification e-mail". */
  what: string;
  ruleKey: string | null;
}

/** What the rules did to one account over the window, really or in the replay. */
export interface WindowOutcome {
  status: Status;
  tasks: CreatedTask[];
  timers: StartedTimer[];
  emails: PlannedEmail[];
  /** Events the rules could not decide (a status loop, an unknown time zone), in words. */
  problems: string[];
}

export const templateEmail = (templateKey: string) => `e-mail ${templateKey}`;
export const notificationEmail = 'notification e-mail';
