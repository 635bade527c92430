/**
 * The chi-square test of uniform SBC ranks. The p-value is the chi-square survival function
 * Q(df / 2, x / 2), the regularised upper incomplete gamma, computed here (series below a + 1, Lentz's
 * continued fraction above, as Numerical Recipes' gser / gcf) with a Lanczos log-gamma.
 */

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** log Gamma(x) for x > 0 (Lanczos, g = 7; relative error about 1e-15). */
export function logGamma(x: number): number {
  if (!(x > 0)) return Number.NaN;
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let s = LANCZOS[0];
  for (let i = 1; i < 9; i++) s += LANCZOS[i] / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(s);
}

/** Regularised upper incomplete gamma Q(a, x) = 1 - P(a, x), the small tail computed directly. */
export function upperIncompleteGamma(a: number, x: number): number {
  if (!(a > 0) || Number.isNaN(x)) return Number.NaN;
  if (x <= 0) return 1;
  if (x === Infinity) return 0;
  const logFront = -x + a * Math.log(x) - logGamma(a);
  if (x < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < 100_000; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-16) break;
    }
    return 1 - Math.exp(logFront) * sum;
  }
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 100_000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(logFront) * h;
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
