import type { Chains, DrawMatrix } from './draws.js';
import { shouldReturnNaN } from './draws.js';
import { correctedMean, mean, variance } from './moments.js';
import { VariableDraws } from './variable.js';

/**
 * Classic potential scale reduction of m chains of n draws (posterior's .rhat):
 * B = n var(chain means), W = mean chain variance, sqrt((B / W + n - 1) / n).
 * NaN for non-finite or constant input.
 */
export function rhatCore(x: DrawMatrix): number {
  if (shouldReturnNaN(x.values)) return NaN;
  const m = x.chains;
  const n = x.iterations;
  const values = x.values;
  const chainMeans = new Float64Array(m);
  let withinSum = 0;
  for (let c = 0; c < m; c++) {
    const from = c * n;
    const end = from + n;
    let sum = 0;
    for (let i = from; i < end; i++) sum += values[i];
    const chainMean = correctedMean(values, from, end, sum);
    let squares = 0;
    for (let i = from; i < end; i++) {
      const d = values[i] - chainMean;
      squares += d * d;
    }
    chainMeans[c] = chainMean;
    withinSum += squares / (n - 1);
  }
  const between = n * variance(chainMeans, mean(chainMeans));
  const within = withinSum / m;
  return Math.sqrt((between / within + n - 1) / n);
}

/** Rank-normalised split R-hat of the bulk: rhat_core(z_scale(split_chains(x))). */
export function rhatBulkOf(v: VariableDraws): number {
  return rhatCore(v.zSplit);
}

/** Rank-normalised split R-hat of the folded draws: rhat_core(z_scale(split_chains(fold(x)))). */
export function rhatTailOf(v: VariableDraws): number {
  if (!Number.isFinite(v.median)) return NaN; // folding about an infinite / NaN median gives NaN draws
  return rhatCore(v.zFoldedSplit);
}

export function rhatOf(v: VariableDraws): number {
  const bulk = rhatBulkOf(v);
  const tail = rhatTailOf(v);
  return Number.isNaN(bulk) || Number.isNaN(tail) ? NaN : Math.max(bulk, tail);
}

/**
 * R-hat as posterior's rhat(): the larger of the rank-normalised split R-hat of the draws and of the
 * draws folded about their median (Vehtari et al. 2021). Works on ranks, so infinite draws are allowed;
 * NaN when a draw is NaN or all draws are equal.
 */
export function rhat(x: Chains | VariableDraws): number {
  return rhatOf(VariableDraws.from(x));
}

/** Split R-hat without rank normalisation (posterior's rhat_basic). */
export function rhatBasic(x: Chains | VariableDraws): number {
  return rhatCore(VariableDraws.from(x).split);
}

