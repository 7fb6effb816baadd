import type { ActivityType, Outcome, Status, TaskType } from '../../rules/lifecycle';
import { msg, t } from './i18n/i18n';

// The server's lists are zod enums: importing them would bundle zod into the console, so the
// values are repeated here and `satisfies` keeps them in step with the server's types.
export const ACCOUNT_STATUSES = ['NEW', 'POTENTIAL', 'CONTACT_ESTABLISHED', 'MEETING_HELD', 'CONTRACT_SIGNED', 'CLIENT', 'REFUSED', 'LOST'] as const satisfies readonly Status[];
export const ACTIVITY_TYPES = ['CALL', 'MEETING', 'EMAIL', 'FAX', 'NOTE'] as const satisfies readonly ActivityType[];
export const OUTCOMES = [
  'CONTACT_MADE',
  'NO_ANSWER',
  'WRONG_NUMBER',
  'COMPANY_NOT_FOUND',
  'INTERESTED',
  'MEETING_HELD',
  'CONTRACT_SIGNED',
  'PAYMENT_CONFIRMED',
  'REFUSED',
] as const satisfies readonly Outcome[];
export const TASK_TYPES = ['CALL', 'MEETING', 'EMAIL', 'FOLLOW_UP', 'CORRECT_CONTACT_DETAILS', 'RECONTACT', 'OTHER'] as const satisfies readonly TaskType[];

export type { ActivityType, Outcome, Status, TaskType };

const activityLabels: Record<ActivityType, string> = { CALL: msg('Call'), MEETING: msg('Meeting'), EMAIL: 'E-mail', FAX: msg('Fax'), NOTE: msg('Note') };
export const activityLabel = (type: string) => t(activityLabels[type as ActivityType] ?? type);

/** "task-overdue" → "Task overdue timer". */
export const timerLabel = (kind: string) => t('{kind} timer', { kind: `${kind.charAt(0).toUpperCase()}${kind.slice(1).replace(/[-_]/g, ' ')}` });
