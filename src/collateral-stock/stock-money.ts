import { fromCents } from '../schemas/cents';

// The stock's money, exact: values in integer cents, unit costs in ten-thousandths, every division
// rounded half up once. A stock line keeps its total value rather than a unit cost, so what leaves
// it (shipments, write-offs) plus what stays always adds up to what came in.

/** A unit cost of a request (a number with at most four decimals) in ten-thousandths. */
export const unitCostUnits = (cost: number) => BigInt(Math.round(cost * 10_000));

/** 3500n → "0.3500". */
export function fromUnits(units: bigint): string {
  return `${units / 10_000n}.${String(units % 10_000n).padStart(4, '0')}`;
}

/** `numerator / denominator` rounded half up; both not negative, the denominator above 0. */
const divideHalfUp = (numerator: bigint, denominator: bigint) => (numerator * 2n + denominator) / (denominator * 2n);

/** What `quantity` copies at `unitCost` (ten-thousandths) cost, in cents. */
export const receiptValue = (quantity: number, unitCost: bigint) => divideHalfUp(BigInt(quantity) * unitCost, 100n);

/** The share of `value` cents that `part` of `whole` copies carry, in cents (all of it when part = whole). */
export const shareOf = (value: bigint, part: number, whole: number) => (whole === 0 ? 0n : divideHalfUp(value * BigInt(part), BigInt(whole)));

/** The average cost of one copy, four places; null when nothing is on hand. */
export const averageUnitCost = (value: bigint, onHand: number) => (onHand === 0 ? null : fromUnits(divideHalfUp(value * 100n, BigInt(onHand))));

/** The largest value a numeric(14,2) column holds, in cents. */
export const MAX_VALUE_CENTS = 99_999_999_999_999n;

/** The most copies one stock line holds (an integer column, with room to spare). */
export const MAX_ON_HAND = 1_000_000_000;

export { fromCents };
