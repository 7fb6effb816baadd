import type { Cohort, EventReportMeasure, MeasureDefinition, MeasureView, ReportFigure } from '../../../../../event-measures/measures.schemas';
import { msg } from '../../../i18n/i18n';

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
  activities: msg('Activities logged on their accounts'),
  statusReached: msg('Accounts reaching a status'),
  ratio: msg('A ratio of two figures'),
};
export const cohortLabels: Record<Cohort, string> = { registrants: msg('Registrants'), attendees: msg('Attendees'), noShows: msg('No-shows') };
export const windowStartLabels: Record<(typeof windowStarts)[number], string> = {
  registration: msg('their registration'),
  eventStart: msg('the event’s start'),
  eventEnd: msg('the event’s end'),
};
export const figureLabels: Record<ReportFigure, string> = {
  invited: msg('Invited'), registered: msg('Registered'), waiting: msg('Waiting'), cancelled: msg('Cancelled'), attended: msg('Attended'), noShows: msg('No-shows'),
  newAccounts: msg('New accounts'), contracts: msg('Contracts'), revenue: msg('Revenue'), plannedCost: msg('Planned cost'), actualCost: msg('Actual cost'),
};

/** A measure's value as the report shows it: a percentage with its sign, counts and ratios as numbers. */
export function measureValue(measure: EventReportMeasure): string {
  if (measure.value === null) return '—';
  const number = measure.value.toLocaleString(undefined, { maximumFractionDigits: measure.unit === 'ratio' ? 4 : 2 });
  return measure.unit === 'percent' ? `${number} %` : number;
}
