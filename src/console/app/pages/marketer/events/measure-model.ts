import type { Cohort, EventReportMeasure, MeasureDefinition, MeasureView, ReportFigure } from '../../../../../event-measures/measures.schemas';

export type { EventReportMeasure, MeasureDefinition, MeasureView };

// The server's lists, repeated because its modules pull in zod; `satisfies` keeps them valid.
export const measureKinds = ['activities', 'statusReached', 'ratio'] as const satisfies readonly MeasureDefinition['kind'][];
export type MeasureKind = (typeof measureKinds)[number];
export const cohorts = ['registrants', 'attendees', 'noShows'] as const satisfies readonly Cohort[];
export const windowStarts = ['registration', 'eventStart', 'eventEnd'] as const;
export const reportFigures = [
  'invited', 'registered', 'waiting', 'cancelled', 'attended', 'noShows', 'newAccounts', 'contracts', 'revenue', 'plannedCost', 'actualCost',
] as const satisfies readonly ReportFigure[];

export const measureKindLabels: Record<MeasureKind, string> = {
  activities: 'Activities logged on their accounts',
  statusReached: 'Accounts reaching a status',
  ratio: 'A ratio of two figures',
};
export const cohortLabels: Record<Cohort, string> = { registrants: 'Registrants', attendees: 'Attendees', noShows: 'No-shows' };
export const windowStartLabels: Record<(typeof windowStarts)[number], string> = {
  registration: 'their registration',
  eventStart: 'the event’s start',
  eventEnd: 'the event’s end',
};
export const figureLabels: Record<ReportFigure, string> = {
  invited: 'Invited', registered: 'Registered', waiting: 'Waiting', cancelled: 'Cancelled', attended: 'Attended', noShows: 'No-shows',
  newAccounts: 'New accounts', contracts: 'Contracts', revenue: 'Revenue', plannedCost: 'Planned cost', actualCost: 'Actual cost',
};

/** A measure's value as the report shows it: a percentage with its sign, counts and ratios as numbers. */
export function measureValue(measure: EventReportMeasure): string {
  if (measure.value === null) return '—';
  const number = measure.value.toLocaleString(undefined, { maximumFractionDigits: measure.unit === 'ratio' ? 4 : 2 });
  return measure.unit === 'percent' ? `${number} %` : number;
}
