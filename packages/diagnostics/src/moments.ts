/**
 * Means and variances as R computes them. R accumulates in long double and corrects the mean with a
 * second pass; a compensated (Neumaier) sum plus the same correction pass lands within an ulp or two.
 */

/** Neumaier-compensated sum of values[start .. end). */
function compensatedSum(values: ArrayLike<number>, start = 0, end = values.length): number {
  let sum = 0;
  let compensation = 0;
  for (let i = start; i < end; i++) {
    const v = values[i];
    const t = sum + v;
    if (Math.abs(sum) >= Math.abs(v)) compensation += sum - t + v;
    else compensation += v - t + sum;
    sum = t;
  }
  const total = sum + compensation;
  // with infinities the compensation is NaN; the plain sum carries R's answer then
  return Number.isFinite(total) ? total : sum;
}

/** R's mean(): sum / n, then (when finite) corrected by the mean of the residuals. */
export function mean(values: ArrayLike<number>, start = 0, end = values.length): number {
  const n = end - start;
  if (n <= 0) return NaN;
  let m = compensatedSum(values, start, end) / n;
  if (Number.isFinite(m)) {
    let residual = 0;
    for (let i = start; i < end; i++) residual += values[i] - m;
    m += residual / n;
  }
  return m;
}

/** Sample variance (divisor n - 1) about a given centre; NaN for fewer than two values. */
export function variance(values: ArrayLike<number>, centre: number, start = 0, end = values.length): number {
  const n = end - start;
  if (n < 2) return NaN;
  let sum = 0;
  for (let i = start; i < end; i++) {
    const d = values[i] - centre;
    sum += d * d;
  }
  return sum / (n - 1);
}

/**
 * Mean of values[start .. end) given their plain sum, refined like R's mean() by the mean of the
 * residuals, so that a large common offset does not leak into the centred values.
 */
export function correctedMean(values: ArrayLike<number>, start: number, end: number, sum: number): number {
  const n = end - start;
  const rough = sum / n;
  if (!Number.isFinite(rough)) return rough;
  let residual = 0;
  for (let i = start; i < end; i++) residual += values[i] - rough;
  return rough + residual / n;
}
