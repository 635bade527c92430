import type { Chain, Chains } from './draws.js';
import { pooled } from './draws.js';
import { foldAscending } from './ranks.js';
import { sortedCopy } from './sort.js';

/**
 * R's quantile type 7 on an ascending array without NaN: h = 1 + (n - 1) p, linear interpolation
 * written as (1 - h) x[lo] + h x[hi] and skipped when x[lo] == x[hi], exactly as R does (this keeps
 * infinite draws from turning into NaN).
 */
export function quantileOfSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const index = 1 + (n - 1) * p;
  const lo = Math.floor(index);
  const hi = Math.ceil(index);
  const low = sorted[lo - 1];
  const high = sorted[hi - 1];
  if (index > lo && high !== low) {
    const h = index - lo;
    return (1 - h) * low + h * high;
  }
  return low;
}

/** R's median() of an ascending array without NaN: the middle draw, or the mean of the two middle draws. */
export function medianOfSorted(sorted: Float64Array): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const half = n >> 1;
  if (n % 2 === 1) return sorted[half];
  return midpoint(sorted[half - 1], sorted[half]);
}

/** (a + b) / 2 rounded once, as R's mean() of two doubles (long double sum) gives it; no overflow. */
function midpoint(a: number, b: number): number {
  const sum = a + b;
  if (Number.isFinite(sum) || !Number.isFinite(a) || !Number.isFinite(b)) return sum / 2;
  return a / 2 + b / 2;
}

/** R's mad() from the ascending absolute deviations about the median: 1.4826 * their median. */
export function madOfFolded(foldedSorted: Float64Array): number {
  return 1.4826 * medianOfSorted(foldedSorted);
}

function hasNaN(sorted: Float64Array): boolean {
  return sorted.length > 0 && Number.isNaN(sorted[sorted.length - 1]);
}

/** Quantile of type 7 (R's default) of all draws pooled; NaN when any draw is NaN (as posterior's quantile2). */
export function quantile(x: Chains | Chain, p: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`probability ${p} is outside [0, 1]`);
  const sorted = sortedCopy(pooled(x));
  return hasNaN(sorted) ? NaN : quantileOfSorted(sorted, p);
}

/** Median of all draws pooled, as R's median(); NaN when any draw is NaN. */
export function median(x: Chains | Chain): number {
  const sorted = sortedCopy(pooled(x));
  return hasNaN(sorted) ? NaN : medianOfSorted(sorted);
}

/** R's mad(): 1.4826 * median(|x - median(x)|) over all draws pooled; NaN when any draw is NaN. */
export function mad(x: Chains | Chain): number {
  const sorted = sortedCopy(pooled(x));
  if (hasNaN(sorted)) return NaN;
  return madOfFolded(foldAscending(sorted, null, medianOfSorted(sorted)).values);
}
