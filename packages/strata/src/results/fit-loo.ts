/**
 * PSIS-LOO, model comparison and Bayesian R^2 for a fit, on top of the numeric code in ./loo/.
 *
 * The S x N pointwise log-likelihood is model.pointwiseLogLik at every unconstrained draw (pooled,
 * chain-major). The relative efficiency of observation i is, as loo::relative_eff computes it,
 * ESS(exp(logLik[, i])) / S with the draws split by chain; ESS is @strata/diagnostics' essMean
 * (posterior's basic ESS on split chains). exp(logLik - max_s logLik) is used, which has the same ESS
 * and cannot underflow.
 */
import { essMean } from '@strata/diagnostics';
import { constrainedDraw, unconstrainedDraw, type FitData } from './fit-data.js';
import { paramIndex } from './draws-access.js';
import { posteriorEpred } from './posterior-draws.js';
import { bayesR2, loo, looCompare, type BayesR2Result, type LooCompareRow, type LooResult } from './loo/index.js';

/** S x N pointwise log-likelihood, row-major (logLik[s * N + i] = log p(y_i | theta_s)). */
export function logLikMatrix(fit: FitData): Float64Array {
  const S = fit.totalDraws;
  const N = fit.model.nobs;
  const out = new Float64Array(S * N);
  for (let s = 0; s < S; s++) fit.model.pointwiseLogLik(unconstrainedDraw(fit, s), out.subarray(s * N, (s + 1) * N));
  return out;
}

/** Relative efficiency per observation: essMean of exp(logLik[, i]) over the chains, divided by S (1 where ESS is undefined, e.g. constant). */
export function relativeEff(logLik: Float64Array, chains: number, iterations: number): Float64Array {
  const S = chains * iterations;
  const N = logLik.length / S;
  const out = new Float64Array(N);
  const parts = Array.from({ length: chains }, () => new Float64Array(iterations));
  for (let i = 0; i < N; i++) {
    let max = -Infinity;
    for (let s = 0; s < S; s++) max = Math.max(max, logLik[s * N + i]);
    for (let c = 0; c < chains; c++) for (let t = 0; t < iterations; t++) parts[c][t] = Math.exp(logLik[(c * iterations + t) * N + i] - max);
    const ess = essMean(parts);
    out[i] = Number.isFinite(ess) && ess > 0 ? ess / S : 1;
  }
  return out;
}

const cache = new WeakMap<FitData, LooResult>();

/** PSIS-LOO of the fit, labelled by the data rows the user sees (cached per fit). */
export function fitLoo(fit: FitData): LooResult {
  const hit = cache.get(fit);
  if (hit) return hit;
  const logLik = logLikMatrix(fit);
  const rEff = relativeEff(logLik, fit.chains, fit.iterations);
  const rows = fit.model.response.sourceRows;
  const labels = Array.from({ length: fit.model.nobs }, (_, i) => `row ${rows ? rows[i] : i + 1}`);
  const result = loo(logLik, fit.totalDraws, fit.model.nobs, { rEff, labels });
  cache.set(fit, result);
  return result;
}

/** A fit with the name it gets in looCompareFits' table. */
export interface NamedFit {
  name: string;
  fit: FitData;
}

/**
 * loo_compare for fits of the same data: rows from the best (highest elpd_loo) down. Unnamed fits are
 * called model1, model2, ... in argument order.
 */
export function looCompareFits(...models: (FitData | NamedFit)[]): { rows: LooCompareRow[]; warnings: string[] } {
  const named = models.map((m, j) => ('fit' in m && 'name' in m ? m : { name: `model${j + 1}`, fit: m as FitData }));
  const result = looCompare(...named.map((m) => ({ name: m.name, loo: fitLoo(m.fit) })));
  // As loo_compare's yhash check: the same number of rows is not the same data, and elpds of different responses do not compare.
  const first = named[0];
  for (const m of named.slice(1)) {
    const i = firstDifference(first.fit.model.response.y, m.fit.model.response.y);
    if (i >= 0) {
      result.warnings.unshift(
        `models "${first.name}" and "${m.name}" were not fitted to the same response values (they differ at observation ${i + 1}: ` +
          `${first.fit.model.response.y[i]} vs ${m.fit.model.response.y[i]}); their elpd_loo are not comparable`,
      );
    }
  }
  return result;
}

function firstDifference(a: Float64Array, b: Float64Array): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return i;
  return -1;
}

/**
 * Bayesian R^2 (./loo/r2.ts): mu_s = E[y | theta_s] per training observation (the inverse link of the
 * linear predictor; times trials for binomial); model-based with sigma_s^2 for the gaussian family with
 * an estimated scalar sigma, residual-based otherwise (also when sigma has a dpars formula; brms::bayes_R2
 * is always residual-based).
 */
export function fitBayesR2(fit: FitData): BayesR2Result {
  const { model } = fit;
  const S = fit.totalDraws;
  const N = model.nobs;
  const family = model.family;
  const mu = posteriorEpred(fit).draws;
  // a sigma with a dpars formula varies by row: residual-based then (sigmaAt -1)
  const sigmaAt = family.name === 'gaussian' && !family.knownSe ? paramIndex(model).aux[family.aux.findIndex((a) => a.name === 'sigma')] : -1;
  const sigma = sigmaAt >= 0 ? Float64Array.from({ length: S }, (_, d) => constrainedDraw(fit, d)[sigmaAt]) : null;
  return bayesR2(mu, S, N, sigma ? { sigma } : { y: model.response.y });
}
