/**
 * Bayesian R^2 (Gelman, Goodrich, Gabry & Vehtari 2019, "R-squared for Bayesian regression models",
 * The American Statistician 73(3)): for each posterior draw s,
 *   R2_s = var_fit_s / (var_fit_s + var_res_s),   var_fit_s = V_{n=1..N} mu_{s,n},
 * with the residual variance either from the model (gaussian: var_res_s = sigma_s^2) or from the
 * residuals (var_res_s = V_n (y_n - mu_{s,n}), as brms::bayes_R2 and rstanarm do). V is the sample
 * variance (divisor N - 1). Each R2_s is in [0, 1] by construction.
 */

import { mean, quantile7, variance } from '../../stats.js';

export interface BayesR2Options {
  /** Observed responses (length N): residual-based R^2. */
  y?: Float64Array;
  /** Residual sd per draw (length S): model-based R^2 (gaussian). Used when given, even if y is given too. */
  sigma?: Float64Array;
}

export interface BayesR2Result {
  /** R^2 per draw. */
  draws: Float64Array;
  mean: number;
  sd: number;
  q5: number;
  q95: number;
  method: 'model' | 'residual';
}

/** Bayesian R^2 from the expected values mu (draws x N, row-major). */
export function bayesR2(mu: Float64Array, S: number, N: number, opts: BayesR2Options): BayesR2Result {
  if (!(mu instanceof Float64Array)) throw new TypeError('bayesR2: mu must be a Float64Array (draws x observations, row-major)');
  if (!Number.isInteger(S) || S < 1) throw new RangeError(`bayesR2: S must be an integer >= 1, got ${S}`);
  if (!Number.isInteger(N) || N < 2) throw new RangeError(`bayesR2: N must be an integer >= 2, got ${N}`);
  if (mu.length !== S * N) throw new RangeError(`bayesR2: mu has ${mu.length} values; expected S x N = ${S * N}`);
  const { y, sigma } = opts ?? {};
  if (sigma === undefined && y === undefined) throw new RangeError('bayesR2: give sigma (per draw, model-based) or y (residual-based)');
  if (sigma !== undefined) {
    if (sigma.length !== S) throw new RangeError(`bayesR2: sigma has ${sigma.length} values; expected one per draw (${S})`);
    sigma.forEach((v, s) => {
      if (!(v >= 0) || !Number.isFinite(v)) throw new RangeError(`bayesR2: sigma at draw ${s + 1} is ${v} (must be finite and >= 0)`);
    });
  } else if (y !== undefined && y.length !== N) {
    throw new RangeError(`bayesR2: y has ${y.length} values; expected ${N}`);
  }
  const r2 = new Float64Array(S);
  const row = new Float64Array(N);
  const res = new Float64Array(N);
  for (let s = 0; s < S; s++) {
    for (let n = 0; n < N; n++) row[n] = mu[s * N + n];
    const vFit = variance(row);
    let vRes: number;
    if (sigma !== undefined) vRes = sigma[s] * sigma[s];
    else {
      for (let n = 0; n < N; n++) res[n] = (y as Float64Array)[n] - row[n];
      vRes = variance(res);
    }
    r2[s] = vFit / (vFit + vRes);
  }
  return {
    draws: r2,
    mean: mean(r2),
    sd: S > 1 ? Math.sqrt(variance(r2)) : NaN,
    q5: quantile7(r2, 0.05),
    q95: quantile7(r2, 0.95),
    method: sigma !== undefined ? 'model' : 'residual',
  };
}
