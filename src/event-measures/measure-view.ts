import type { EventMeasure } from '../generated/prisma/client';
import { explainMeasure } from './explain-measure';
import { MeasureDefinition, type MeasureView } from './measures.schemas';

/** The stored definition, read back through its schema (it was written through it). */
export const storedDefinition = (measure: Pick<EventMeasure, 'definition'>): MeasureDefinition => MeasureDefinition.parse(measure.definition);

/** Ratios name the measures they divide by the measures' names; `names` maps keys to names. */
export function toMeasureView(measure: EventMeasure, names: ReadonlyMap<string, string>): MeasureView {
  const definition = storedDefinition(measure);
  return {
    id: measure.id,
    key: measure.key,
    name: measure.name,
    description: measure.description,
    definition,
    explanation: explainMeasure(definition, names),
    eventKinds: measure.eventKinds,
    createdAt: measure.createdAt.toISOString(),
    updatedAt: measure.updatedAt.toISOString(),
    archivedAt: measure.archivedAt?.toISOString() ?? null,
  };
}
