import { fromCents, toCents } from '../schemas/cents';

/**
 * The cost figures of the event report, in exact cents: amounts arrive from PostgreSQL as decimal text
 * (sums of Decimal(14,2) columns) and leave as decimal text with two places, so no float ever rounds them.
 */
export interface EventCostTotals {
  /** Sum of the planned cost lines, e.g. "1500.00". */
  planned: string;
  /** Sum of the actual cost lines. */
  actual: string;
  /** Whether any cost line has an actual amount: if none does, the per-head figures use the plan. */
  hasActual: boolean;
}

export interface EventCostFigures {
  plannedCost: string;
  actualCost: string;
  costPerAttendee: string | null;
  costPerContract: string | null;
}

export function eventCostFigures(totals: EventCostTotals, attended: number, contracts: number): EventCostFigures {
  const basis = toCents(totals.hasActual ? totals.actual : totals.planned);
  return {
    plannedCost: fromCents(toCents(totals.planned)),
    actualCost: fromCents(toCents(totals.actual)),
    costPerAttendee: perUnit(basis, attended),
    costPerContract: perUnit(basis, contracts),
  };
}

/** `cents / units` to the cent, halves rounded away from zero; null when there is no unit to share it. */
export function perUnit(cents: bigint, units: number): string | null {
  if (units <= 0) return null;
  const divisor = BigInt(units);
  const quotient = cents / divisor;
  const remainder = cents % divisor;
  const sign = cents < 0n ? -1n : 1n;
  const rounded = remainder * 2n * sign >= divisor ? quotient + sign : quotient;
  return fromCents(rounded);
}
