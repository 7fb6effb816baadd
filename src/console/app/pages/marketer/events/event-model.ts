import type { EventSummary, EventTaskDue, EventTaskView, EventView } from '../../../../../events/events.schemas';
import type { EventReport } from '../../../../../events/event-report.schemas';
import type { BookingView, ResourceKind, ResourceView } from '../../../../../resources/resources.schemas';
import type { PaymentState, RegistrationStatus, RegistrationView } from '../../../../../registrations/registrations.schemas';
import { msg, t, tp } from '../../../i18n/i18n';

export type { BookingView, EventReport, EventSummary, EventTaskDue, EventTaskView, EventView, PaymentState, RegistrationStatus, RegistrationView, ResourceKind, ResourceView };

export type EventStatus = EventView['status'];

// The server's lists, repeated because its modules pull in zod; `satisfies` keeps them valid.
export const eventStatuses = ['DRAFT', 'SCHEDULED', 'COMPLETED', 'CANCELLED'] as const satisfies readonly EventStatus[];
export const registrationModes = ['OPEN', 'INVITATION', 'CLOSED'] as const satisfies readonly EventView['registrationMode'][];
export const registrationStatuses = ['REGISTERED', 'WAITING', 'CANCELLED'] as const satisfies readonly RegistrationStatus[];
export const resourceKinds = ['FIXED', 'COUNTED', 'CONSUMABLE'] as const satisfies readonly ResourceKind[];

export const registrationModeLabels: Record<EventView['registrationMode'], string> = {
  OPEN: msg('Open: anyone with the link'),
  INVITATION: msg('Invitation only: a personal link per invited contact'),
  CLOSED: msg('Closed: staff register people'),
};

export const resourceKindLabels: Record<ResourceKind, string> = {
  FIXED: msg('Fixed (one event at a time: a room, a projector)'),
  COUNTED: msg('Counted (units shared by overlapping events)'),
  CONSUMABLE: msg('Consumable (taken from stock: workbooks)'),
};

export const channelLabels: Record<RegistrationView['channel'], string> = { PUBLIC: msg('Public page'), API: msg('By staff'), IMPORT: msg('Import') };

/** Marketers and admins plan events, resources and payments; managers read, register people and check in. */
export const mayPlanEvents = (role: string | undefined) => role === 'marketer' || role === 'admin';

/** Only a draft or a scheduled event changes; a completed or cancelled one is kept for analysis and copying. */
export const isChangeable = (status: EventStatus) => status === 'DRAFT' || status === 'SCHEDULED';

/** "5 business days before the start". */
export function dueInWords(due: EventTaskDue): string {
  if (due.days === 0) return (due.relativeTo === 'end' ? t('on the day of the end') : t('on the day of the start'));
  const days = due.unit === 'businessDays' ? tp(due.days, '{count} business day', '{count} business days') : tp(due.days, '{count} day', '{count} days');
  const relative = due.relativeTo === 'end' ? (due.direction === 'after' ? t('after the end') : t('before the end')) : due.direction === 'after' ? t('after the start') : t('before the start');
  return `${days} ${relative}`;
}
