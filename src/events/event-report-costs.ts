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

/** "1234.5" → 123450n; a decimal text with at most two places, optionally negative. */
export function toCents(amount: string): bigint {
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(amount.trim());
  if (!match) throw new Error(`Not a decimal amount with at most two places: "${amount}"`);
  const [, minus, whole, fraction = ''] = match;
  const cents = BigInt(whole!) * 100n + BigInt(fraction.padEnd(2, '0'));
  return minus ? -cents : cents;
}

/** 123450n → "1234.50". */
export function fromCents(cents: bigint): string {
  const negative = cents < 0n;
  const absolute = negative ? -cents : cents;
  const text = `${absolute / 100n}.${String(absolute % 100n).padStart(2, '0')}`;
  return negative ? `-${text}` : text;
}
