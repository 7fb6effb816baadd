import { compareProportions, erfc, isSmallSample, roundSignificant, roundTo } from '../../src/reports/lift';

/*
 * Reference values, worked by hand and checked with Python's math.erfc (exact to a double):
 *
 * 120/1000 against 80/1000:
 *   d = 0.12 - 0.08 = 0.04; relative 0.04 / 0.08 = 0.5
 *   unpooled SE = sqrt(0.12·0.88/1000 + 0.08·0.92/1000) = sqrt(0.0001792) = 0.0133866
 *   interval 0.04 ± 1.959964 · 0.0133866 = [0.0137628, 0.0662372]
 *   pooled p = 200/2000 = 0.1, SE0 = sqrt(0.1·0.9·(2/1000)) = 0.0134164, z = 2.981424
 *   p-value = erfc(2.981424/√2) = 0.0028691 (R: prop.test(c(120, 80), c(1000, 1000), correct = FALSE)
 *   gives X-squared = 8.8889 = z², p-value = 0.002869)
 *
 * 30/900 against 5/100: d = -0.0166667, relative -1/3, interval [-0.0609637, 0.0276304],
 *   z = -0.860344, p = 0.389599 (X-squared 0.74019)
 *
 * 2000/100000 against 1500/50000: d = -0.01, interval [-0.0117288, -0.0082712], z = -12.094218,
 *   p = 1.133159e-33 (the tail keeps its significant digits)
 */
describe('compareProportions', () => {
  test('120 of 1000 against 80 of 1000: the lift, its Wald interval and the pooled z-test', () => {
    const result = compareProportions({ successes: 120, n: 1000 }, { successes: 80, n: 1000 });
    expect(result.targetRate).toBe(0.12);
    expect(result.testRate).toBe(0.08);
    expect(result.absoluteLift).toBeCloseTo(0.04, 12);
    expect(result.relativeLift).toBeCloseTo(0.5, 12);
    expect(result.low).toBeCloseTo(0.013762823691, 9);
    expect(result.high).toBeCloseTo(0.066237176309, 9);
    expect(result.zScore).toBeCloseTo(2.98142397, 7);
    expect(result.pValue).toBeCloseTo(0.00286911279, 9);
    expect(result.smallSample).toBe(false);
  });

  test('a negative lift whose interval spans 0, with a test cell of 5 successes: flagged as a small sample', () => {
    const result = compareProportions({ successes: 30, n: 900 }, { successes: 5, n: 100 });
    expect(result.absoluteLift).toBeCloseTo(-0.016666667, 8);
    expect(result.relativeLift).toBeCloseTo(-1 / 3, 12);
    expect(result.low).toBeCloseTo(-0.060963694, 8);
    expect(result.high).toBeCloseTo(0.027630361, 8);
    expect(result.zScore).toBeCloseTo(-0.860344379, 8);
    expect(result.pValue).toBeCloseTo(0.389599236, 7);
    expect(result.smallSample).toBe(true);
  });

  test('a very significant difference keeps the significant digits of its tiny p-value', () => {
    const result = compareProportions({ successes: 2000, n: 100_000 }, { successes: 1500, n: 50_000 });
    expect(result.low).toBeCloseTo(-0.011728773, 8);
    expect(result.high).toBeCloseTo(-0.008271227, 8);
    expect(result.zScore).toBeCloseTo(-12.094218129, 8);
    expect(roundSignificant(result.pValue!, 4)).toBe(1.133e-33);
  });

  test('a test rate of 0 has no relative lift; both cells without any success have no z-test', () => {
    const noTestSuccess = compareProportions({ successes: 5, n: 40 }, { successes: 0, n: 10 });
    expect(noTestSuccess.relativeLift).toBeNull();
    expect(noTestSuccess.zScore).toBeCloseTo(1.178511302, 8);
    expect(noTestSuccess.pValue).toBeCloseTo(0.238592829, 7);
    const nothing = compareProportions({ successes: 0, n: 50 }, { successes: 0, n: 50 });
    expect(nothing).toMatchObject({ absoluteLift: 0, relativeLift: null, low: 0, high: 0, zScore: null, pValue: null, smallSample: true });
  });

  test('an empty cell is refused', () => {
    expect(() => compareProportions({ successes: 0, n: 0 }, { successes: 1, n: 10 })).toThrow(RangeError);
  });
});

describe('isSmallSample', () => {
  test('under 30 members, or under 10 successes or failures', () => {
    expect(isSmallSample({ successes: 10, n: 30 })).toBe(false);
    expect(isSmallSample({ successes: 10, n: 29 })).toBe(true);
    expect(isSmallSample({ successes: 9, n: 1000 })).toBe(true);
    expect(isSmallSample({ successes: 991, n: 1000 })).toBe(true);
    expect(isSmallSample({ successes: 990, n: 1000 })).toBe(false);
  });
});

describe('erfc and rounding', () => {
  test('erfc against known values (Abramowitz and Stegun, table 7.1)', () => {
    expect(erfc(0)).toBeCloseTo(1, 7);
    expect(erfc(1)).toBeCloseTo(0.157299207, 7);
    expect(erfc(-1)).toBeCloseTo(1.842700793, 7);
    expect(erfc(1.959963985 / Math.SQRT2)).toBeCloseTo(0.05, 7);
  });

  test('rounding to decimals and to significant digits', () => {
    expect(roundTo(0.0137628237, 6)).toBe(0.013763);
    expect(roundTo(-0.0000001, 6)).toBe(0);
    expect(Object.is(roundTo(-0.0000001, 6), -0)).toBe(false);
    expect(roundSignificant(0.00286911279, 4)).toBe(0.002869);
    expect(roundSignificant(0, 4)).toBe(0);
  });
});
