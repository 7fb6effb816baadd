import type { EventSummary, EventTaskDue, EventTaskView, EventView } from '../../../../../events/events.schemas';
import type { EventReport } from '../../../../../events/event-report.schemas';
import type { BookingView, ResourceKind, ResourceView } from '../../../../../resources/resources.schemas';
import type { PaymentState, RegistrationStatus, RegistrationView } from '../../../../../registrations/registrations.schemas';

export type { BookingView, EventReport, EventSummary, EventTaskDue, EventTaskView, EventView, PaymentState, RegistrationStatus, RegistrationView, ResourceKind, ResourceView };

export type EventStatus = EventView['status'];

// The server's lists, repeated because its modules pull in zod; `satisfies` keeps them valid.
export const eventStatuses = ['DRAFT', 'SCHEDULED', 'COMPLETED', 'CANCELLED'] as const satisfies readonly EventStatus[];
export const registrationModes = ['OPEN', 'INVITATION', 'CLOSED'] as const satisfies readonly EventView['registrationMode'][];
export const registrationStatuses = ['REGISTERED', 'WAITING', 'CANCELLED'] as const satisfies readonly RegistrationStatus[];
export const resourceKinds = ['FIXED', 'COUNTED', 'CONSUMABLE'] as const satisfies readonly ResourceKind[];

export const registrationModeLabels: Record<EventView['registrationMode'], string> = {
  OPEN: 'Open: anyone with the link',
  INVITATION: 'Invitation only: a personal link per invited contact',
  CLOSED: 'Closed: staff register people',
};

export const resourceKindLabels: Record<ResourceKind, string> = {
  FIXED: 'Fixed (one event at a time: a room, a projector)',
  COUNTED: 'Counted (units shared by overlapping events)',
  CONSUMABLE: 'Consumable (taken from stock: workbooks)',
};

export const channelLabels: Record<RegistrationView['channel'], string> = { PUBLIC: 'Public page', API: 'By staff', IMPORT: 'Import' };

/** Marketers and admins plan events, resources and payments; managers read, register people and check in. */
export const mayPlanEvents = (role: string | undefined) => role === 'marketer' || role === 'admin';

/** Only a draft or a scheduled event changes; a completed or cancelled one is kept for analysis and copying. */
export const isChangeable = (status: EventStatus) => status === 'DRAFT' || status === 'SCHEDULED';

/** "5 business days before the start". */
export function dueInWords(due: EventTaskDue): string {
  const unit = due.unit === 'businessDays' ? 'business day' : 'day';
  if (due.days === 0) return `on the day of the ${due.relativeTo}`;
  return `${due.days} ${unit}${due.days === 1 ? '' : 's'} ${due.direction} the ${due.relativeTo}`;
}
