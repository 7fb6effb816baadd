import { z } from 'zod';

/** The client lifecycle of SPEC.md, in process order. */
export const statuses = [
  'NEW',
  'POTENTIAL',
  'CONTACT_ESTABLISHED',
  'MEETING_HELD',
  'CONTRACT_SIGNED',
  'CLIENT',
  'REFUSED',
  'LOST',
] as const;

export const activityTypes = ['CALL', 'MEETING', 'EMAIL', 'FAX', 'NOTE'] as const;

export const outcomes = [
  'CONTACT_MADE',
  'NO_ANSWER',
  'WRONG_NUMBER',
  'COMPANY_NOT_FOUND',
  'MEETING_HELD',
  'CONTRACT_SIGNED',
  'PAYMENT_CONFIRMED',
  'REFUSED',
  'INTERESTED',
] as const;

// A closed list rather than free strings: task lists and reports group by type.
export const taskTypes = [
  'CALL',
  'MEETING',
  'EMAIL',
  'CORRECT_CONTACT_DETAILS',
  'FOLLOW_UP',
  'RECONTACT',
  'OTHER',
] as const;

export const Status = z.enum(statuses).meta({ id: 'AccountStatus' });
export type Status = z.output<typeof Status>;

export const ActivityType = z.enum(activityTypes).meta({ id: 'ActivityType' });
export type ActivityType = z.output<typeof ActivityType>;

export const Outcome = z.enum(outcomes).meta({ id: 'ActivityOutcome' });
export type Outcome = z.output<typeof Outcome>;

export const TaskType = z.enum(taskTypes).meta({ id: 'TaskType' });
export type TaskType = z.output<typeof TaskType>;

/** Statuses no rule may set: NEW comes from creation or import, POTENTIAL from "take into work". */
export const manualOnlyStatuses: Readonly<Partial<Record<Status, string>>> = {
  NEW: 'NEW is set only when an account is created or imported',
  POTENTIAL: 'POTENTIAL is set only by taking an account into work',
};
