/**
 * The summary statistics every part of strata uses (results, LOO, plots, SBC, examples): R's type-7
 * quantile, mean, variance and sd, and the mean / sd / median / 90% interval of a set of draws.
 *
 * The quantile is @strata/diagnostics' (R's own arithmetic, the one posterior's summaries use), so a
 * q5 in fixef() and the q5 column of summary() are the same number.
 */
import { quantileOfSorted as diagnosticsQuantileOfSorted } from '@strata/diagnostics';

function checkProbability(p: number): void {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`quantile: probability must lie in [0, 1], got ${p}`);
}

/** R's type-7 quantile of ascending values (NaN when empty). */
export function quantileOfSorted(sorted: ArrayLike<number>, p: number): number {
  checkProbability(p);
  return diagnosticsQuantileOfSorted(sorted, p);
}

/** Ascending copy (NaN last). */
export function sortedCopy(x: ArrayLike<number>): Float64Array {
  return Float64Array.from(x).sort();
}

/** R's type-7 quantile (R's default, posterior's quantile2) of values in any order; NaN when empty or any value is NaN. */
export function quantile7(x: ArrayLike<number>, p: number): number {
  checkProbability(p);
  const sorted = sortedCopy(x);
  const n = sorted.length;
  return n > 0 && Number.isNaN(sorted[n - 1]) ? NaN : diagnosticsQuantileOfSorted(sorted, p);
}

/** Type-7 quantiles of values in any order, one per probability. */
export function quantiles(x: ArrayLike<number>, probs: readonly number[]): number[] {
  probs.forEach(checkProbability);
  const sorted = sortedCopy(x);
  return probs.map((p) => quantileOfSorted(sorted, p));
}

export function sum(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return s;
}

/** Arithmetic mean, summed in the order given; NaN when empty. */
export function mean(x: ArrayLike<number>): number {
  return sum(x) / x.length;
}

/** Sample variance (divisor n - 1, as R's var); NaN for n < 2. */
export function variance(x: ArrayLike<number>, m = mean(x)): number {
  const n = x.length;
  if (n < 2) return NaN;
  let s = 0;
  for (let i = 0; i < n; i++) {
    const d = x[i] - m;
    s += d * d;
  }
  return s / (n - 1);
}

/** Sample standard deviation (R's sd); NaN for n < 2. */
export function sd(x: ArrayLike<number>, m = mean(x)): number {
  return Math.sqrt(variance(x, m));
}

/** Posterior mean, sd, median and central interval of draws. */
export interface DrawSummary {
  mean: number;
  sd: number;
  median: number;
  q5: number;
  q95: number;
}

/** Mean and sd (summed in the order given), median, 5% and 95% quantiles of draws in any order. */
export function drawSummary(draws: ArrayLike<number>): DrawSummary {
  const x = sortedCopy(draws);
  const m = mean(draws);
  return { mean: m, sd: sd(draws, m), median: quantileOfSorted(x, 0.5), q5: quantileOfSorted(x, 0.05), q95: quantileOfSorted(x, 0.95) };
}

/** Mean, sd, median and the central `prob` interval of draws in any order. */
export interface IntervalSummary {
  mean: number;
  sd: number;
  median: number;
  lower: number;
  upper: number;
}

export function intervalSummary(draws: ArrayLike<number>, prob: number): IntervalSummary {
  const x = sortedCopy(draws);
  const m = mean(draws);
  return { mean: m, sd: sd(draws, m), median: quantileOfSorted(x, 0.5), lower: quantileOfSorted(x, (1 - prob) / 2), upper: quantileOfSorted(x, (1 + prob) / 2) };
}
