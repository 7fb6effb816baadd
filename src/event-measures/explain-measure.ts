import type { Cohort, MeasureDefinition, MeasureWindow, ReportFigure } from './measures.schemas';

// A measure's definition in words, as the catalog and every report show it: a figure that cannot be
// explained is not trusted.

const cohortWords: Record<Cohort, string> = { registrants: 'registrants', attendees: 'attendees', noShows: 'no-shows' };

const windowStartWords: Record<MeasureWindow['from'], string> = {
  registration: 'their registration',
  eventStart: 'the event’s start',
  eventEnd: 'the event’s end',
};

const figureWords: Record<ReportFigure, string> = {
  invited: 'invited', registered: 'registered', waiting: 'waiting', cancelled: 'cancelled', attended: 'attended', noShows: 'no-shows',
  newAccounts: 'new accounts', contracts: 'contracts', revenue: 'revenue', plannedCost: 'planned cost', actualCost: 'actual cost',
};

const either = (values: readonly string[]) => (values.length === 1 ? values[0]! : `${values.slice(0, -1).join(', ')} or ${values.at(-1)!}`);
const within = (window: MeasureWindow) => `within ${window.days} day${window.days === 1 ? '' : 's'} after ${windowStartWords[window.from]}`;

/** `measureNames` maps measure keys to names, for the measures a ratio divides. */
export function explainMeasure(definition: MeasureDefinition, measureNames: ReadonlyMap<string, string> = new Map()): string {
  const figureName = (reference: string) => (Object.hasOwn(figureWords, reference) ? figureWords[reference as ReportFigure] : `“${measureNames.get(reference) ?? reference}”`);
  switch (definition.kind) {
    case 'activities': {
      const kinds = definition.types ? `${either(definition.types)} activities` : 'activities';
      const outcome = definition.outcomes ? ` with outcome ${either(definition.outcomes)}` : '';
      const whose = `the accounts of ${cohortWords[definition.cohort]}`;
      return definition.count === 'accounts'
        ? `Accounts of ${cohortWords[definition.cohort]} with ${kinds}${outcome} ${within(definition.window)}`
        : `${kinds[0]!.toUpperCase()}${kinds.slice(1)}${outcome} logged on ${whose} ${within(definition.window)}`;
    }
    case 'statusReached':
      return `Accounts of ${cohortWords[definition.cohort]} that reached ${either(definition.statuses)} ${within(definition.window)}`;
    case 'ratio':
      return `${figureName(definition.numerator)} ÷ ${figureName(definition.denominator)}${definition.percent ? ', as a percentage' : ''}`;
  }
}
