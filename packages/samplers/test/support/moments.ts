import type { RunResult } from '../../src/index.js';
import { column, estimateMean, type MeanEstimate } from './ess.js';

export interface MomentCheck {
  coordinate: number;
  what: 'mean' | 'variance';
  truth: number;
  estimate: MeanEstimate;
  /** |estimate - truth| / mcse */
  z: number;
}

/**
 * For each coordinate, the mean and the variance (as the mean of (x - true mean)^2) estimated
 * from all chains, with their distance to the truth in MCSE units.
 */
export function momentChecks(
  result: RunResult,
  mean: ArrayLike<number>,
  variance: ArrayLike<number>,
  coordinates: number[],
): MomentCheck[] {
  const checks: MomentCheck[] = [];
  for (const j of coordinates) {
    const xs = result.chains.map((c) => column(c.draws, c.dimension, j));
    const m = estimateMean(xs);
    checks.push({ coordinate: j, what: 'mean', truth: mean[j], estimate: m, z: Math.abs(m.mean - mean[j]) / m.mcse });
    const squares = xs.map((x) => x.map((v) => (v - mean[j]) ** 2));
    const v = estimateMean(squares);
    checks.push({ coordinate: j, what: 'variance', truth: variance[j], estimate: v, z: Math.abs(v.mean - variance[j]) / v.mcse });
  }
  return checks;
}

/** The checks further than k MCSE from the truth, described for an assertion message. */
export function failures(checks: MomentCheck[], k = 5): string[] {
  return checks
    .filter((c) => !(c.z < k))
    .map(
      (c) =>
        `${c.what}[${c.coordinate}]: ${c.estimate.mean.toPrecision(5)} vs ${c.truth} (mcse ${c.estimate.mcse.toPrecision(3)}, ess ${c.estimate.ess.toFixed(0)}, z ${c.z.toFixed(2)})`,
    );
}

export function sum(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s;
}

export function average(a: ArrayLike<number>): number {
  return sum(a) / a.length;
}

/** Concatenation of one stat over all chains. */
export function pooledStat<K extends keyof RunResult['chains'][number]['stats']>(result: RunResult, key: K): number[] {
  return result.chains.flatMap((c) => Array.from(c.stats[key] as ArrayLike<number>));
}
