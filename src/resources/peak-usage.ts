import { overlaps, type Span } from './booking-span';

export interface Holding extends Span {
  quantity: number;
}

/**
 * The most units the holdings hold at one instant inside `span`. The sum only changes where a holding
 * starts, so it is enough to look at the span's start and at every start inside it.
 */
export function peakUsage(holdings: readonly Holding[], span: Span): number {
  const inSpan = holdings.filter((holding) => overlaps(holding, span));
  const instants = [span.startsAt, ...inSpan.map((holding) => holding.startsAt).filter((start) => start > span.startsAt)];
  let peak = 0;
  for (const instant of instants) {
    const held = inSpan.filter((holding) => holding.startsAt <= instant && instant < holding.endsAt).reduce((sum, holding) => sum + holding.quantity, 0);
    peak = Math.max(peak, held);
  }
  return peak;
}
