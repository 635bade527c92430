/**
 * The chi-square test of uniform SBC ranks. The p-value is the chi-square survival function
 * Q(df / 2, x / 2), the regularised upper incomplete gamma from @strata/core.
 */
import { incompleteGamma, lgamma } from '@strata/core';

/** log Gamma(x) (core's, from @stdlib). */
export const logGamma: (x: number) => number = lgamma;

/** Regularised upper incomplete gamma Q(a, x) = 1 - P(a, x) (core's, the small tail computed directly). */
export function upperIncompleteGamma(a: number, x: number): number {
  if (!(a > 0) || Number.isNaN(x)) return Number.NaN;
  return incompleteGamma(a, x).upper;
}

/** P(X > x) for X ~ chi-square(df). */
export function chiSquareSurvival(x: number, df: number): number {
  return upperIncompleteGamma(df / 2, x / 2);
}

export interface UniformityTest {
  /** Rank counts per bin (bin k holds ranks k * (L + 1) / bins ... (k + 1) * (L + 1) / bins - 1). */
  counts: number[];
  expected: number;
  statistic: number;
  df: number;
  pValue: number;
}

/**
 * Pearson's chi-square test that ranks in 0..L are uniform, with `bins` equal bins; (L + 1) must be
 * a multiple of `bins` so that every bin holds the same number of possible ranks.
 */
export function rankUniformityTest(ranks: ArrayLike<number>, L: number, bins: number): UniformityTest {
  if (!Number.isInteger(bins) || bins < 2) throw new RangeError(`bins must be a whole number >= 2, got ${bins}`);
  if (!Number.isInteger(L) || L < 1 || (L + 1) % bins !== 0) {
    throw new RangeError(`L + 1 (${L + 1}) must be a multiple of the number of bins (${bins})`);
  }
  const width = (L + 1) / bins;
  const counts = new Array<number>(bins).fill(0);
  for (let i = 0; i < ranks.length; i++) {
    const r = ranks[i];
    if (!Number.isInteger(r) || r < 0 || r > L) throw new RangeError(`rank ${r} is outside 0..${L}`);
    counts[Math.floor(r / width)]++;
  }
  const expected = ranks.length / bins;
  let statistic = 0;
  for (const c of counts) statistic += ((c - expected) * (c - expected)) / expected;
  const df = bins - 1;
  return { counts, expected, statistic, df, pValue: ranks.length === 0 ? Number.NaN : chiSquareSurvival(statistic, df) };
}

/** Central interval of one bin's count under uniform ranks: Binomial(n, 1 / bins) quantiles. */
export function binomialInterval(n: number, p: number, level = 0.99): { lower: number; upper: number } {
  const alpha = (1 - level) / 2;
  // cumulative probabilities by the recurrence on the pmf (n is a few hundred at most)
  const logq = Math.log1p(-p);
  let pmf = Math.exp(n * logq);
  let cdf = pmf;
  let lower = -1;
  let upper = n;
  for (let k = 0; k <= n; k++) {
    if (lower < 0 && cdf >= alpha) lower = k;
    if (cdf >= 1 - alpha) {
      upper = k;
      break;
    }
    pmf *= ((n - k) / (k + 1)) * (p / (1 - p));
    cdf += pmf;
  }
  return { lower: Math.max(0, lower), upper };
}
