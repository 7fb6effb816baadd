/**
 * Comparing two proportions: the target cell of a campaign's list against its test cell (kept apart).
 * Pure arithmetic, no I/O, so that the formulas can be checked against known values.
 *
 *   absolute lift  d = p_target - p_test
 *   relative lift  d / p_test (null when p_test is 0)
 *   interval       d ± z(0.975) · sqrt(p_t(1 - p_t)/n_t + p_c(1 - p_c)/n_c)       (Wald, unpooled)
 *   z-test         z = d / sqrt(p(1 - p)(1/n_t + 1/n_c)), p = (x_t + x_c)/(n_t + n_c)   (pooled)
 *   p-value        2 · (1 - Φ(|z|)) = erfc(|z| / √2)                                  (two-sided)
 */

/** z(0.975): the two-sided 95% quantile of the standard normal distribution. */
export const Z_95 = 1.959963984540054;

/** Below these the normal approximation behind the interval and the z-test is not to be trusted. */
export const MIN_CELL_SIZE = 30;
export const MIN_SUCCESSES_OR_FAILURES = 10;

export interface ProportionComparison {
  targetRate: number;
  testRate: number;
  absoluteLift: number;
  /** null when the test rate is 0 (nothing to divide by). */
  relativeLift: number | null;
  /** 95% Wald interval of the absolute lift, unpooled standard error. */
  low: number;
  high: number;
  /** null when the pooled standard error is 0 (both cells all successes or all failures). */
  zScore: number | null;
  pValue: number | null;
  /** A cell under MIN_CELL_SIZE, or under MIN_SUCCESSES_OR_FAILURES successes or failures in a cell. */
  smallSample: boolean;
}

/** Target x_t of n_t against test x_c of n_c (both n > 0): the unrounded comparison. */
export function compareProportions(target: { successes: number; n: number }, test: { successes: number; n: number }): ProportionComparison {
  if (target.n <= 0 || test.n <= 0) throw new RangeError('both cells need at least one member');
  const pt = target.successes / target.n;
  const pc = test.successes / test.n;
  const difference = pt - pc;
  const unpooled = Math.sqrt((pt * (1 - pt)) / target.n + (pc * (1 - pc)) / test.n);
  const pooledRate = (target.successes + test.successes) / (target.n + test.n);
  const pooled = Math.sqrt(pooledRate * (1 - pooledRate) * (1 / target.n + 1 / test.n));
  const zScore = pooled === 0 ? null : difference / pooled;
  return {
    targetRate: pt,
    testRate: pc,
    absoluteLift: difference,
    relativeLift: pc === 0 ? null : difference / pc,
    low: difference - Z_95 * unpooled,
    high: difference + Z_95 * unpooled,
    zScore,
    pValue: zScore === null ? null : Math.min(1, erfc(Math.abs(zScore) / Math.SQRT2)),
    smallSample: isSmallSample(target) || isSmallSample(test),
  };
}

/** The rule of thumb for the normal approximation: at least 30 members, 10 successes and 10 failures. */
export function isSmallSample({ successes, n }: { successes: number; n: number }): boolean {
  return n < MIN_CELL_SIZE || successes < MIN_SUCCESSES_OR_FAILURES || n - successes < MIN_SUCCESSES_OR_FAILURES;
}

/**
 * The complementary error function, with a fractional error under 1.2e-7 everywhere (Chebyshev
 * fit, Numerical Recipes' erfcc): also in the far tail, so a tiny p-value keeps its significant digits.
 */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const value =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? value : 2 - value;
}

/** Rounded to a number of decimals (rates, lifts); -0 becomes 0. */
export const roundTo = (value: number, decimals: number) => Math.round(value * 10 ** decimals) / 10 ** decimals + 0;

/** Rounded to significant digits (p-values, which can be tiny). */
export const roundSignificant = (value: number, digits: number) => (value === 0 ? 0 : Number(value.toPrecision(digits)));
