/**
 * Pareto smoothed importance sampling (Vehtari, Simpson, Gelman, Yao & Gabry 2024, "Pareto smoothed
 * importance sampling", JMLR 25(72); used for LOO in Vehtari, Gelman & Gabry 2017).
 *
 * Given S log importance ratios r_s:
 *  1. shift them so that the largest is 0 (w_s = exp(r_s - max r) <= 1);
 *  2. the tail is the M largest, M = ceil(min(0.2 S, 3 sqrt(S / r_eff)));
 *  3. fit a generalized Pareto distribution to the tail's exceedances w - w_cut over the largest
 *     weight outside the tail, w_cut (gpd.ts: Zhang & Stephens with the prior toward k = 0.5);
 *  4. replace the z-th smallest tail weight by w_cut + F^-1((z - 1/2) / M), z = 1..M (expected order
 *     statistics of the fitted GPD), keeping the draws' order;
 *  5. truncate every weight at the largest raw weight;
 *  6. normalise (the returned log weights have log-sum-exp 0).
 * k-hat (the fitted shape) is the diagnostic: reliable below min(1 - 1/log10(S), 0.7).
 * Special cases: M < 5 (S < 25 or so) -> no smoothing, k = Infinity (too few draws to judge); a tail
 * whose weights are all equal -> no smoothing, k = -Infinity (the ratios are bounded: nothing to fit).
 */

import { gpdFit, gpdQuantile } from './gpd.js';

export interface PsisResult {
  /** Smoothed, truncated and normalised log weights (log-sum-exp = 0), in the order of the input. */
  logWeights: Float64Array;
  /** Estimated Pareto shape of the tail of the importance ratios. */
  paretoK: number;
  /** Tail length used. */
  tailLength: number;
}

/** M = ceil(min(0.2 S, 3 sqrt(S / r_eff))). */
export function psisTailLength(S: number, rEff = 1): number {
  return Math.ceil(Math.min(0.2 * S, 3 * Math.sqrt(S / rEff)));
}

/** The sample-size-dependent k-hat threshold of Vehtari et al. (2024): min(1 - 1/log10(S), 0.7). */
export function paretoKThreshold(S: number): number {
  return Math.min(1 - 1 / Math.log10(S), 0.7);
}

/**
 * PSIS on one vector of log importance ratios (not modified). rEff (relative MCMC efficiency of the
 * ratios, default 1) lengthens the tail for autocorrelated draws. Throws RangeError on NaN/+Infinity
 * ratios, an empty input or a non-positive rEff.
 */
export function psis(logRatios: ArrayLike<number>, rEff = 1): PsisResult {
  const S = logRatios.length;
  if (S === 0) throw new RangeError('psis: no log ratios');
  if (!(rEff > 0) || !Number.isFinite(rEff)) throw new RangeError(`psis: r_eff must be a positive finite number, got ${rEff}`);
  let max = -Infinity;
  for (let s = 0; s < S; s++) {
    const r = logRatios[s];
    if (Number.isNaN(r) || r === Infinity) throw new RangeError(`psis: log ratio ${s} is ${r}`);
    if (r > max) max = r;
  }
  if (max === -Infinity) throw new RangeError('psis: every log ratio is -Infinity');
  const lw = new Float64Array(S);
  for (let s = 0; s < S; s++) lw[s] = logRatios[s] - max;

  // Order by the ratios themselves (r - max can merge distinct ratios), ties by position; every sum
  // below runs in this order, so the result does not depend on the order of the draws.
  const order = new Uint32Array(S);
  for (let s = 0; s < S; s++) order[s] = s;
  order.sort((a, b) => logRatios[a] - logRatios[b] || a - b);

  const M = psisTailLength(S, rEff);
  let k = Infinity;
  if (M >= 5) {
    const first = S - M; // position in `order` of the smallest tail draw
    const cutoff = lw[order[first - 1]];
    const tailMin = lw[order[first]];
    const tailMax = lw[order[S - 1]]; // 0
    if (tailMax - tailMin < Number.EPSILON / 100) {
      k = -Infinity;
    } else {
      const wCut = Math.exp(cutoff);
      const exceed = new Float64Array(M);
      for (let z = 0; z < M; z++) exceed[z] = Math.max(0, Math.exp(lw[order[first + z]]) - wCut);
      const fit = gpdFit(exceed);
      k = fit.k;
      if (Number.isFinite(k)) {
        for (let z = 0; z < M; z++) {
          const q = gpdQuantile((z + 0.5) / M, k, fit.sigma);
          // Never below the cutoff (exp/log round trips can lose an ulp).
          lw[order[first + z]] = Math.max(cutoff, Math.log(q + wCut));
        }
      } else {
        k = Infinity;
      }
    }
  }
  // Truncate at the largest raw weight (0 after the shift), then normalise.
  let m = -Infinity;
  for (let s = 0; s < S; s++) {
    if (lw[s] > 0) lw[s] = 0;
    if (lw[s] > m) m = lw[s];
  }
  let acc = 0;
  for (let j = 0; j < S; j++) acc += Math.exp(lw[order[j]] - m);
  const norm = m + Math.log(acc);
  for (let s = 0; s < S; s++) lw[s] -= norm;
  return { logWeights: lw, paretoK: k, tailLength: M };
}
