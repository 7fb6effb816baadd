import type { EventMeasureCounts } from './count-measures';
import { explainMeasure } from './explain-measure';
import type { EventReportMeasure, ReportFigure } from './measures.schemas';

/** The report's own figures a ratio may divide; null where the report has none yet (no-shows before the end). */
export type ReportFigures = Record<ReportFigure, number | null>;

const round = (value: number, places: number) => Math.round(value * 10 ** places) / 10 ** places;

/** The measures of an event's report, from their counts and the report's own figures. */
export function reportMeasures({ shown, counts, names }: EventMeasureCounts, figures: ReportFigures): EventReportMeasure[] {
  const figure = (reference: string): number | null =>
    Object.hasOwn(figures, reference) ? figures[reference as ReportFigure] : (counts.get(reference)?.value ?? null);
  return shown.map(({ key, name, definition }) => {
    const explanation = explainMeasure(definition, names);
    if (definition.kind !== 'ratio') {
      const counted = counts.get(key);
      const unit = definition.kind === 'activities' && definition.count === 'activities' ? 'activities' : 'accounts';
      return { key, name, explanation, unit, value: counted?.value ?? null, windowClosesAt: counted?.windowClosesAt?.toISOString() ?? null };
    }
    const numerator = figure(definition.numerator);
    const denominator = figure(definition.denominator);
    const ratio = numerator === null || denominator === null || denominator === 0 ? null : numerator / denominator;
    return {
      key, name, explanation,
      unit: definition.percent ? 'percent' : 'ratio',
      value: ratio === null ? null : definition.percent ? round(ratio * 100, 2) : round(ratio, 4),
      windowClosesAt: null,
    };
  });
}
