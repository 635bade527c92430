/**
 * PSIS-LOO, WAIC and model comparison (Vehtari, Gelman & Gabry 2017, "Practical Bayesian model
 * evaluation using leave-one-out cross-validation and WAIC"; thresholds from Vehtari et al. 2024).
 *
 * Input everywhere: the pointwise log-likelihood, S draws x N observations, row-major
 * (logLik[s * N + i] = log p(y_i | theta_s)).
 *
 * For observation i: log ratios r_s = -logLik[s, i]; PSIS gives normalised log weights lw_s; then
 *   elpd_loo_i = log sum_s exp(lw_s + logLik[s, i])
 *   lpd_i      = log mean_s exp(logLik[s, i])
 *   p_loo_i    = lpd_i - elpd_loo_i,   looic_i = -2 elpd_loo_i,
 * totals are sums and their standard errors sqrt(N) sd(pointwise).
 */

import { paretoKThreshold, psis } from './psis.js';
import { sum, variance } from '../../stats.js';
import { logSumExp, seOfSum } from './numeric.js';

export interface LooOptions {
  /** Relative efficiency of exp(logLik[, i]) per observation (length N); default 1 for all. */
  rEff?: Float64Array;
  /** Names for the observations in warnings (length N); default "i" (1-based row numbers). */
  labels?: readonly string[];
}

export interface LooPointwise {
  elpd_loo: Float64Array;
  p_loo: Float64Array;
  looic: Float64Array;
  pareto_k: Float64Array;
  /** The Pareto k of the original PSIS fit (loo reports it next to pareto_k, which moment matching may later lower); equal to pareto_k here. */
  influence_pareto_k: Float64Array;
  /** log mean_s p(y_i | theta_s). */
  lpd: Float64Array;
}

export interface LooResult {
  elpd_loo: number;
  se_elpd_loo: number;
  p_loo: number;
  se_p_loo: number;
  looic: number;
  se_looic: number;
  pointwise: LooPointwise;
  /** min(1 - 1/log10(S), 0.7): k above it makes an observation's estimate unreliable. */
  paretoKThreshold: number;
  S: number;
  N: number;
  warnings: string[];
}

export interface WaicResult {
  elpd_waic: number;
  se_elpd_waic: number;
  p_waic: number;
  se_p_waic: number;
  waic: number;
  se_waic: number;
  pointwise: { elpd_waic: Float64Array; p_waic: Float64Array; waic: Float64Array; lpd: Float64Array };
  S: number;
  N: number;
  warnings: string[];
}

function checkLogLik(logLik: Float64Array, S: number, N: number, who: string): void {
  if (!(logLik instanceof Float64Array)) throw new TypeError(`${who}: logLik must be a Float64Array (draws x observations, row-major)`);
  if (!Number.isInteger(S) || S < 2) throw new RangeError(`${who}: S (draws) must be an integer >= 2, got ${S}`);
  if (!Number.isInteger(N) || N < 1) throw new RangeError(`${who}: N (observations) must be an integer >= 1, got ${N}`);
  if (logLik.length !== S * N) {
    throw new RangeError(`${who}: logLik has ${logLik.length} values; expected S x N = ${S} x ${N} = ${S * N}`);
  }
  for (let j = 0; j < logLik.length; j++) {
    if (!Number.isFinite(logLik[j])) {
      const s = Math.floor(j / N);
      const i = j % N;
      throw new RangeError(`${who}: logLik at draw ${s + 1}, observation ${i + 1} is ${logLik[j]} (must be finite)`);
    }
  }
}

function listObs(idx: number[], labels?: readonly string[]): string {
  const shown = idx.slice(0, 20).map((i) => (labels ? labels[i] : String(i + 1)));
  return shown.join(', ') + (idx.length > 20 ? `, ... (${idx.length - 20} more)` : '');
}

function fmt(x: number): string {
  return Number.isFinite(x) ? x.toFixed(2) : String(x);
}

/** PSIS-LOO from a draws x observations log-likelihood matrix. */
export function loo(logLik: Float64Array, S: number, N: number, options: LooOptions = {}): LooResult {
  checkLogLik(logLik, S, N, 'loo');
  const { rEff, labels } = options;
  if (rEff !== undefined) {
    if (rEff.length !== N) throw new RangeError(`loo: rEff has ${rEff.length} values; expected one per observation (${N})`);
    rEff.forEach((r, i) => {
      if (!(r > 0) || !Number.isFinite(r)) throw new RangeError(`loo: rEff for observation ${i + 1} is ${r} (must be > 0)`);
    });
  }
  if (labels !== undefined && labels.length !== N) throw new RangeError(`loo: labels has ${labels.length} entries; expected ${N}`);

  const elpd = new Float64Array(N);
  const p = new Float64Array(N);
  const ic = new Float64Array(N);
  const kk = new Float64Array(N);
  const lpd = new Float64Array(N);
  const col = new Float64Array(S);
  const ratios = new Float64Array(S);
  const tmp = new Float64Array(S);
  for (let i = 0; i < N; i++) {
    for (let s = 0; s < S; s++) {
      col[s] = logLik[s * N + i];
      ratios[s] = -col[s];
    }
    const { logWeights, paretoK } = psis(ratios, rEff ? rEff[i] : 1);
    for (let s = 0; s < S; s++) tmp[s] = logWeights[s] + col[s];
    elpd[i] = logSumExp(tmp);
    lpd[i] = logSumExp(col) - Math.log(S);
    p[i] = lpd[i] - elpd[i];
    ic[i] = -2 * elpd[i];
    kk[i] = paretoK;
  }
  const threshold = paretoKThreshold(S);
  const warnings: string[] = [];
  const over = (t: number) => Array.from(kk.keys()).filter((i) => kk[i] > t || Number.isNaN(kk[i]));
  const bad = over(0.7);
  if (bad.length > 0) {
    warnings.push(
      `Pareto k > 0.7 for ${bad.length} of ${N} observations (${listObs(bad, labels)}; max k = ${fmt(Math.max(...bad.map((i) => kk[i])))}): ` +
        'their PSIS-LOO estimates are unreliable; refit without them (exact LOO), use moment matching or K-fold CV.',
    );
  }
  if (threshold < 0.7) {
    const mid = over(threshold).filter((i) => !(kk[i] > 0.7));
    if (mid.length > 0) {
      warnings.push(
        `With S = ${S} draws the Pareto k threshold is 1 - 1/log10(S) = ${threshold.toFixed(2)}; ` +
          `${mid.length} observations exceed it (${listObs(mid, labels)}): more draws would make their estimates reliable.`,
      );
    }
  }
  const tooFew = Array.from(kk.keys()).filter((i) => kk[i] === Infinity);
  if (tooFew.length > 0 && tooFew.length === N) {
    warnings.push(`S = ${S} draws are too few to fit the Pareto tail (need a tail of at least 5 draws, about S >= 25); k is reported as Infinity.`);
  }
  const elpdSum = sum(elpd);
  const seElpd = seOfSum(elpd);
  return {
    elpd_loo: elpdSum,
    se_elpd_loo: seElpd,
    p_loo: sum(p),
    se_p_loo: seOfSum(p),
    looic: -2 * elpdSum,
    se_looic: 2 * seElpd,
    pointwise: { elpd_loo: elpd, p_loo: p, looic: ic, pareto_k: kk, influence_pareto_k: Float64Array.from(kk), lpd },
    paretoKThreshold: threshold,
    S,
    N,
    warnings,
  };
}

/**
 * WAIC (Watanabe 2010, as in Vehtari, Gelman & Gabry 2017): lpd_i - p_waic_i with p_waic_i the
 * variance over draws of logLik[, i]; warns when some p_waic_i > 0.4 (PSIS-LOO is then preferable).
 */
export function waic(logLik: Float64Array, S: number, N: number): WaicResult {
  checkLogLik(logLik, S, N, 'waic');
  const elpd = new Float64Array(N);
  const pw = new Float64Array(N);
  const w = new Float64Array(N);
  const lpd = new Float64Array(N);
  const col = new Float64Array(S);
  for (let i = 0; i < N; i++) {
    for (let s = 0; s < S; s++) col[s] = logLik[s * N + i];
    lpd[i] = logSumExp(col) - Math.log(S);
    pw[i] = variance(col);
    elpd[i] = lpd[i] - pw[i];
    w[i] = -2 * elpd[i];
  }
  const warnings: string[] = [];
  const big = Array.from(pw.keys()).filter((i) => pw[i] > 0.4);
  if (big.length > 0) {
    warnings.push(`p_waic > 0.4 for ${big.length} of ${N} observations (${listObs(big)}): WAIC may be unreliable; use PSIS-LOO.`);
  }
  const e = sum(elpd);
  const se = seOfSum(elpd);
  return {
    elpd_waic: e,
    se_elpd_waic: se,
    p_waic: sum(pw),
    se_p_waic: seOfSum(pw),
    waic: -2 * e,
    se_waic: 2 * se,
    pointwise: { elpd_waic: elpd, p_waic: pw, waic: w, lpd },
    S,
    N,
    warnings,
  };
}

/** One row of looCompare's table. */
export interface LooCompareRow {
  model: string;
  /** elpd_loo of this model minus that of the best (0 for the best, negative otherwise). */
  elpd_diff: number;
  /** sqrt(N) sd(elpd_loo_i(model) - elpd_loo_i(best)); 0 for the best. */
  se_diff: number;
  elpd_loo: number;
  se_elpd_loo: number;
  p_loo: number;
  se_p_loo: number;
  looic: number;
  se_looic: number;
}

export interface NamedLoo {
  name: string;
  loo: LooResult;
}

/**
 * Compares models fitted to the same N observations (as loo::loo_compare): rows sorted from the best
 * (highest elpd_loo) down, differences and their standard errors from the paired pointwise values.
 * Unnamed models are called model1, model2, ... in argument order.
 */
export function looCompare(...models: (LooResult | NamedLoo)[]): { rows: LooCompareRow[]; warnings: string[] } {
  if (models.length < 2) throw new RangeError(`looCompare: needs at least two models, got ${models.length}`);
  const named = models.map((m, j) => ('loo' in m && 'name' in m ? m : { name: `model${j + 1}`, loo: m as LooResult }));
  const names = new Set<string>();
  for (const m of named) {
    if (names.has(m.name)) throw new RangeError(`looCompare: two models are named "${m.name}"`);
    names.add(m.name);
  }
  const N = named[0].loo.N;
  for (const m of named) {
    if (m.loo.N !== N || m.loo.pointwise.elpd_loo.length !== N) {
      throw new RangeError(`looCompare: model "${m.name}" has ${m.loo.N} observations, "${named[0].name}" has ${N}; models must be fitted to the same data`);
    }
  }
  const order = named.map((_, j) => j).sort((a, b) => named[b].loo.elpd_loo - named[a].loo.elpd_loo || a - b);
  const best = named[order[0]].loo.pointwise.elpd_loo;
  const diff = new Float64Array(N);
  const rows = order.map((j, r) => {
    const l = named[j].loo;
    let se = 0;
    if (r > 0) {
      for (let i = 0; i < N; i++) diff[i] = l.pointwise.elpd_loo[i] - best[i];
      se = N > 1 ? seOfSum(diff) : NaN;
    }
    return {
      model: named[j].name,
      elpd_diff: r === 0 ? 0 : l.elpd_loo - named[order[0]].loo.elpd_loo,
      se_diff: se,
      elpd_loo: l.elpd_loo,
      se_elpd_loo: l.se_elpd_loo,
      p_loo: l.p_loo,
      se_p_loo: l.se_p_loo,
      looic: l.looic,
      se_looic: l.se_looic,
    };
  });
  const warnings: string[] = [];
  for (const m of named) {
    if (m.loo.warnings.length > 0) warnings.push(`model "${m.name}": ${m.loo.warnings.length} PSIS-LOO warning(s); its elpd_loo may be unreliable.`);
  }
  return { rows, warnings };
}
