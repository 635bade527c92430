/**
 * Log-space differences of probabilities, for interval censoring and two-sided truncation.
 * Slots follow the observation convention: s[0] = log value, s[1..n-1] = its partial derivatives.
 */

export const LOG_HALF = -Math.LN2;

/** log(1 - exp(-x)) for x >= 0, accurate on both sides of x = log 2 (Maechler 2012). */
export function log1mexp(x: number): number {
  return x < Math.LN2 ? Math.log(-Math.expm1(-x)) : Math.log1p(-Math.exp(-x));
}

/** log(exp(a) + exp(b)) without overflow; -Infinity when both are. */
export function logSumExp(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}

/**
 * out = log(F(b) - F(a)) from lower-tail slots fa = log F(a), fb = log F(b) (F(a) < F(b)), with
 * d out = (dfb - r dfa) / (1 - r), r = F(a) / F(b). Use it when F(a) < 1/2; otherwise logDiffUpper.
 */
export function logDiffLower(fa: Float64Array, fb: Float64Array, n: number, out: Float64Array): void {
  writeDiff(fb, fa, n, out);
}

/** out = log(S(a) - S(b)) from upper-tail slots sa = log S(a), sb = log S(b), S = 1 - F. */
export function logDiffUpper(sa: Float64Array, sb: Float64Array, n: number, out: Float64Array): void {
  writeDiff(sa, sb, n, out);
}

/** log(exp(big) - exp(small)) and its derivatives; -Infinity (zero derivatives) when not positive. */
function writeDiff(big: Float64Array, small: Float64Array, n: number, out: Float64Array): void {
  const gap = big[0] - small[0];
  if (!(gap > 0)) {
    out[0] = -Infinity;
    for (let k = 1; k < n; k++) out[k] = 0;
    return;
  }
  out[0] = big[0] + log1mexp(gap);
  const r = Math.exp(-gap);
  const inv = 1 / -Math.expm1(-gap); // 1 / (1 - r)
  for (let k = 1; k < n; k++) out[k] = (big[k] - r * small[k]) * inv;
}
