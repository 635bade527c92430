/**
 * Runs of consecutive observations in the same group level: longitudinal data usually come sorted
 * by subject, and the fused data loops (linear-predictor.ts, nonlinear-kernel.ts) then walk run by
 * run, loading a level's effects into registers once per run and writing their gradients once per
 * run rather than an indexed load and read-modify-write per observation.
 */
import type { PredictorTerm } from './linear-predictor.js';

/** Where the runs of one grouping start, and their levels. */
export interface Runs {
  /** starts[u] is run u's first observation; starts[count] = n. */
  starts: Int32Array;
  /** The group level of each run. */
  levels: Int32Array;
  count: number;
}

export function runsOf(index: Int32Array): Runs {
  const starts: number[] = [];
  const levels: number[] = [];
  for (let i = 0; i < index.length; i++) {
    if (i === 0 || index[i] !== index[i - 1]) {
      starts.push(i);
      levels.push(index[i]!);
    }
  }
  starts.push(index.length);
  return { starts: Int32Array.from(starts), levels: Int32Array.from(levels), count: levels.length };
}

function sameIndex(a: Int32Array, b: Int32Array): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * The grouping with the fewest runs over all predictors' terms, and which terms (per predictor)
 * share it; null when runs are too short to pay (on average fewer than 3 observations).
 */
export function chooseRuns(predictors: { terms: PredictorTerm[] }[], n: number): { runs: Runs; inRun: Set<number>[] } | null {
  let best: { runs: Runs; index: Int32Array } | null = null;
  for (const p of predictors) {
    for (const t of p.terms) {
      const runs = runsOf(t.index);
      if (best === null || runs.count < best.runs.count) best = { runs, index: t.index };
    }
  }
  if (best === null || best.runs.count * 3 > n) return null;
  const chosen = best;
  return { runs: chosen.runs, inRun: predictors.map((p) => new Set(p.terms.flatMap((t, ti) => (sameIndex(t.index, chosen.index) ? [ti] : [])))) };
}
